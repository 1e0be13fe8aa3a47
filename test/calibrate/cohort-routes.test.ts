/**
 * Discharge routes per cohort: a cohort with enough discharges gets routes of its own, which
 * recover the truth within 3 standard errors and are written under the cohort; a small cohort
 * uses the pathway's, and the model says so.
 */
import { describe, expect, it } from "vitest";
import { MIN_DISCHARGES_FOR_OWN_ROUTES } from "../../src/calibrate/calibrate.js";
import { writeModel } from "../../src/calibrate/write-model.js";
import { calibrated, simpleTruth } from "./helpers.js";

describe("discharge routes per cohort", () => {
  const truth = simpleTruth({
    cohorts: [
      { code: "A", arrivalsPerYear: 600, stay: { distribution: "lognormal", mean: 30, sd: 25 } },
      { code: "B", arrivalsPerYear: 20, stay: { distribution: "lognormal", mean: 30, sd: 25 } },
    ],
    wards: [{ code: "W1", cohorts: ["A", "B"] }],
  });
  const c = calibrated(truth);
  const [big, small] = c.cohorts;

  it("gives a cohort with enough discharges routes of its own, near the truth", () => {
    expect(big.discharges).toBeGreaterThanOrEqual(MIN_DISCHARGES_FOR_OWN_ROUTES);
    const routes = big.routes ?? [];
    expect(routes.map((r) => r.route).sort()).toEqual(["route_19", "route_54"]);
    expect(routes.reduce((s, r) => s + r.discharges, 0)).toBe(big.discharges);
    for (const t of truth.routes) {
      const fit = routes.find((r) => r.route === `route_${t.code}`);
      const se = Math.sqrt((t.share * (1 - t.share)) / big.discharges);
      expect(Math.abs((fit?.share.value ?? 0) - t.share)).toBeLessThan(3 * se);
    }
  });

  it("leaves a small cohort on the pathway's routes", () => {
    expect(small.discharges).toBeLessThan(MIN_DISCHARGES_FOR_OWN_ROUTES);
    expect(small.routes).toBeUndefined();
  });

  it("writes the routes under the cohort, and a note for the small one", () => {
    const text = writeModel(c, { name: "t", extractFile: "x.csv", version: "test" });
    const cohorts = text.slice(text.indexOf("\ncohorts:"), text.indexOf("\nservices:"));
    const [a, b] = cohorts.split("  - id: ").slice(1);
    expect(a).toMatch(/^ {4}discharge_routes:\n {6}- route: route_19\n/m);
    expect(b).not.toMatch(/discharge_routes:/);
    expect(b).toMatch(
      /# discharge routes: the pathway's \(only \d+ discharges, under the 200 needed/,
    );
  });
});
