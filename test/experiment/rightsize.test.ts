/**
 * The right-size searches: bisection for the edge of a target, golden-section for a minimum,
 * and the estimate (mean or percentile) they judge each point by.
 *
 * The known-answer test simulates an Erlang loss system (one ward, overflow out of area, no
 * waiting), where the smallest bed count meeting a blocking target follows from the
 * Erlang-B formula. The other tests use synthetic evaluate functions, with no simulation.
 */
import { describe, expect, it } from "vitest";
import { OutcomeTable } from "../../src/experiment/outcome-table.js";
import { ReplicationPool } from "../../src/experiment/pool.js";
import {
  type Evaluate,
  estimateAt,
  searchMinimum,
  searchTarget,
  type Target,
} from "../../src/experiment/rightsize.js";
import { pointResult, runPoint, type SweepPointResult } from "../../src/experiment/sweep.js";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import { clusteredQuantileInterval } from "../../src/stats/clustered-quantile.js";
import { DAYS_PER_YEAR, erlangB, oneWardPathway } from "../model/one-ward-pathway.js";

/** Erlang-B blocking probability by the stable recursion B(k) = A B(k-1) / (k + A B(k-1)). */
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

// --- known answer: the Erlang loss system ---------------------------------------------------

/** Offered load A = 0.5 arrivals a day × 10-day mean stay = 5 Erlangs. */
const LAMBDA_PER_DAY = 0.5;
const MEAN_STAY = 10;
const LOAD = LAMBDA_PER_DAY * MEAN_STAY;
/**
 * Target: at most 5% admitted out of area. B(8, 5) = 0.0700 and B(9, 5) = 0.0375, so the
 * smallest ward that meets it has 9 beds; each is 0.0125 or more from the target.
 */
const TARGET_SHARE = 0.05;
/**
 * 20 replications of 10 years after a warm-up of 10 mean stays (the exponential transient
 * from empty has decayed to e^-10). The test checks that 4 standard errors at 8 and 9 beds
 * are smaller than their distance from the target, so the search's answer is settled by the
 * model, not by luck; 4 SE is a two-sided false-alarm probability under 1e-3 (t, 19 df).
 */
const R = 20;
const Z = 4;
const SEED = 31_415;

function lossWard(beds: number): Pathway {
  return oneWardPathway({
    beds,
    arrivalsPerYear: LAMBDA_PER_DAY * DAYS_PER_YEAR,
    wardStay: { distribution: "exponential", mean: MEAN_STAY },
    warmUpDays: 10 * MEAN_STAY,
    days: 3652,
  });
}

