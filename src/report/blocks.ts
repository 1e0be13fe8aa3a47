/**
 * The pieces a report is made of (sections of paragraphs, lists, tables and charts), kept
 * apart from the builders in report-document.ts so that section builders in their own files
 * (executive summary, STRESS-DES) can use them without an import circle.
 */
import type { RenderedChart } from "./charts/render.js";
import type { Table } from "./describe-scenario.js";

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; table: Table; caption?: string; emphasise?: number[] }
  | { kind: "chart"; chart: RenderedChart }
  | { kind: "heading"; text: string };

export interface Section {
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle?: string;
  provenance: string;
  sections: Section[];
}

export const paragraph = (text: string): Block => ({ kind: "paragraph", text });
export const list = (items: string[]): Block => ({ kind: "list", items });
export const heading = (text: string): Block => ({ kind: "heading", text });
export const table = (t: Table, caption?: string, emphasise?: number[]): Block => ({
  kind: "table",
  table: t,
  caption,
  emphasise,
});
export const chartBlock = (chart: RenderedChart): Block => ({ kind: "chart", chart });
