/**
 * The board-paper outputs of a run, a comparison or a sweep: charts (PNG and SVG),
 * report.html, report.md and report.docx (one document, three renderings), and the finance
 * workbook results.xlsx, returned as file name → contents. Nothing is written here: the
 * caller writes the files (atomically, into its run folder), creating `charts/` first.
 */

import { byWardChart } from "./charts/by-ward.js";
import { compareByYearChart } from "./charts/compare-by-year.js";
import { costByServiceChart } from "./charts/cost-by-service.js";
import type { CompareInput, RunSummaryInput, SweepInput } from "./charts/data.js";
import { delayedDischargesChart } from "./charts/delayed-discharges.js";
import { differencesChart } from "./charts/differences.js";
import {
  compareProvenance,
  type Provenance,
  provenanceLine,
  runProvenance,
  sweepProvenance,
} from "./charts/labels.js";
import { occupancyChart } from "./charts/occupancy.js";
import { outOfAreaByYearChart } from "./charts/out-of-area-by-year.js";
import { outOfAreaOverTimeChart } from "./charts/out-of-area-over-time.js";
import { type ChartSpec, type RenderedChart, renderChart } from "./charts/render.js";
import { sweepCharts } from "./charts/sweep.js";
import { documentFiles, type ReportFiles } from "./document-files.js";
import {
  compareDocument,
  type ReportDocument,
  runDocument,
  sweepDocument,
} from "./report-document.js";

// The Word writer (docx) takes a while to load: it is imported when a report is written, not
// on every start of the command line; the workbooks are workbook-files.ts's.

export type { ReportFiles };

/** The charts of a run report, in report order; charts without data are left out. */
export function runCharts(summary: RunSummaryInput): ChartSpec[] {
  return [
    occupancyChart(summary),
    outOfAreaOverTimeChart(summary),
    outOfAreaByYearChart(summary),
    delayedDischargesChart(summary),
    byWardChart(summary),
    costByServiceChart(summary),
  ].filter((c): c is ChartSpec => c !== undefined);
}

export function compareCharts(compare: CompareInput): ChartSpec[] {
  return [differencesChart(compare), compareByYearChart(compare)].filter(
    (c): c is ChartSpec => c !== undefined,
  );
}

async function files(
  specs: ChartSpec[],
  provenance: Provenance,
  document: (charts: RenderedChart[], footer: string) => ReportDocument,
): Promise<ReportFiles> {
  const footer = provenanceLine(provenance);
  const charts = specs.map((spec) => renderChart(spec, footer));
  const doc = document(charts, footer);
  const out = documentFiles(charts, doc);
  const { renderDocx } = await import("./report-docx.js");
  out["report.docx"] = await renderDocx(doc, provenance.runAt);
  return out;
}

/** Charts and report for one run (its summary.json). */
export function renderRunReport(summary: RunSummaryInput): Promise<ReportFiles> {
  return files(runCharts(summary), runProvenance(summary), (charts, footer) =>
    runDocument(summary, charts, footer),
  );
}

/** Charts and report for a comparison (compare.json). */
export function renderCompareReport(compare: CompareInput): Promise<ReportFiles> {
  return files(compareCharts(compare), compareProvenance(compare), (charts, footer) =>
    compareDocument(compare, charts, footer),
  );
}

/** Charts and report for a sweep or right-size search (sweep.json). */
export function renderSweepReport(sweep: SweepInput): Promise<ReportFiles> {
  return files(sweepCharts(sweep), sweepProvenance(sweep), (charts, footer) =>
    sweepDocument(sweep, charts, footer),
  );
}

export { WORKBOOK } from "./workbook-name.js";

/** results.xlsx of a run; `replications` (each replication's KPIs) fill its Replications sheet. */