describe("searchTarget on an Erlang loss ward (known answer)", () => {
  it("finds the smallest bed count whose blocking meets the target, by bisection", async () => {
    const values = range(5, 40);
    const expected = values.find((c) => erlangB(c, LOAD) <= TARGET_SHARE) as number;
    expect(expected).toBe(9);
    expect(erlangB(expected - 1, LOAD)).toBeGreaterThan(TARGET_SHARE);

    const target: Target = { kpi: "oap_share", operator: "<=", value: TARGET_SHARE };
    const evaluated: number[] = [];
    const result = await ReplicationPool.with(1, (pool) => {
      const evaluate: Evaluate = (beds) => {
        evaluated.push(beds);
        return runPoint({ beds }, lossWard(beds), SEED, R, {}, pool);
      };
      return searchTarget(values, evaluate, [target], []);
    });

    // The estimates either side of the edge are precise enough to settle it, and agree
    // with Erlang-B (SE from the t-interval the search reports: half-width / t(0.975, 19)).
    const T19 = 2.093024;
    const at = (beds: number) => {
      const point = result.explored.find((p) => p.values.beds === beds);
      expect(point, `${beds} beds was explored`).toBeDefined();
      const k = (point as SweepPointResult).kpis.oap_share;
      return { mean: k.mean, se: (k.ci95[1] - k.ci95[0]) / 2 / T19, ci95: k.ci95 };
    };
    for (const beds of [expected - 1, expected]) {
      const e = at(beds);
      const theory = erlangB(beds, LOAD);
      const what = `${beds} beds: mean ${e.mean}, theory ${theory}, SE ${e.se}`;
      expect(Z * e.se, what).toBeLessThan(Math.abs(theory - TARGET_SHARE));
      expect(Math.abs(e.mean - theory), what).toBeLessThan(Z * e.se);
    }

    expect(result.answer?.point.values).toEqual({ beds: expected });
    expect(result.answer?.estimate.statistic).toBe("mean");
    const estimate = result.answer?.estimate as { estimate: number; ci95: [number, number] };
    expect(estimate.estimate).toBeLessThanOrEqual(TARGET_SHARE);
    expect(estimate.estimate).toBe(result.answer?.point.kpis.oap_share.mean);
    // The answer's interval is the 95% t-interval; widened to 4 SE (so that it is wrong once
    // in a thousand, not once in twenty, when the random streams change) it covers B(c).
    const half = (estimate.ci95[1] - estimate.ci95[0]) / 2;
    expect(half).toBeGreaterThan(0);
    expect(Math.abs(estimate.estimate - erlangB(expected, LOAD))).toBeLessThan((Z / T19) * half);

    // Bisection: each value simulated once, far fewer than the 36 in the range.
    expect(new Set(evaluated).size).toBe(evaluated.length);
    expect(evaluated.length).toBeLessThan(values.length);
    expect(evaluated.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(values.length)) + 2);
    expect(result.explored.map((p) => p.values.beds)).toEqual([...evaluated].sort((a, b) => a - b));
    expect(result.note).toMatch(
      new RegExp(`bisection: ${evaluated.length} of ${values.length} values simulated`),
    );

    // Meeting it at the unfavourable end of the interval needs at least as many beds.
    expect(result.confidentAnswer).toBeDefined();
    const confident = result.confidentAnswer?.point.values.beds as number;
    expect(confident).toBeGreaterThanOrEqual(expected);
    expect(result.confidentAnswer?.estimate.ci95[1]).toBeLessThanOrEqual(TARGET_SHARE);
  }, 60_000);
});

// --- synthetic points -----------------------------------------------------------------------

/**
 * A point whose replication r has the given KPI values over the results period, and
 * `years[r][y]` in financial year y, built with the code the CLI uses (pointResult).
 */
function syntheticPoint(
  value: number,
  perReplication: Record<string, number>[],
  years?: Record<string, number>[][],
): SweepPointResult {
  const outcomes: ReplicationOutcome[] = perReplication.map((kpis, r) => ({
    kpis,
    monthly: {},
    byFinancialYear: (years?.[r] ?? []).map((k) => ({ kpis: k, services: {} })),
    dailyOccupancy: [],
    dailyOtherOccupied: [],
    events: 0,
  }));
  return pointResult({ x: value }, OutcomeTable.of(outcomes));
}

/** Evaluate returning KPI `kpi` = f(x) + ±spread(x), alternating over R replications. */
function evaluator(
  kpi: string,
  f: (x: number) => number,
  spread: (x: number) => number = () => 0,
  replications = 10,
) {
  const calls: number[] = [];
  const evaluate: Evaluate = async (x) => {
    calls.push(x);
    return syntheticPoint(
      x,
      Array.from({ length: replications }, (_, r) => ({
        [kpi]: f(x) + (r % 2 === 0 ? 1 : -1) * spread(x),
      })),
    );
  };
  return { evaluate, calls };
}

