/**
 * The made-up figures behind the bundled synthetic extract (data/example-extract.csv): shaped
 * like the example ICB, so a calibrated model can be compared with what went in.
 */
import type { SyntheticTruth } from "./synthetic-extract.js";

const SEASON = [0.95, 0.95, 1.0, 1.02, 1.05, 1.06, 1.05, 1.0, 1.0, 0.98, 0.97, 0.97];
const HOME = { delayShare: 0.12, delayMean: 18, readmission: 0.09 };

/** Working-age stays, as in the example model: a short head and a long tail. */
const WORKING_AGE_STAY: SyntheticTruth["cohorts"][number]["stay"] = {
  distribution: "mixture",
  components: [
    { weight: 0.58, of: { distribution: "lognormal", mean: 12, sd: 9 } },
    { weight: 0.42, of: { distribution: "lognormal", mean: 69, sd: 50 } },
  ],
};

export const EXAMPLE_TRUTH: SyntheticTruth = {
  seed: 20250331,
  from: "2021-04-01",
  extractDate: "2025-03-31",
  cohorts: [
    {
      code: "M",
      arrivalsPerYear: 520,
      growthPerYear: 0.004,
      seasonality: SEASON,
      stay: WORKING_AGE_STAY,
    },
    {
      code: "F",
      arrivalsPerYear: 430,
      growthPerYear: 0.004,
      seasonality: SEASON,
      stay: WORKING_AGE_STAY,
    },
    {
      code: "OA",
      arrivalsPerYear: 240,
      growthPerYear: 0.02,
      stay: { distribution: "lognormal", mean: 55, sd: 45 },
    },
  ],
  wards: [
    { code: "W01", cohorts: ["M"] },
    { code: "W02", cohorts: ["M"] },
    { code: "W03", cohorts: ["F"] },
    { code: "W04", cohorts: ["F"] },
    { code: "W05", cohorts: ["OA"] },
  ],
  outOfArea: { code: "OAP", share: 0.08, stayMultiplier: 1.2 },
  routes: [
    { code: "19", share: 0.82, ...HOME },
    { code: "29", share: 0.08, delayShare: 0.3, delayMean: 25, readmission: 0.05 },
    { code: "54", share: 0.1, delayShare: 0.2, delayMean: 30, readmission: 0.05 },
  ],
};
