/** Monthly admissions observed and fitted: every admission in one month, and the fit's total. */
import { expect, it } from "vitest";
import { calibrated, simpleTruth } from "./helpers.js";

it("counts every admission in its month, and the flat fit expects the same total", () => {
  const c = calibrated(simpleTruth());
  const { arrivals, monthly } = c.cohorts[0];
  expect(monthly.months).toHaveLength(48);
  expect(monthly.months[0]).toBe("2021-04");
  expect(monthly.months[47]).toBe("2025-03");
  expect(monthly.observed.reduce((a, b) => a + b, 0)).toBe(arrivals.admissions);
  // No seasonality or growth in the truth: the fit is the yearly rate spread over the days.
  expect(arrivals.seasonality).toBeUndefined();
  expect(monthly.fitted.reduce((a, b) => a + b, 0)).toBeCloseTo(arrivals.admissions, 6);
  // A 31-day month expects 31/30 of a 30-day one.
  expect(monthly.fitted[0] / monthly.fitted[1]).toBeCloseTo(30 / 31, 9);
});