describe("searchTarget (synthetic)", () => {
  it("a decreasing KPI with <=: the smallest value that meets the target", async () => {
    // 100 / x <= 7 first holds at x = 15 (100/14 = 7.14, 100/15 = 6.67).
    const values = range(1, 100);
    const { evaluate, calls } = evaluator("oap_bed_days", (x) => 100 / x);
    const r = await searchTarget(
      values,
      evaluate,
      [{ kpi: "oap_bed_days", operator: "<=", value: 7 }],
      [],
    );
    expect(r.answer?.point.values.x).toBe(15);
    expect(r.answer?.estimate.estimate).toBeCloseTo(100 / 15, 12);
    // No noise: the interval is the point, so the confident answer is the same.
    expect(r.confidentAnswer?.point.values.x).toBe(15);
    expect(new Set(calls).size).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 2);
  });

  it("an increasing KPI with >=: the smallest value that meets the target", async () => {
    const values = range(0, 50);
    const { evaluate } = evaluator("local_admissions", (x) => 3 * x);
    const r = await searchTarget(
      values,
      evaluate,
      [{ kpi: "local_admissions", operator: ">=", value: 100 }],
      [],
    );
    expect(r.answer?.point.values.x).toBe(34); // 3 × 34 = 102; 3 × 33 = 99
  });

  it("a decreasing KPI with >=: the largest value that meets the target", async () => {
    const values = range(0, 50);
    const { evaluate } = evaluator("mean_local_occupancy", (x) => 1 - x / 100);
    const r = await searchTarget(
      values,
      evaluate,
      [{ kpi: "mean_local_occupancy", operator: ">=", value: 0.875 }],
      [],
    );
    expect(r.answer?.point.values.x).toBe(12); // 0.88; 13 gives 0.87
  });

  it("with noise the confident answer is further in than the point answer", async () => {
    // Mean 100 / x, ± 1 across replications: the 95% interval's upper end is
    // 100 / x + t(0.975, 9) × 1.054 / √10 = 100 / x + 0.754, which is ≤ 7 from x = 17
    // (at 16: 6.25 + 0.754 = 7.004).
    const values = range(1, 100);
    const { evaluate } = evaluator(
      "oap_bed_days",
      (x) => 100 / x,
      () => 1,
    );
    const r = await searchTarget(
      values,
      evaluate,
      [{ kpi: "oap_bed_days", operator: "<=", value: 7 }],
      [],
    );
    expect(r.answer?.point.values.x).toBe(15);
    expect(r.confidentAnswer?.point.values.x).toBe(17);
    expect(r.confidentAnswer?.estimate.ci95[1]).toBeLessThanOrEqual(7);
    expect(r.answer?.estimate.ci95[1]).toBeGreaterThan(7);
  });

  it("met nowhere in the range: no answer, and a note that says so", async () => {
    const values = range(10, 30);
    const { evaluate, calls } = evaluator("oap_bed_days", (x) => 1000 - x);
    const r = await searchTarget(
      values,
      evaluate,
      [{ kpi: "oap_bed_days", operator: "<=", value: 500 }],
      [],
    );
    expect(r.answer).toBeUndefined();
    expect(r.confidentAnswer).toBeUndefined();
    expect(r.note).toMatch(
      /No value from 10 to 30 meets mean oap_bed_days <= 500; widen the range/,
    );
    // Both ends fail, so there is no edge to look for in between.
    expect([...new Set(calls)].sort((a, b) => a - b)).toEqual([10, 30]);
    expect(r.explored.map((p) => p.values.x)).toEqual([10, 30]);
  });

  it("met everywhere in the range: the lowest value, and a note to start lower", async () => {
    const values = range(10, 30);
    const { evaluate, calls } = evaluator("oap_bed_days", (x) => 100 - x);
    const r = await searchTarget(
      values,
      evaluate,
      [{ kpi: "oap_bed_days", operator: "<=", value: 500 }],
      [],
    );
    expect(r.answer?.point.values.x).toBe(10);
    expect(r.note).toMatch(/met across the whole range/);
    expect(r.note).toMatch(/lowest value, 10/);
    expect([...new Set(calls)].sort((a, b) => a - b)).toEqual([10, 30]);
  });
});

