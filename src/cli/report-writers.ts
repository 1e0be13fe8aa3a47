/**
 * The report writers (charts drawn with chart.js on @napi-rs/canvas, HTML, Markdown, Word,
 * the workbook), loaded only when a command writes them: they are a third of bedsim's
 * start-up, which `validate` and `--version` never need. Each wrapper loads the report layer
 * on first use and calls its writer.
 */
type ReportWriters = typeof import("../report/write-report.js");

const writers = (): Promise<ReportWriters> => import("../report/write-report.js");

export { WORKBOOK } from "../report/workbook-name.js";

export const renderRunReport: ReportWriters["renderRunReport"] = async (summary) =>
  (await writers()).renderRunReport(summary);
export const renderCompareReport: ReportWriters["renderCompareReport"] = async (compare) =>
  (await writers()).renderCompareReport(compare);
export const renderSweepReport: ReportWriters["renderSweepReport"] = async (sweep) =>
  (await writers()).renderSweepReport(sweep);
/**
 * A run's workbook, loaded without the rest of the report layer: write-report.js brings in
 * the charts and @napi-rs/canvas (a native library), which a run with --no-charts never
 * draws. The same call as write-report's runWorkbookFile.
 */
export const runWorkbookFile: ReportWriters["runWorkbookFile"] = async (summary, replications) => {
  const [{ runWorkbook }, { provenanceLine, runProvenance }] = await Promise.all([
    import("../report/xlsx-run.js"),
    import("../report/charts/labels.js"),
  ]);
  return runWorkbook(summary, provenanceLine(runProvenance(summary)), replications);
};
export const compareWorkbookFile: ReportWriters["compareWorkbookFile"] = async (compare) =>
  (await writers()).compareWorkbookFile(compare);
export const sweepWorkbookFile: ReportWriters["sweepWorkbookFile"] = async (sweep) =>
  (await writers()).sweepWorkbookFile(sweep);
