import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  type ReportFiles,
  renderCompareReport,
  renderRunReport,
  renderSweepReport,
  WORKBOOK,
} from "../report/write-report.js";
import type { CompareFile } from "../results/compare.js";
import { RESULT_FILES, type ResultFileName, resultFileProblem } from "../results/result-files.js";
import { ResultsFolder } from "../results/results-folder.js";
import type { RunSummaryFile } from "../results/run-summary.js";
import type { SweepFile } from "../results/sweep.js";
import { InputError } from "../scenario/input-error.js";
import { compareWorkbookFile, runWorkbookFile, sweepWorkbookFile } from "./report-writers.js";

/** Draws a file that matches its declared shape (checked by resultFileProblem first). */
function render(file: ResultFileName, data: unknown): Promise<ReportFiles> {
  if (file === "summary.json") return renderRunReport(data as RunSummaryFile);
  if (file === "compare.json") return renderCompareReport(data as CompareFile);
  return renderSweepReport(data as SweepFile);
}

/**
 * The workbook of a folder written before bedsim made one. A run's Replications sheet needs
 * each replication's unrounded values, which only the run itself has, so it is left out.
 */
function workbook(file: ResultFileName, data: unknown): Promise<Buffer> {
  if (file === "summary.json") return runWorkbookFile(data as RunSummaryFile);
  if (file === "compare.json") return compareWorkbookFile(data as CompareFile);
  return sweepWorkbookFile(data as SweepFile);
}

/**
 * `bedsim report <output-dir>`: redraws the charts and report.html/report.md of an earlier
 * run, comparison or sweep from its JSON, without simulating anything again.
 */
export async function reportCommand(folder: string): Promise<void> {
  const names = Object.keys(RESULT_FILES) as ResultFileName[];
  const file = names.find((name) => existsSync(path.join(folder, name)));
  if (!file) {
    throw InputError.at(
      folder,
      existsSync(folder)
        ? "this folder has no summary.json, compare.json, sweep.json or rightsize.json; give a folder that bedsim run, compare, sweep or rightsize wrote"
        : 'no such folder; give the folder bedsim printed after "Written to"',
    );
  }
  const jsonFile = path.join(folder, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(jsonFile, "utf8"));
  } catch (error) {
    throw InputError.at(
      jsonFile,
      `this file is not valid JSON (${(error as Error).message}); it may have been edited by hand. Run the scenario again to recreate it.`,
    );
  }
  const problem = resultFileProblem(file, data);
  if (problem) throw InputError.at(jsonFile, problem);
  const files = await render(file, data);
  // An existing workbook is the run's own, with its Replications sheet: it is kept.
  if (!existsSync(path.join(folder, WORKBOOK))) files[WORKBOOK] = await workbook(file, data);
  // Drawn in full into a temporary folder first, then swapped in: a failure leaves the old
  // charts and report as they were.
  ResultsFolder.update(folder).save(files);
  process.stdout.write(`Redrew ${Object.keys(files).length} files in ${folder}\n`);
}