describe("searchMinimum (synthetic)", () => {
  /**
   * Cost (x − 17)² exactly on average; at every x but 17 the replications alternate ± 5, so
   * the paired difference from the optimum has sd 5 √(10/9) and a 95% half-width of
   * t(0.975, 9) × 5.27 / √10 = 3.77. Values 16 and 18 (1 above the optimum) cannot be told
   * from it; 15 and 19 (4 above) can.
   */
  const f = (x: number) => (x - 17) ** 2;
  const spread = (x: number) => (x === 17 ? 0 : 5);

  it("finds the minimum of a convex KPI, and the values within noise of it", async () => {
    const values = range(0, 60);
    const { evaluate, calls } = evaluator("total_cost", f, spread);
    const r = await searchMinimum(values, evaluate, "total_cost");
    expect(r.answer?.point.values.x).toBe(17);
    expect(r.answer?.estimate).toEqual({ statistic: "mean", estimate: 0, ci95: [0, 0] });
    // Golden-section search, then a look at both neighbours.
    expect(new Set(calls).size).toBe(calls.length);
    expect(calls.length).toBeLessThan(values.length / 3);
    expect(calls).toEqual(expect.arrayContaining([16, 17, 18]));
    expect(r.note).toMatch(new RegExp(`golden-section search: ${calls.length} of 61`));
    expect(r.note).not.toMatch(/edge of the range/);
    // Near-optimal: exactly the explored values within one of 17.
    const explored = r.explored.map((p) => p.values.x);
    expect(r.nearOptimal?.sort((a, b) => a - b)).toEqual(
      explored.filter((x) => Math.abs(x - 17) <= 1),
    );
    expect(r.nearOptimal).toEqual(expect.arrayContaining([16, 17, 18]));
  });

  it("finds a minimum at either end of the range, and says it is at the edge", async () => {
    for (const [g, best] of [
      [(x: number) => 1000 - x, 40],
      [(x: number) => 3 * x, 5],
    ] as const) {
      const { evaluate } = evaluator("total_cost", g);
      const r = await searchMinimum(range(5, 40), evaluate, "total_cost");
      expect(r.answer?.point.values.x).toBe(best);
      expect(r.note).toMatch(/minimum is at the edge of the range; widen it/);
    }
  });

  it("a value at its range's minimum only by noise is near-optimal, not a different answer", async () => {
    // Flat from 20 to 24 except noise: every one of them is within noise of the best.
    const { evaluate } = evaluator(
      "total_cost",
      (x) => (x < 20 ? (20 - x) * 10 : x > 24 ? (x - 24) * 10 : 0),
      () => 5,
    );
    const r = await searchMinimum(range(0, 50), evaluate, "total_cost");
    const best = r.answer?.point.values.x as number;
    expect(best).toBeGreaterThanOrEqual(20);
    expect(best).toBeLessThanOrEqual(24);
    for (const x of r.nearOptimal ?? []) {
      expect(x).toBeGreaterThanOrEqual(20);
      expect(x).toBeLessThanOrEqual(24);
    }
    expect(r.nearOptimal).toContain(best);
  });
});

