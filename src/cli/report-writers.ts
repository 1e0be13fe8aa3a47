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
 * The workbooks, as files: loaded without the rest of the report layer, since write-report.js
 * brings in the charts and @napi-rs/canvas (a native library), which a run with --no-charts
 * never draws.
 */
type WorkbookFiles = typeof import("../report/workbook-files.js");

const workbooks = (): Promise<WorkbookFiles> => import("../report/workbook-files.js");

export const runWorkbookFile = async (
  ...args: Parameters<WorkbookFiles["runWorkbookBytes"]>
): Promise<Buffer> => Buffer.from(await (await workbooks()).runWorkbookBytes(...args));
export const compareWorkbookFile = async (
  ...args: Parameters<WorkbookFiles["compareWorkbookBytes"]>
): Promise<Buffer> => Buffer.from(await (await workbooks()).compareWorkbookBytes(...args));
export const sweepWorkbookFile = async (
  ...args: Parameters<WorkbookFiles["sweepWorkbookBytes"]>
): Promise<Buffer> => Buffer.from(await (await workbooks()).sweepWorkbookBytes(...args));
