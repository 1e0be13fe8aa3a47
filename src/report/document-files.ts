import type { RenderedChart } from "./charts/render.js";
import type { ReportDocument } from "./report-document.js";
import { renderHtml } from "./report-html.js";
import { renderMarkdown } from "./report-md.js";

/** Relative file name ("report.html", "charts/occupancy.png") → contents. */
export type ReportFiles = Record<string, Buffer | string>;

/**
 * A report's files as every report writes them: each chart as charts/<name>.png and .svg,
 * then the document as report.html and report.md.
 */
export function documentFiles(charts: readonly RenderedChart[], doc: ReportDocument): ReportFiles {
  const out: ReportFiles = {};
  for (const chart of charts) {
    out[`charts/${chart.name}.png`] = chart.png;
    out[`charts/${chart.name}.svg`] = chart.svg;
  }
  out["report.html"] = renderHtml(doc);
  out["report.md"] = renderMarkdown(doc);
  return out;
}
