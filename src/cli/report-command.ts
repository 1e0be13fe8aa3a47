import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CompareInput, RunSummaryInput, SweepInput } from "../report/charts/data.js";
import { RunDirectory } from "../report/run-directory.js";
import {
  type ReportFiles,
  renderCompareReport,
  renderRunReport,
  renderSweepReport,
} from "../report/write-report.js";
import { InputError } from "../scenario/input-error.js";

/** The results file each kind of output folder holds, in the order they are looked for. */
const RESULT_FILES = ["summary.json", "compare.json", "sweep.json", "rightsize.json"];

/** What the report needs at the top of each file, so a hand-edited one fails with a message. */
const SWEEP_KEYS = ["version", "seed", "replications", "scenario", "parameters", "points"];
const REQUIRED_KEYS: Record<string, string[]> = {
  "summary.json": [
    "version",
    "seed",
    "replications",
    "scenario",
    "kpis",
    "by_financial_year",
    "monthly",
  ],
  "compare.json": ["version", "seed", "replications", "baseline", "scenarios"],
  "sweep.json": SWEEP_KEYS,
  "rightsize.json": SWEEP_KEYS,
};

function render(file: string, data: unknown): ReportFiles {
  if (file === "summary.json") return renderRunReport(data as RunSummaryInput);
  if (file === "compare.json") return renderCompareReport(data as CompareInput);
  return renderSweepReport(data as SweepInput);
}

/**
 * `bedsim report <output-dir>`: redraws the charts and report.html/report.md of an earlier
 * run, comparison or sweep from its JSON, without simulating anything again.
 */
export function reportCommand(folder: string): void {
  const file = RESULT_FILES.find((name) => existsSync(path.join(folder, name)));
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
  if (!data || typeof data !== "object" || !("version" in data))
    throw InputError.at(
      jsonFile,
      "this is not a file bedsim wrote; run the scenario again to recreate it.",
    );
  const missing = REQUIRED_KEYS[file].filter((key) => !(key in data));
  if (missing.length > 0)
    throw InputError.at(
      jsonFile,
      `this file has no ${missing.map((k) => `"${k}"`).join(", ")}, which the report needs; it may have been edited by hand. Run the scenario again to recreate it.`,
    );
  const files = render(file, data);
  // Drawn in full into a temporary folder first, then swapped in: a failure leaves the old
  // charts and report as they were.
  RunDirectory.update(folder).save(files);
  process.stdout.write(`Redrew ${Object.keys(files).length} files in ${folder}\n`);
}
