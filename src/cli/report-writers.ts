/**
 * The report writers (charts drawn with chart.js on @napi-rs/canvas, HTML, Markdown), loaded
 * only by a command that draws them: they are a third of bedsim's start-up, which `--no-charts`
 * runs, `validate` and `--version` never need. A command awaits `loadReportWriters()` once,
 * then calls the writers below as it would the report layer's own.
 */
type ReportWriters = typeof import("../report/write-report.js");

let writers: ReportWriters | undefined;

export async function loadReportWriters(): Promise<void> {
  writers ??= await import("../report/write-report.js");
}

function loaded(): ReportWriters {
  if (!writers) throw new Error("the report writers were used before loadReportWriters()");
  return writers;
}

export const renderRunReport: ReportWriters["renderRunReport"] = (summary) =>
  loaded().renderRunReport(summary);
export const renderCompareReport: ReportWriters["renderCompareReport"] = (compare) =>
  loaded().renderCompareReport(compare);
export const renderSweepReport: ReportWriters["renderSweepReport"] = (sweep) =>
  loaded().renderSweepReport(sweep);