describe("estimateAt", () => {
  it("a mean target takes the KPI's mean and t-interval", () => {
    const point = syntheticPoint(
      1,
      [10, 12, 14, 16].map((v) => ({ oap_bed_days: v })),
    );
    const e = estimateAt(point, { kpi: "oap_bed_days", operator: "<=", value: 100 }, []);
    expect(e.statistic).toBe("mean");
    expect(e.estimate).toBe(13);
    // sd = √(20/3), t(0.975, 3) = 3.182446.
    const half = (3.182446 * Math.sqrt(20 / 3)) / 2;
    expect(e.ci95[0]).toBeCloseTo(13 - half, 5);
    expect(e.ci95[1]).toBeCloseTo(13 + half, 5);
  });

  /**
   * 10 replications × 10 financial years holding the values 0..99 once each (shuffled across
   * replications and years). P90 by linear interpolation (type 7): h = 99 × 0.9 = 89.1 → 89.1.
   * Order-statistic interval: n p ∓ 1.96 √(n p (1 − p)) = 90 ∓ 5.88, ranks 84 and 96
   * (1-based), i.e. the values 83 and 95.
   */
  const years = Array.from({ length: 10 }, (_, r) =>
    Array.from({ length: 10 }, (_, y) => ({ oap_bed_days: (37 * (10 * r + y)) % 100 })),
  );
  const point = syntheticPoint(
    1,
    years.map(() => ({ oap_bed_days: 0 })),
    years,
  );
  const allYears = range(0, 9);

  it("the values really are 0..99 once each", () => {
    const values = years.flat().map((k) => k.oap_bed_days);
    expect([...values].sort((a, b) => a - b)).toEqual(range(0, 99));
  });

  it("a percentile target takes the percentile over every replication's financial years", () => {
    const e = estimateAt(
      point,
      { kpi: "oap_bed_days", operator: "<=", value: 50, percentile: 90 },
      allYears,
    );
    expect(e.statistic).toBe("p90");
    expect(e.estimate).toBeCloseTo(89.1, 10);
    expect(e.ci95).toEqual(
      clusteredQuantileInterval(
        years.map((row) => row.map((k) => k.oap_bed_days)),
        0.9,
      ),
    );
    expect(e.ci95[0]).toBeLessThan(e.estimate);
    expect(e.ci95[1]).toBeGreaterThan(e.estimate);
  });

  it("p50 of the same values, with an interval around it", () => {
    // h = 49.5 → 49.5.
    const e = estimateAt(
      point,
      { kpi: "oap_bed_days", operator: "<=", value: 50, percentile: 50 },
      allYears,
    );
    expect(e.statistic).toBe("p50");
    expect(e.estimate).toBeCloseTo(49.5, 10);
    expect(e.ci95[0]).toBeLessThan(49.5);
    expect(e.ci95[1]).toBeGreaterThan(49.5);
  });

  it("only the financial years asked for count (e.g. whole April-to-March years)", () => {
    // Years 0 and 1: values 37(10r + y) mod 100 for y = 0, 1.
    const chosen = years.flatMap((row) => [row[0], row[1]]).map((k) => k.oap_bed_days);
    const sorted = [...chosen].sort((a, b) => a - b);
    const h = (sorted.length - 1) * 0.9;
    const expected =
      sorted[Math.floor(h)] + (h % 1) * (sorted[Math.ceil(h)] - sorted[Math.floor(h)]);
    const e = estimateAt(
      point,
      { kpi: "oap_bed_days", operator: "<=", value: 50, percentile: 90 },
      [0, 1],
    );
    expect(e.estimate).toBeCloseTo(expected, 10);
    expect(e.ci95[0]).toBeLessThanOrEqual(e.estimate);
    expect(e.ci95[1]).toBeGreaterThanOrEqual(e.estimate);
    expect(sorted).toContain(e.ci95[0]);
    expect(sorted).toContain(e.ci95[1]);
  });

  it("a percentile target drives the search: the smallest value whose p90 meets it", async () => {
    // At value x, financial-year values are the 0..99 pattern scaled by 100 / x: p90 = 8910 / x,
    // which is <= 200 from x = 45 (8910 / 44 = 202.5, 8910 / 45 = 198).
    const evaluate: Evaluate = async (x) =>
      syntheticPoint(
        x,
        years.map(() => ({ oap_bed_days: 0 })),
        years.map((row) => row.map((k) => ({ oap_bed_days: (k.oap_bed_days * 100) / x }))),
      );
    const r = await searchTarget(
      range(10, 80),
      evaluate,
      [{ kpi: "oap_bed_days", operator: "<=", value: 200, percentile: 90 }],
      allYears,
    );
    expect(r.answer?.point.values.x).toBe(45);
    expect(r.answer?.estimate.statistic).toBe("p90");
    expect(r.answer?.estimate.estimate).toBeCloseTo(8910 / 45, 9);
  });
});
