/**
 * `bedsim calibrate <extract.csv> [--mapping mapping.yaml] --out model.yaml`: fits a model to a
 * spell extract. Every problem in the extract or mapping is reported before anything is
 * written; the model is checked as bedsim would load it, then written atomically.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calibrate } from "../calibrate/calibrate.js";
import { writeModel } from "../calibrate/write-model.js";
import { dayToIso } from "../data/extract-dates.js";
import { DEFAULT_MAPPING, type ExtractMapping, readMapping } from "../data/extract-mapping.js";
import { readExtract } from "../data/read-extract.js";
import { displayPath, InputError } from "../scenario/input-error.js";
import { loadScenario } from "../scenario/load.js";
import { type FileRole, refusalMessage, type TextFiles } from "../scenario/text-files.js";
import { YamlSource } from "../scenario/yaml-source.js";
import { VERSION } from "../version.js";
import { nodeFiles } from "./node-files.js";

/** Extracts are larger than model files: 100,000 spells are about 10 MB. */
const MAX_EXTRACT_BYTES = 500 * 1024 * 1024;
const EXTRACT_FILE: FileRole = {
  what: "a spell extract (CSV)",
  extension: ".csv",
  relativeTo: "the folder you ran bedsim in",
};

export interface CalibrateOptions {
  mapping?: string;
  out: string;
  name?: string;
}

export function calibrateCommand(extractFile: string, options: CalibrateOptions): void {
  const outFolder = path.dirname(path.resolve(options.out));
  if (!existsSync(outFolder) || !statSync(outFolder).isDirectory())
    throw InputError.at(
      undefined,
      `the folder for --out ${options.out} does not exist; create it first or choose another`,
    );
  if (existsSync(options.out) && statSync(options.out).isDirectory())
    throw InputError.at(
      undefined,
      `--out ${options.out} is a folder; give a file name such as models/my-icb.yaml`,
    );

  let mapping: ExtractMapping = DEFAULT_MAPPING;
  if (options.mapping) {
    const source = YamlSource.load(nodeFiles, path.resolve(options.mapping));
    const read = readMapping(source.data, (at, message) => source.problem(at, message));
    if (!read.ok) throw new InputError(read.problems);
    mapping = read.mapping;
  }
  const text = nodeFiles.read(path.resolve(extractFile), MAX_EXTRACT_BYTES);
  if (typeof text !== "string")
    throw InputError.at(
      undefined,
      text.refused === "too-large"
        ? `${extractFile} is larger than ${MAX_EXTRACT_BYTES / 1024 / 1024} MB; split the extract by period`
        : refusalMessage(text, extractFile, EXTRACT_FILE),
    );
  const read = readExtract(text, path.resolve(extractFile), mapping);
  if (!read.ok) throw new InputError(read.problems);

  const calibration = calibrate(read.extract, mapping.beds);
  // A model sends each cohort to the wards that take it; one seen only out of area has none.
  const unplaced = calibration.cohorts.filter(
    (c) => !calibration.wards.some((w) => w.accepts.includes(c.id)),
  );
  if (unplaced.length > 0)
    throw InputError.at(
      path.resolve(extractFile),
      `the cohort${unplaced.length === 1 ? "" : "s"} ${unplaced.map((c) => `"${c.id}"`).join(", ")} ${unplaced.length === 1 ? "has" : "have"} no spells on a local ward, so no ward can be said to take ${unplaced.length === 1 ? "it" : "them"}; check the ward codes of ${unplaced.length === 1 ? "its" : "their"} rows in the mapping`,
    );
  const name = options.name ?? mapping.name ?? `Calibrated from ${path.basename(extractFile)}`;
  const modelText = writeModel(calibration, {
    name,
    extractFile: displayPath(path.resolve(extractFile)),
    mappingFile: options.mapping ? displayPath(path.resolve(options.mapping)) : undefined,
    version: VERSION,
  });
  checkAsBedsimLoadsIt(modelText, path.resolve(options.out));

  // Written beside its final name and renamed into place, so it is never half-written.
  const temporary = path.join(outFolder, `.${path.basename(options.out)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, modelText);
    renameSync(temporary, options.out);
  } finally {
    rmSync(temporary, { force: true });
  }

  const c = calibration;
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(
    `Read ${c.spells.toLocaleString("en-GB")} spells admitted ${dayToIso(c.from)} to ${dayToIso(c.extractDate)} (${c.stays.open.toLocaleString("en-GB")} local spells still in hospital, censored).`,
  );
  for (const cohort of c.cohorts)
    say(
      `  ${cohort.id}: ${cohort.arrivals.perYear.value.toFixed(1)} arrivals a year; stays ${(cohort.stays ?? c.stays).ranked[0].label}, mean ${(cohort.stays ?? c.stays).ranked[0].mean.toFixed(1)} days`,
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
  say(
    `Written ${options.out}. Name it as "model:" in a scenario, then run bedsim validate and bedsim run.`,
  );
}

/**
 * Loads the written model through the same loader as `bedsim validate`, with a one-line
 * scenario naming it; a model that fails is a bug in calibration, not in the user's data.
 */
function checkAsBedsimLoadsIt(modelText: string, modelFile: string): void {
  const scenarioFile = path.join(path.dirname(modelFile), ".bedsim-calibrate-check.yaml");
  const files: TextFiles = {
    read: (file, max) =>
      file === scenarioFile
        ? `name: check\nmodel: ${JSON.stringify(path.basename(modelFile))}\nrun: { start: 2025-04-01, years: 1, replications: 2, seed: 1 }\n`
        : file === modelFile
          ? modelText
          : nodeFiles.read(file, max),
    resolve: nodeFiles.resolve,
  };
  try {
    loadScenario(scenarioFile, { files });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`the calibrated model does not load (${detail})`);
  }
}
