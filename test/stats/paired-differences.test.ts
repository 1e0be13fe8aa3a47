/**
 * Paired differences (scenario − baseline, replication by replication) and their 95%
 * t-intervals. Expected intervals are computed here from the textbook formula with Student's t
 * quantiles taken from printed tables, not from the library the code uses.
 */
import { describe, expect, it } from "vitest";
import {
  excludesZero,
  type KpiColumns,
  pairedDifference,
  pairedDifferences,
} from "../../src/stats/paired-differences.js";

/** Two-sided 95% quantiles of Student's t, t(0.975, df), from standard tables. */
const T_975: Record<number, number> = { 4: 2.776445105, 5: 2.570581836, 9: 2.262157163 };

/** mean ± t · sd / √n of the differences, computed longhand. */
function tInterval(differences: number[]): { mean: number; ci95: [number, number] } {
  const n = differences.length;
  const mean = differences.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(differences.reduce((a, d) => a + (d - mean) ** 2, 0) / (n - 1));
  const half = (T_975[n - 1] * sd) / Math.sqrt(n);
  return { mean, ci95: [mean - half, mean + half] };
}

describe("pairedDifference", () => {
  it("of identical arrays is exactly 0 with interval [0, 0]", () => {
    const runs = [1234.5, 17, 0.3, 99_999.25, 3.75, 42];
    const d = pairedDifference(runs, [...runs]);
    expect(d.mean).toBe(0);
    expect(d.ci95[0]).toBe(0);
    expect(d.ci95[1]).toBe(0);
    expect(excludesZero(d)).toBe(false);
  });

  it("of identical typed arrays too (the simulation's outcomes are numbers, not objects)", () => {
    const runs = Float64Array.from([0.91, 0.87, 0.93, 0.9]);
    expect(pairedDifference(runs, Float64Array.from(runs))).toEqual({ mean: 0, ci95: [0, 0] });
  });

  it("gives the t-interval of the differences (known data, df = 4)", () => {
    const baseline = [10, 20, 30, 40, 50];
    const scenario = [11, 22, 32, 40, 54]; // differences 1, 2, 2, 0, 4
    const expected = tInterval([1, 2, 2, 0, 4]);
    // By hand: mean 1.8, sd √2.2 = 1.4832, SE 0.66332, half-width 2.7764 × 0.66332 = 1.8417.
    expect(expected.mean).toBeCloseTo(1.8, 12);
    expect(expected.ci95[1] - expected.mean).toBeCloseTo(1.84167, 4);
    const d = pairedDifference(baseline, scenario);
    expect(d.mean).toBeCloseTo(expected.mean, 12);
    expect(d.ci95[0]).toBeCloseTo(expected.ci95[0], 8);
    expect(d.ci95[1]).toBeCloseTo(expected.ci95[1], 8);
    // The interval straddles zero (-0.04 to 3.64).
    expect(excludesZero(d)).toBe(false);
  });

  it("only the differences matter, not the levels (the point of pairing)", () => {
    // Huge replication-to-replication spread in both runs, but the differences are 3 ± 0.1.
    const baseline = [100, 5000, 20, 70_000, 3, 900];
    const offsets = [3.1, 2.9, 3.0, 3.1, 2.9, 3.0];
    const scenario = baseline.map((b, i) => b + offsets[i]);
    const expected = tInterval(offsets);
    const d = pairedDifference(baseline, scenario);
    expect(d.mean).toBeCloseTo(3, 9);
    expect(d.ci95[0]).toBeCloseTo(expected.ci95[0], 8);
    expect(d.ci95[1]).toBeCloseTo(expected.ci95[1], 8);
    expect(d.ci95[1] - d.ci95[0]).toBeLessThan(0.3);
    expect(excludesZero(d)).toBe(true);
  });

  it("is scenario − baseline: a reduction is negative and its interval lies below zero", () => {
    const baseline = [50, 60, 55, 65, 58, 62, 57, 61, 59, 63];
    const scenario = baseline.map((b, i) => b - 5 - (i % 2));
    const expected = tInterval(scenario.map((s, i) => s - baseline[i]));
    const d = pairedDifference(baseline, scenario);
    expect(d.mean).toBeCloseTo(-5.5, 12);
    expect(d.ci95[0]).toBeCloseTo(expected.ci95[0], 8);
    expect(d.ci95[1]).toBeCloseTo(expected.ci95[1], 8);
    expect(d.ci95[1]).toBeLessThan(0);
    expect(excludesZero(d)).toBe(true);
  });

  it("a constant shift gives that shift with a zero-width interval", () => {
    const baseline = [1, 2, 3, 4];
    const d = pairedDifference(
      baseline,
      baseline.map((b) => b + 7),
    );
    expect(d).toEqual({ mean: 7, ci95: [7, 7] });
    expect(excludesZero(d)).toBe(true);
  });

  it("refuses runs of different lengths", () => {
    expect(() => pairedDifference([1, 2, 3], [1, 2])).toThrow(/equal replications \(3 vs 2\)/);
  });
});

describe("excludesZero", () => {
  it.each([
    [[0.1, 2] as [number, number], true],
    [[-2, -0.1] as [number, number], true],
    [[-1, 1] as [number, number], false],
    // Touching zero is not excluding it.
    [[0, 1] as [number, number], false],
    [[-1, 0] as [number, number], false],
    [[0, 0] as [number, number], false],
  ])("interval %j → %s", (ci95, expected) => {
    expect(excludesZero({ mean: (ci95[0] + ci95[1]) / 2, ci95 })).toBe(expected);
  });
});

/** Rows of KPIs (one per replication) as columns. */
function columnsOf(rows: Record<string, number>[]): KpiColumns {
  return {
    names: Object.keys(rows[0] ?? {}),
    length: rows.length,
    column: (name) => (name in (rows[0] ?? {}) ? rows.map((row) => row[name]) : undefined),
  };
}

describe("pairedDifferences (every KPI of two runs, as columns)", () => {
  it("pairs each KPI replication by replication, and a KPI one side lacks counts as 0", () => {
    const baseline = [
      { admissions: 100, oap_bed_days: 50 },
      { admissions: 110, oap_bed_days: 70 },
      { admissions: 90, oap_bed_days: 40 },
    ];
    const scenario = [
      { admissions: 100, oap_bed_days: 80, crisis_house_admissions: 5 },
      { admissions: 110, oap_bed_days: 95, crisis_house_admissions: 6 },
      { admissions: 90, oap_bed_days: 75, crisis_house_admissions: 7 },
    ];
    const d = pairedDifferences(columnsOf(baseline), columnsOf(scenario));
    expect(Object.keys(d).sort()).toEqual([
      "admissions",
      "crisis_house_admissions",
      "oap_bed_days",
    ]);
    expect(d.admissions).toEqual({ mean: 0, ci95: [0, 0] });
    expect(d.oap_bed_days.mean).toBeCloseTo(30, 12); // differences 30, 25, 35
    const half = (4.30265273 * 5) / Math.sqrt(3); // t(0.975, 2) × sd 5 / √3
    expect(d.oap_bed_days.ci95[0]).toBeCloseTo(30 - half, 6);
    expect(d.oap_bed_days.ci95[1]).toBeCloseTo(30 + half, 6);
    // Missing in the baseline → compared with 0: differences 5, 6, 7.
    expect(d.crisis_house_admissions.mean).toBeCloseTo(6, 12);
    expect(excludesZero(d.crisis_house_admissions)).toBe(true);
  });
});
