/**
 * `bedsim calibrate <extract.csv> [--mapping mapping.yaml] --out model.yaml`: fits a model to a
 * spell extract, and writes the calibration report beside it. Every problem in the extract or
 * mapping is reported before anything is written; the model is checked as bedsim would load
 * it, then the model and the report are written atomically.
 */
import { createHash } from "node:crypto";
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fitToBeds } from "../backtest/fit-to-beds.js";
import { type Calibration, calibrate } from "../calibrate/calibrate.js";
import { OUT_OF_AREA_SERVICE, writeModel } from "../calibrate/write-model.js";
import { writeScenario } from "../calibrate/write-start.js";
import { censusCsv, censusOnDate } from "../data/census-on-date.js";
import { dayToIso } from "../data/extract-dates.js";
import type { SpellExtract } from "../data/spell.js";
import { calibrationWarnings } from "../report/calibration-warnings.js";
import { renderCalibrationReport } from "../report/write-calibration-report.js";
import { resultJson } from "../results/format-version.js";
import { replaceFolder } from "../results/replace-folder.js";
import type { FolderFiles } from "../results/results-folder.js";
import { displayPath, InputError } from "../scenario/input-error.js";
import { loadScenario } from "../scenario/load.js";
import type { TextFiles } from "../scenario/text-files.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { calibrationRecord } from "./calibration-record.js";
import { readExtractFile, readMappingFile } from "./extract-files.js";
import { nodeFiles } from "./node-files.js";
import { printWarnings } from "./warning-text.js";

export interface CalibrateOptions {
  mapping?: string;
  out: string;
  name?: string;
  /** Where the calibration report goes; default: beside the model, "<model>-calibration". */
  reportDir?: string;
}

/** `models/my-icb.yaml` → `models/my-icb-calibration`. */
export function defaultReportDir(modelFile: string): string {
  const { dir, name } = path.parse(modelFile);
  return path.join(dir, `${name}-calibration`);
}

export function calibrateCommand(extractFile: string, options: CalibrateOptions): void {
  const modelFile = path.resolve(options.out);
  const reportDir = path.resolve(options.reportDir ?? defaultReportDir(options.out));
  checkOutputs(options, modelFile, reportDir);

  const mapping = readMappingFile(options.mapping);
  const extract = readExtractFile(extractFile, mapping);
  const calibration = calibrate(extract, mapping.beds);
  checkEveryCohortPlaced(calibration, extractFile);

  const name = options.name ?? mapping.name ?? `Calibrated from ${path.basename(extractFile)}`;
  const extractShown = displayPath(path.resolve(extractFile));
  const mappingShown = options.mapping ? displayPath(path.resolve(options.mapping)) : undefined;
  const modelText = writeModel(calibration, {
    name,
    extractFile: extractShown,
    mappingFile: mappingShown,
    version: VERSION,
  });
  const start = startingFiles(extract, modelFile, modelText, name);

  const record = calibrationRecord(calibration, {
    modelFile: displayPath(modelFile),
    extractFile: extractShown,
    mappingFile: mappingShown,
    version: VERSION,
    manifest: {
      bedsim_version: VERSION,
      node_version: process.version,
      files: [extractFile, options.mapping]
        .filter((f): f is string => f !== undefined)
        .map((f) => ({ path: displayPath(path.resolve(f)), sha256: sha256(path.resolve(f)) })),
      run_at: new Date().toISOString(),
    },
  });
  saveOutputs(
    [
      [start.censusFile, start.censusText],
      [start.scenarioFile, start.scenarioText],
      [modelFile, modelText],
    ],
    reportDir,
    { "calibration.json": resultJson(record), ...renderCalibrationReport(record) },
  );
  printSummary(calibration, options.out, displayPath(reportDir));
  process.stdout.write(
    `Who was in hospital on ${dayToIso(extract.extractDate)} is in ${displayPath(start.censusFile)} (${start.people} people), and ${displayPath(start.scenarioFile)} runs the model from them: bedsim run ${displayPath(start.scenarioFile)}\n`,
  );
  printWarnings([...calibrationWarnings(record), ...start.moves]);
}

/** Refuses, before any fitting, outputs that cannot be written or would overwrite a stranger. */
function checkOutputs(options: CalibrateOptions, modelFile: string, reportDir: string): void {
  const outFolder = path.dirname(modelFile);
  if (!existsSync(outFolder) || !statSync(outFolder).isDirectory())
    throw InputError.at(
      undefined,
      `the folder for --out ${options.out} does not exist; create it first or choose another`,
    );
  if (existsSync(modelFile) && statSync(modelFile).isDirectory())
    throw InputError.at(
      undefined,
      `--out ${options.out} is a folder; give a file name such as models/my-icb.yaml`,
    );
  const shown = options.reportDir ?? displayPath(reportDir);
  const reportParent = path.dirname(reportDir);
  if (!existsSync(reportParent) || !statSync(reportParent).isDirectory())
    throw InputError.at(
      undefined,
      `the folder for the calibration report ${shown} does not exist; create it first or give another with --report-dir`,
    );
  if (!existsSync(reportDir)) return;
  if (!statSync(reportDir).isDirectory())
    throw InputError.at(
      undefined,
      `the calibration report goes in ${shown}, which is a file; move it or give another folder with --report-dir`,
    );
  // An earlier calibration report is replaced; any other folder is left alone.
  if (readdirSync(reportDir).length > 0 && !existsSync(path.join(reportDir, "calibration.json")))
    throw InputError.at(
      undefined,
      `${shown} already holds files that are not a calibration report, so bedsim will not replace it; give another folder with --report-dir`,
    );
}

