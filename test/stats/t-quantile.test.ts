import reference from "@stdlib/stats-base-dists-t-quantile";
import { describe, expect, it } from "vitest";
import { tQuantile, tTwoSidedProbability } from "../../src/stats/t-quantile.js";

describe("Student's t quantile", () => {
  it("matches published table values", () => {
    // Two-sided 95% multipliers from any statistics table.
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062, 4);
    expect(tQuantile(0.975, 2)).toBeCloseTo(4.3027, 4);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.2622, 4);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.0452, 4);
    expect(tQuantile(0.975, 120)).toBeCloseTo(1.9799, 4);
  });

  it("agrees with @stdlib to within a few units in the last place", () => {
    for (const df of [1, 2, 3, 4, 5, 7, 10, 19, 30, 99, 199, 999, 4999, 19999]) {
      for (const p of [0.6, 0.9, 0.95, 0.975, 0.995, 0.025]) {
        const expected = reference(p, df);
        expect(Math.abs(tQuantile(p, df) - expected)).toBeLessThan(1e-14 * Math.abs(expected));
      }
    }
  });

  it("inverts its own distribution function and tends to the normal", () => {
    for (const df of [1, 2, 6, 33, 500]) {
      expect(tTwoSidedProbability(tQuantile(0.975, df), df)).toBeCloseTo(0.95, 14);
    }
    // With df → ∞ the t quantile falls to the normal's 1.959964 from above.
    expect(tQuantile(0.975, 100000)).toBeGreaterThan(1.959964);
    expect(tQuantile(0.975, 100000)).toBeLessThan(1.96);
  });

  it("refuses degrees of freedom that are not whole numbers of at least 1", () => {
    expect(() => tQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => tQuantile(0.975, 2.5)).toThrow(RangeError);
    expect(tQuantile(0.5, 7)).toBe(0);
  });
});
