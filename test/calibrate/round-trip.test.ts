/**
 * Generate spells from known figures, calibrate, and get the figures back within three
 * standard errors (the errors come from the data's own size, not from tuned tolerances).
 */
import { describe, expect, it } from "vitest";
import { clinicalStays } from "../../src/calibrate/calibrate.js";
import { fitFamily } from "../../src/calibrate/fit-stays.js";
import { STAY_FAMILIES } from "../../src/calibrate/stay-families.js";
import { calibrated, extractFrom, simpleTruth } from "./helpers.js";

const lognormal = STAY_FAMILIES.find((f) => f.name === "lognormal");
if (!lognormal) throw new Error("no lognormal family");
/** The log-scale parameters of a lognormal with this mean and sd. */
function logParameters(mean: number, sd: number): [number, number] {
  const s2 = Math.log(1 + (sd / mean) ** 2);
  return [Math.log(mean) - s2 / 2, Math.log(Math.sqrt(s2))];
}

describe("calibration round trip", () => {
  const truth = simpleTruth();
  const c = calibrated(truth);

  it("recovers the arrival rate within 3 standard errors", () => {
    const a = c.cohorts[0].arrivals;
    const se = Math.sqrt(a.admissions) / a.years;
    expect(Math.abs(a.perYear.value - 800)).toBeLessThan(3 * se);
    expect(a.perYear.low).toBeLessThan(a.perYear.value);
  });

  it("recovers route shares within 3 standard errors", () => {
    const discharges = c.routes.reduce((s, r) => s + r.discharges, 0);
    for (const truthRoute of truth.routes) {
      const fit = c.routes.find((r) => r.route === `route_${truthRoute.code}`);
      const p = truthRoute.share;
      expect(Math.abs((fit?.share.value ?? 0) - p)).toBeLessThan(
        3 * Math.sqrt((p * (1 - p)) / discharges),
      );
      const d = truthRoute.delayShare;
      const n = fit?.discharges ?? 0;
      expect(Math.abs((fit?.delayShare.value ?? 0) - d)).toBeLessThan(
        3 * Math.sqrt((d * (1 - d)) / n),
      );
    }
  });

  it("recovers the out-of-area share within 3 standard errors", () => {
    const se = Math.sqrt((0.1 * 0.9) / c.spells);
    expect(Math.abs(c.outOfArea.share.value - 0.1)).toBeLessThan(3 * se);
  });

  it("recovers the lognormal stay parameters within 3 standard errors", () => {
    const extract = extractFrom(truth);
    const local = extract.spells.filter((s) => s.ward !== "out_of_area");
    const fit = fitFamily(lognormal, clinicalStays(local, extract.extractDate));
    const expected = logParameters(30, 25);
    fit.theta.forEach((value, i) => {
      expect(Math.abs(value - expected[i])).toBeLessThan(3 * fit.standardErrors[i]);
    });
    // And AIC prefers the truth to the one-parameter exponential by a wide margin.
    expect(c.stays.ranked.findIndex((f) => f.family === "lognormal")).toBeLessThan(
      c.stays.ranked.findIndex((f) => f.family === "exponential"),
    );
  });
});

describe("heavy censoring", () => {
  // A year of long stays, so a large share of spells are still open on the extract date.
  const truth = simpleTruth({
    seed: 7,
    from: "2024-04-01",
    extractDate: "2025-03-31",
    cohorts: [
      { code: "A", arrivalsPerYear: 1500, stay: { distribution: "lognormal", mean: 80, sd: 70 } },
    ],
    outOfArea: { code: "OAP", share: 0, stayMultiplier: 1 },
  });
  const extract = extractFrom(truth);
  const stays = clinicalStays(extract.spells, extract.extractDate);

  it("biases the naive mean of completed stays, but not the censored fit", () => {
    expect((stays.stays - stays.discharged) / stays.stays).toBeGreaterThan(0.2);
    let completedDays = 0;
    stays.days.forEach((d, i) => {
      if (stays.ended[i] === 1) completedDays += d * stays.count[i];
    });
    const naive = completedDays / stays.discharged;
    const naiveSe = 70 / Math.sqrt(stays.discharged);
    // Only the short stays have finished: the naive mean is far below the truth.
    expect(80 - naive).toBeGreaterThan(3 * naiveSe);
    const fit = fitFamily(lognormal, stays);
    const se = (fit.meanInterval[1] - fit.meanInterval[0]) / (2 * 1.96);
    expect(Math.abs(fit.mean - 80)).toBeLessThan(3 * se);
    const expected = logParameters(80, 70);
    fit.theta.forEach((value, i) => {
      expect(Math.abs(value - expected[i])).toBeLessThan(3 * fit.standardErrors[i]);
    });
  });
});