/** A model sends each cohort to the wards that take it; one seen only out of area has none. */
function checkEveryCohortPlaced(calibration: Calibration, extractFile: string): void {
  const unplaced = calibration.cohorts.filter(
    (c) => !calibration.wards.some((w) => w.accepts.includes(c.id)),
  );
  if (unplaced.length === 0) return;
  const one = unplaced.length === 1;
  throw InputError.at(
    path.resolve(extractFile),
    `the cohort${one ? "" : "s"} ${unplaced.map((c) => `"${c.id}"`).join(", ")} ${one ? "has" : "have"} no spells on a local ward, so no ward can be said to take ${one ? "it" : "them"}; check the ward codes of ${one ? "its" : "their"} rows in the mapping`,
  );
}

/**
 * Each file is written beside its final name, then the report folder is written and renamed
 * into place, and only then are the files renamed into place, the model last: if anything
 * fails, nothing is left half-written.
 */
function saveOutputs(
  files: [file: string, text: string][],
  reportDir: string,
  reportFiles: FolderFiles,
): void {
  const temporary = (file: string) =>
    path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    for (const [file, text] of files) writeFileSync(temporary(file), text);
    replaceFolder(reportDir, reportFiles);
    for (const [file] of files) renameSync(temporary(file), file);
  } finally {
    for (const [file] of files) rmSync(temporary(file), { force: true });
  }
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

function printSummary(c: Calibration, modelFile: string, reportDir: string): void {
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(
    `Read ${c.spells.toLocaleString("en-GB")} spells admitted ${dayToIso(c.from)} to ${dayToIso(c.extractDate)} (${c.stays.open.toLocaleString("en-GB")} local spells still in hospital, censored).`,
  );
  for (const cohort of c.cohorts)
    say(
      `  ${cohort.id}: ${cohort.arrivals.perYear.value.toFixed(1)} arrivals a year; stays ${(cohort.stays ?? c.stays).ranked[0].label}, mean ${(cohort.stays ?? c.stays).ranked[0].mean.toFixed(1)} days; ${cohort.routes ? "its own discharge routes" : "the pathway's discharge routes"}`,
    );
  const best = c.stays.ranked[0];
  say(
    `  length of stay, all local spells: ${best.label} (Akaike weight ${(best.akaikeWeight * 100).toFixed(1)}%), mean ${best.mean.toFixed(1)} days`,
  );
  say(
    `  discharge routes: ${c.routes.map((r) => `${r.route} ${(r.share.value * 100).toFixed(1)}%`).join(", ")}`,
  );
  say(
    `  out of area: ${(c.outOfArea.share.value * 100).toFixed(1)}% of admissions${c.outOfArea.stayMultiplier ? `, stays ${c.outOfArea.stayMultiplier.value.toFixed(2)} times as long` : ""}`,
  );
  for (const w of c.wards)
    say(
      `  ${w.id}: ${w.beds === undefined ? "beds not in the mapping, peak census used" : `${w.beds} beds`}; at most ${w.peakCensus} on the ward on any day`,
    );
  say(`Written ${modelFile}, and the calibration report in ${reportDir} (report.html).`);
}

/**
 * The census on the day after the extract date, fitted to the model's beds, and a scenario
 * that starts the model from it. All three are loaded, as `bedsim validate` would, from their
 * texts before anything is written: one that fails is a bug in calibration, not in the data.
 */
function startingFiles(extract: SpellExtract, modelFile: string, modelText: string, name: string) {
  const { dir, name: stem } = path.parse(modelFile);
  const censusFile = path.join(dir, `${stem}-census.csv`);
  const scenarioFile = path.join(dir, `${stem}-scenario.yaml`);
  const scenarioText = writeScenario(extract, {
    id: stem,
    model: path.basename(modelFile),
    census: path.basename(censusFile),
    title: name,
  });
  const texts = new Map([
    [modelFile, modelText],
    [scenarioFile, scenarioText],
  ]);
  const files: TextFiles = {
    read: (file, max) => texts.get(file) ?? nodeFiles.read(file, max),
    resolve: nodeFiles.resolve,
  };
  const load = () => {
    try {
      return loadScenario(scenarioFile, { files });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new Error(`the calibrated model does not load (${detail})`);
    }
  };
  // The census first as it comes (it may hold more people on a ward than its beds), then
  // fitted to the beds of the model just loaded.
  texts.set(censusFile, censusCsv([]));
  const { pathway } = buildPathway(load());
  const { census, moves } = fitToBeds(
    censusOnDate(extract.spells, extract.extractDate + 1, OUT_OF_AREA_SERVICE),
    pathway,
  );
  const censusText = censusCsv(census);
  texts.set(censusFile, censusText);
  load();
  return { censusFile, censusText, scenarioFile, scenarioText, moves, people: census.length };
}
