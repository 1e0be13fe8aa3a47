/**
 * Calibration timing on a generated 100,000-spell extract (after a build):
 * `npm run build && node bench/calibrate.js`. Times reading the CSV, fitting everything
 * (five stay families per cohort and overall, with censoring), writing the model, and drawing
 * the calibration report (charts, HTML, Markdown) in memory.
 */
import { performance } from "node:perf_hooks";
import { calibrate } from "../dist/calibrate/calibrate.js";
import { EXAMPLE_TRUTH } from "../dist/calibrate/example-truth.js";
import { syntheticExtract } from "../dist/calibrate/synthetic-extract.js";
import { writeModel } from "../dist/calibrate/write-model.js";
import { calibrationRecord } from "../dist/cli/calibration-record.js";
import { parseExtractDate } from "../dist/data/extract-dates.js";
import { COLUMN_ROLES } from "../dist/data/extract-mapping.js";
import { readExtract } from "../dist/data/read-extract.js";
import { renderCalibrationReport } from "../dist/report/write-calibration-report.js";

// The example's figures with arrivals scaled so four years give about 100,000 spells.
const SCALE = 100_000 / 5417;
const truth = {
  ...EXAMPLE_TRUTH,
  cohorts: EXAMPLE_TRUTH.cohorts.map((c) => ({ ...c, arrivalsPerYear: c.arrivalsPerYear * SCALE })),
};
const { csv, spells } = syntheticExtract(truth);
const mapping = {
  extractDate: parseExtractDate(truth.extractDate),
  arrivalsFrom: parseExtractDate(truth.from),
  columns: { ...COLUMN_ROLES },
  wards: { W01: "a", W02: "b", W03: "c", W04: "d", W05: "e", OAP: "out_of_area" },
  beds: {},
};

const t0 = performance.now();
const read = readExtract(csv, "bench.csv", mapping);
if (!read.ok) throw new Error(read.problems[0].message);
const t1 = performance.now();
const calibration = calibrate(read.extract, {});
const t2 = performance.now();
writeModel(calibration, { name: "bench", extractFile: "bench.csv", version: "bench" });
const t3 = performance.now();
const record = calibrationRecord(calibration, {
  modelFile: "bench.yaml",
  extractFile: "bench.csv",
  version: "bench",
  manifest: { bedsim_version: "bench", files: [] },
});
renderCalibrationReport(record);
const t4 = performance.now();
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  `calibrate, ${spells.toLocaleString("en-GB")} spells (${(csv.length / 1e6).toFixed(1)} MB): read ${s(t1 - t0)}, fit ${s(t2 - t1)}, write ${s(t3 - t2)}, report ${s(t4 - t3)}, total ${s(t4 - t0)}\n`,
);
