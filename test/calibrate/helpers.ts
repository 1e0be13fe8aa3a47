/** Synthetic extracts read back as spells, for the calibration tests. */
import { calibrate } from "../../src/calibrate/calibrate.js";
import { type SyntheticTruth, syntheticExtract } from "../../src/calibrate/synthetic-extract.js";
import { parseExtractDate } from "../../src/data/extract-dates.js";
import { COLUMN_ROLES, type ExtractMapping } from "../../src/data/extract-mapping.js";
import { readExtract } from "../../src/data/read-extract.js";
import type { SpellExtract } from "../../src/data/spell.js";

export function mappingFor(truth: SyntheticTruth): ExtractMapping {
  return {
    extractDate: parseExtractDate(truth.extractDate),
    arrivalsFrom: parseExtractDate(truth.from),
    columns: { ...COLUMN_ROLES },
    cohorts: Object.fromEntries(
      truth.cohorts.map((c) => [c.code, `cohort_${c.code.toLowerCase()}`]),
    ),
    wards: {
      ...Object.fromEntries(truth.wards.map((w) => [w.code, `ward_${w.code.toLowerCase()}`])),
      [truth.outOfArea.code]: "out_of_area",
    },
    routes: Object.fromEntries(truth.routes.map((r) => [r.code, `route_${r.code}`])),
    beds: {},
  };
}

export function extractFrom(truth: SyntheticTruth): SpellExtract {
  const { csv } = syntheticExtract(truth);
  const read = readExtract(csv, "synthetic.csv", mappingFor(truth));
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join("\n"));
  return read.extract;
}

export function calibrated(truth: SyntheticTruth) {
  return calibrate(extractFrom(truth), {});
}

/** A one-cohort, one-ward truth with a lognormal stay and two routes. */
export function simpleTruth(overrides: Partial<SyntheticTruth> = {}): SyntheticTruth {
  return {
    seed: 1,
    from: "2021-04-01",
    extractDate: "2025-03-31",
    cohorts: [
      { code: "A", arrivalsPerYear: 800, stay: { distribution: "lognormal", mean: 30, sd: 25 } },
    ],
    wards: [{ code: "W1", cohorts: ["A"] }],
    outOfArea: { code: "OAP", share: 0.1, stayMultiplier: 1.5 },
    routes: [
      { code: "19", share: 0.75, delayShare: 0.1, delayMean: 15, readmission: 0.08 },
      { code: "54", share: 0.25, delayShare: 0.3, delayMean: 25, readmission: 0.04 },
    ],
    ...overrides,
  };
}
