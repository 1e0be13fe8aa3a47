/**
 * Right-sizing several settings together by greedy marginal allocation, on synthetic points
 * whose answers are known in closed form (no simulation): two wards, each with its own
 * out-of-area target, and a cost that trades beds against out-of-area days.
 */
import { describe, expect, it } from "vitest";
import { greedyAllocation } from "../../src/experiment/greedy-allocation.js";
import { OutcomeTable } from "../../src/experiment/outcome-table.js";
import type { Target } from "../../src/experiment/rightsize.js";
import { type PointValues, pointResult } from "../../src/experiment/sweep.js";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";

const R = 10;
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const SETTINGS = [
  { path: "services.a.beds", values: range(5, 40) },
  { path: "services.b.beds", values: range(5, 40) },
];
/** Ward a needs 20 beds for its 5 bed-days (100 / a), ward b 12 (60 / b). */
const TARGETS: Target[] = [
  { kpi: "oap_bed_days.a", operator: "<=", value: 5 },
  { kpi: "oap_bed_days.b", operator: "<=", value: 5 },
];

/** KPIs at a point, with a small symmetric spread across replications (mean unchanged). */
function kpisAt(values: PointValues, r: number) {
  const a = values["services.a.beds"];
  const b = values["services.b.beds"];
  const wobble = (r % 2 === 0 ? 1 : -1) * 0.01;
  const oapA = 100 / a + wobble;
  const oapB = 60 / b + wobble;
  return {
    "oap_bed_days.a": oapA,
    "oap_bed_days.b": oapB,
    // Each bed costs 100; each out-of-area day costs 400 on ward a and 300 on ward b.
    total_cost: 100 * (a + b) + 400 * (100 / a) + 300 * (60 / b),
  };
}

function evaluator() {
  const calls: { values: PointValues; first: number }[] = [];
  const evaluate = async (values: PointValues, first: number) => {
    calls.push({ values, first });
    const outcomes = Array.from(
      { length: R },
      (_, r): ReplicationOutcome => ({
        kpis: kpisAt(values, first + r),
        monthly: {},
        byFinancialYear: [],
        dailyOccupancy: [],
        dailyOtherOccupied: [],
        events: 0,
      }),
    );
    return pointResult(values, OutcomeTable.of(outcomes));
  };
  return { evaluate, calls };
}

const run = (
  start: PointValues,
  evaluate: ReturnType<typeof evaluator>["evaluate"],
  extra: { minimise?: string; budget?: number } = {},
) =>
  greedyAllocation({
    settings: SETTINGS,
    start,
    goal: { targets: TARGETS, minimise: extra.minimise },
    years: [],
    replications: R,
    budget: extra.budget ?? 10_000,
    evaluate,
  });

describe("greedy marginal allocation", () => {
  it("takes beds away to the fewest that meet every target", async () => {
    const { evaluate, calls } = evaluator();
    const result = await run({ "services.a.beds": 30, "services.b.beds": 30 }, evaluate);
    expect(result.answer?.values).toEqual({ "services.a.beds": 20, "services.b.beds": 12 });
    // One bed fewer on either ward breaks a target.
    expect(result.neighbours.map((n) => n.met)).toEqual([false, false]);
    // The final check ran the answer on fresh replications, and it holds there too.
    expect(calls.at(-1)).toEqual({ values: result.answer?.values, first: R });
    expect(result.finalCheck?.met).toBe(true);
    // Every point was simulated once: the path is 28 steps, each trying two neighbours.
    expect(new Set(calls.map((c) => JSON.stringify(c))).size).toBe(calls.length);
    expect(result.steps[0].move).toBe("start");
    expect(result.steps).toHaveLength(1 + 10 + 18);
    expect(result.replicationsUsed).toBe(calls.length * R);
  });

  it("adds beds first when the start misses a target", async () => {
    const { evaluate } = evaluator();
    const result = await run({ "services.a.beds": 10, "services.b.beds": 6 }, evaluate);
    expect(result.answer?.values).toEqual({ "services.a.beds": 20, "services.b.beds": 12 });
    expect(result.steps.some((s) => s.move.includes("up"))).toBe(true);
    expect(result.steps[0].met).toBe(false);
  });

  it("finds the least cost that meets the targets, which may be above the fewest beds", async () => {
    // Cost 100 a + 40,000 / a is least at a = 20 (= the target's edge); 100 b + 18,000 / b
    // is least at b = 13.4, so 13 (2,684.6) beats 14 (2,685.7) and 12 (2,700).
    const { evaluate } = evaluator();
    const result = await run({ "services.a.beds": 30, "services.b.beds": 30 }, evaluate, {
      minimise: "total_cost",
    });
    expect(result.answer?.values).toEqual({ "services.a.beds": 20, "services.b.beds": 13 });
  });

  it("stops within its budget and says so", async () => {
    const { evaluate, calls } = evaluator();
    const result = await run({ "services.a.beds": 30, "services.b.beds": 30 }, evaluate, {
      budget: 7 * R,
    });
    expect(calls.length).toBeLessThanOrEqual(7);
    expect(result.replicationsUsed).toBeLessThanOrEqual(7 * R);
    expect(result.note).toMatch(/budget of 70 replications ran out/);
  });
});
