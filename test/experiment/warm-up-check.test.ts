/**
 * The warm-up check reads two daily series: acute occupancy, which settles within weeks, and
 * the people in every other service, whose long stays can take years to fill. A warm-up that
 * is long enough for the first but not the second must still be flagged.
 */
import { describe, expect, it } from "vitest";
import { checkWarmUp, WarmUpSeries } from "../../src/experiment/warm-up-check.js";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";

const WARM_UP = 300;
const DAYS = 1461;
const TOTAL = WARM_UP + DAYS;

const horizon = { warmUpDays: WARM_UP, days: DAYS, startDate: "2025-04-01" };
const pathway = { horizon, changes: [] } as unknown as Pathway;

/** A start-up curve that rises to `level` with time constant `tau` days, plus small noise. */
function filling(level: number, tau: number, replication: number): Float64Array {
  return Float64Array.from({ length: TOTAL }, (_, d) => {
    const noise = Math.sin(d * 12.9898 + replication * 78.233) * 0.002 * level;
    return level * (1 - Math.exp(-d / tau)) + noise;
  });
}

function outcomes(acuteTau: number, otherTau: number): ReplicationOutcome[] {
  return Array.from({ length: 10 }, (_, r) => ({
    kpis: {},
    monthly: {},
    byFinancialYear: [],
    dailyOccupancy: filling(0.9, acuteTau, r),
    dailyOtherOccupied: filling(400, otherTau, r),
    events: 0,
  }));
}

describe("checkWarmUp", () => {
  it("both series settled well within the warm-up: no warning", () => {
    expect(checkWarmUp(pathway, outcomes(10, 30))).toBeUndefined();
  });

  it("acute settled but the other services still filling after the warm-up: warned", () => {
    const warning = checkWarmUp(pathway, outcomes(10, 200));
    expect(warning?.warmUpDays).toBe(WARM_UP);
    expect(warning?.suggestedDays).toBeGreaterThan(WARM_UP);
    expect(warning?.settlingLast).toBe("other");
  });

  it("acute occupancy still rising after the warm-up: warned", () => {
    const warning = checkWarmUp(pathway, outcomes(200, 30));
    expect(warning?.suggestedDays).toBeGreaterThan(WARM_UP);
    expect(warning?.settlingLast).toBe("acute");
  });
});

describe("WarmUpSeries (the daily series summed as replications finish)", () => {
  it("gives the check the same answer as the outcomes kept whole", () => {
    for (const [acuteTau, otherTau] of [
      [10, 30],
      [10, 200],
      [200, 30],
    ]) {
      const whole = outcomes(acuteTau, otherTau);
      const series = new WarmUpSeries(pathway);
      for (const o of whole) series.add(o);
      expect(series.count).toBe(whole.length);
      expect(checkWarmUp(pathway, series)).toEqual(checkWarmUp(pathway, whole));
    }
  });

  it("averages day by day", () => {
    const whole = outcomes(10, 200);
    const series = new WarmUpSeries(pathway);
    for (const o of whole) series.add(o);
    const day = 123;
    const expected = whole.reduce((a, o) => a + o.dailyOtherOccupied[day], 0) / whole.length;
    expect(series.mean("other")[day]).toBeCloseTo(expected, 9);
  });
});
