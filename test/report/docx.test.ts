/**
 * report.docx, unzipped as Word reads it: the same document as report.html, with Word's own
 * heading styles, tables as Word tables and charts as PNG images; the executive summary first.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { renderCompareReport, renderRunReport } from "../../src/report/write-report.js";
import { comparison, runSummary } from "./load-fixtures.js";

async function parts(docx: Buffer) {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
  const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
  return { xml, media };
}

/** Paragraph texts in order, each with its style ("Heading1", "Title", …) if any. */
function paragraphs(xml: string): { style?: string; text: string }[] {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map(([, body]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(body)?.[1],
    text: [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""),
  }));
}

const runFiles = await renderRunReport(runSummary());
const run = await parts(runFiles["report.docx"] as Buffer);

describe("report.docx", () => {
  it("has the report's title and sections as Word headings, the executive summary first", () => {
    const ps = paragraphs(run.xml);
    expect(ps[0]).toEqual({ style: "Title", text: runSummary().scenario.title });
    const headings = ps.filter((p) => p.style === "Heading1").map((p) => p.text);
    expect(headings[0]).toBe("Executive summary");
    expect(headings).toEqual(
      expect.arrayContaining([
        "Results",
        "Assumptions",
        "Method",
        "STRESS-DES reporting checklist",
      ]),
    );
    const html = runFiles["report.html"] as string;
    const htmlHeadings = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(htmlHeadings);
  });

  it("has every chart as a PNG image and every table as a Word table", () => {
    const charts = Object.keys(runFiles).filter((f) => f.endsWith(".png"));
    expect(run.media).toHaveLength(charts.length);
    const html = runFiles["report.html"] as string;
    expect(run.xml.match(/<w:tbl>/g)?.length).toBe(html.match(/<table>/g)?.length);
    // The header row of each table repeats on every page.
    expect(run.xml).toContain("<w:tblHeader/>");
  });

  it("carries the findings' words and intervals", () => {
    const text = paragraphs(run.xml)
      .map((p) => p.text)
      .join("\n");
    expect(text).toMatch(/95% CI/);
    expect(text).toContain(`Seed ${runSummary().seed}`);
  });

  it("stamps every entry, and the document itself, with the run's time, not the writing's", async () => {
    const runAt = runSummary().manifest?.run_at ?? "";
    const zip = await JSZip.loadAsync(runFiles["report.docx"] as Buffer);
    // Zip times have a resolution of two seconds.
    for (const entry of Object.values(zip.files))
      expect(Math.abs(entry.date.getTime() - Date.parse(runAt)), entry.name).toBeLessThan(2000);
    const core = (await zip.file("docProps/core.xml")?.async("string")) ?? "";
    expect(core).toContain(`${runAt.slice(0, 19)}Z</dcterms:created>`);
  });

  it("is the same bytes every time from the same result file", async () => {
    const again = await renderRunReport(runSummary());
    expect((again["report.docx"] as Buffer).equals(runFiles["report.docx"] as Buffer)).toBe(true);
  });

  it("renders a comparison, with its title not joining the scenarios' titles", async () => {
    const files = await renderCompareReport(comparison());
    const { xml } = await parts(files["report.docx"] as Buffer);
    const title = paragraphs(xml)[0].text;
    expect(title).toBe("2 scenarios compared with the baseline");
    expect(title).not.toContain(";");
  });
});
