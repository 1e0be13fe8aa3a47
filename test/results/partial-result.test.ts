import { describe, expect, it } from "vitest";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import { outcomeLine, readOutcomeLine } from "../../src/results/partial-result.js";

describe("outcome lines", () => {
  it("bring back every number exactly, those JSON cannot hold included", () => {
    const outcome: ReplicationOutcome = {
      kpis: { a: 0.1 + 0.2, b: Number.NaN, c: Number.POSITIVE_INFINITY, d: -0, e: -1e-300 },
      monthly: { m: [1 / 3, Number.NEGATIVE_INFINITY] },
      byFinancialYear: [{ kpis: { x: 2 / 3 }, services: {} }],
      dailyOccupancy: new Float64Array([0.5, 1 / 7, Number.NaN, -0]),
      dailyOtherOccupied: [3, 4],
      events: 12,
    };
    const back = readOutcomeLine<ReplicationOutcome>(outcomeLine({ job: 1, index: 5, outcome }));
    expect(back.job).toBe(1);
    expect(back.index).toBe(5);
    expect(back.outcome.kpis.a).toBe(0.1 + 0.2);
    expect(back.outcome.kpis.b).toBeNaN();
    expect(back.outcome.kpis.c).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(back.outcome.kpis.d, -0)).toBe(true);
    expect(back.outcome.kpis.e).toBe(-1e-300);
    expect(back.outcome.monthly.m).toEqual([1 / 3, Number.NEGATIVE_INFINITY]);
    expect(back.outcome.byFinancialYear[0].kpis.x).toBe(2 / 3);
    expect(Array.from(back.outcome.dailyOccupancy)).toEqual([0.5, 1 / 7, Number.NaN, -0]);
    expect(Object.is(back.outcome.dailyOccupancy[3], -0)).toBe(true);
    expect(Array.from(back.outcome.dailyOtherOccupied)).toEqual([3, 4]);
    expect(Object.keys(back.outcome)).toEqual(Object.keys(outcome));
  });
});
