/**
 * Thin-data warnings in the calibration report: each appears when its data are thin, and none
 * appear for a plentiful extract.
 */
import { describe, expect, it } from "vitest";
import { calibrate } from "../../src/calibrate/calibrate.js";
import type { SyntheticTruth } from "../../src/calibrate/synthetic-extract.js";
import { calibrationRecord } from "../../src/cli/calibration-record.js";
import { calibrationDocument } from "../../src/report/calibration-document.js";
import { calibrationWarnings } from "../../src/report/calibration-warnings.js";
import { extractFrom, simpleTruth } from "../calibrate/helpers.js";

function recordOf(truth: SyntheticTruth, beds: Record<string, number>) {
  return calibrationRecord(calibrate(extractFrom(truth), beds), {
    modelFile: "model.yaml",
    extractFile: "extract.csv",
    version: "test",
    manifest: { bedsim_version: "test", files: [] },
  });
}

describe("calibration warnings", () => {
  it("warn of a small cohort, a rare route, heavy censoring and a ward over its beds", () => {
    // One year of long stays: many still running on the extract date.
    const file = recordOf(
      simpleTruth({
        from: "2024-04-01",
        extractDate: "2025-03-31",
        cohorts: [
          {
            code: "A",
            arrivalsPerYear: 800,
            stay: { distribution: "lognormal", mean: 80, sd: 70 },
          },
          { code: "B", arrivalsPerYear: 10, stay: { distribution: "lognormal", mean: 30, sd: 20 } },
        ],
        wards: [{ code: "W1", cohorts: ["A", "B"] }],
        routes: [
          { code: "19", share: 0.98, delayShare: 0.1, delayMean: 15, readmission: 0.08 },
          { code: "54", share: 0.02, delayShare: 0.3, delayMean: 25, readmission: 0.04 },
        ],
      }),
      { ward_w1: 20 },
    );
    const small = file.stays.find((g) => g.id === "cohort_b");
    expect(small?.own_fit).toBe(false);
    expect(small?.stays).toBeLessThan(50);
    const rare = file.routes.all.find((r) => r.route === "route_54");
    expect(rare?.discharges).toBeLessThan(30);
    const ward = file.wards[0];
    expect(ward.peak_census).toBeGreaterThan(20);

    const warnings = calibrationWarnings(file);
    expect(
      warnings.some((w) => /^Cohort b has only \d+ local stays, fewer than the 50/.test(w)),
    ).toBe(true);
    expect(warnings.some((w) => /^Only \d+ discharges went to "route 54"/.test(w))).toBe(true);
    expect(
      warnings.some((w) => /of the stays of all local spells were still running/.test(w)),
    ).toBe(true);
    expect(
      warnings.some((w) =>
        new RegExp(
          `^Ward w1 had up to ${ward.peak_census} people on one day, more than its 20 beds`,
        ).test(w),
      ),
    ).toBe(true);
    // And the report carries them in its own section.
    const doc = calibrationDocument(file, [], "footer");
    expect(doc.sections.find((s) => s.title === "Warnings")?.blocks).toEqual([
      { kind: "list", items: warnings },
    ]);
  });

  it("say nothing when the data are plentiful and the beds hold the peak", () => {
    const file = recordOf(simpleTruth(), { ward_w1: 1000 });
    expect(calibrationWarnings(file)).toEqual([]);
    const doc = calibrationDocument(file, [], "footer");
    expect(doc.sections.some((s) => s.title === "Warnings")).toBe(false);
  });

  it("warn when the mapping gives a ward no beds", () => {
    const file = recordOf(simpleTruth(), {});
    expect(calibrationWarnings(file)).toEqual([
      expect.stringMatching(/^The mapping gives no beds for Ward w1, so the model uses the most/),
    ]);
  });
});
