/**
 * Validation of the simulation against queueing theory (DESIGN.md, "Running it honestly").
 *
 * Every statistical check runs R independent replications (fixed seed, replication index
 * 0..R-1), takes the across-replication mean of a per-replication statistic and its standard
 * error SE = sd / sqrt(R), and asserts |mean - theory| < Z * SE. Each check also asserts that
 * Z * SE is small compared with the effect being measured, so a check cannot pass merely
 * because the replications are too noisy to see anything.
 */
import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../src/engine/distributions.js";
import { type ReplicationOutcome, summariseReplication } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import {
  DAYS_PER_YEAR,
  erlangB,
  FLAT,
  type OneWardOptions,
  oneWardPathway,
  START_DATE,
} from "./one-ward-pathway.js";

/**
 * Width of the acceptance band in standard errors. This file makes about 20 comparisons with
 * theory; at 3 SE each has a two-sided false-alarm probability of about 0.3% (a little more
 * for Student's t with R - 1 >= 39 degrees of freedom), so the family would raise a false
 * alarm roughly 5% of the time whenever the random streams change. At 4 SE the per-check
 * probability is below 3e-4 (t, 39 df), keeping the family-wise rate under 1% (Bonferroni).
 * Power is kept by the `expectPrecise` guards: each band must be narrower than a stated
 * fraction of the quantity tested (5% for mean beds occupied, 2% for arrivals, 15% for a
 * blocking probability of 0.12), so an error that size would fail. The fractions leave a
 * margin over the band's typical width, which itself varies from seed to seed (checked over
 * 30 seeds: no band used more than 90% of its limit).
 */
const Z = 4;
const SEED = 20250401;

function replicate(p: Pathway, replications: number): ReplicationOutcome[] {
  return Array.from({ length: replications }, (_, r) =>
    summariseReplication(p, simulate(p, SEED, r)),
  );
}

interface Estimate {
  mean: number;
  se: number;
  n: number;
}

function estimate(values: number[]): Estimate {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n), n };
}

/** |mean - theory| < Z SE, with the numbers in the failure message. */
function expectAgrees(what: string, e: Estimate, theory: number): void {
  const message = `${what}: mean ${e.mean} vs theory ${theory}, SE ${e.se} (R = ${e.n})`;
  expect(e.se, message).toBeGreaterThan(0);
  expect(Math.abs(e.mean - theory), message).toBeLessThan(Z * e.se);
}

/** The band must be narrow enough to detect an error of `fraction` of `scale`. */
function expectPrecise(what: string, e: Estimate, scale: number, fraction: number): void {
  expect(Z * e.se, `${what}: band ±${Z * e.se} too wide for scale ${scale}`).toBeLessThan(
    fraction * Math.abs(scale),
  );
}

/** Erlang-B blocking probability by the stable recursion B(k) = A B(k-1) / (k + A B(k-1)). */
/** Counts in a results period of `days` days, from a KPI annualised per 365.25 days. */
function countOf(annualised: number, days: number): number {
  const count = (annualised * days) / DAYS_PER_YEAR;
  expect(Math.abs(count - Math.round(count))).toBeLessThan(1e-6);
  return Math.round(count);
}

/**
 * Expected arrivals in results days [from, to): the integral of the model's stated rate,
 * arrivalsPerYear / 365.25 x seasonality of the calendar month (multipliers normalised to
 * average 1) x (1 + growth)^(t / 365.25), growth counted from day 0. Computed independently of
 * the model's code, from the calendar and closed-form integrals day by day.
 */
function expectedArrivals(
  arrivalsPerYear: number,
  seasonality: number[],
  growthPerYear: number,
  from: number,
  to: number,
): number {
  const average = seasonality.reduce((a, b) => a + b, 0) / 12;
  const start = Date.parse(`${START_DATE}T00:00:00Z`);
  const logGrowth = Math.log1p(growthPerYear);
  let total = 0;
  for (let d = from; d < to; d++) {
    const month = new Date(start + d * 86_400_000).getUTCMonth();
    const growthIntegral =
      logGrowth === 0
        ? 1
        : (DAYS_PER_YEAR / logGrowth) *
          (Math.exp((logGrowth * (d + 1)) / DAYS_PER_YEAR) -
            Math.exp((logGrowth * d) / DAYS_PER_YEAR));
    total += (seasonality[month] / average) * growthIntegral;
  }
  return (arrivalsPerYear / DAYS_PER_YEAR) * total;
}

// --- the loss system ------------------------------------------------------------------------

/** c = 10 beds, offered load A = lambda x mean stay = 0.8 a day x 10 days = 8 Erlangs. */
const BEDS = 10;
const MEAN_STAY = 10;
const LAMBDA_PER_DAY = 0.8;
const LOAD = LAMBDA_PER_DAY * MEAN_STAY;
/**
 * Ten years of results per replication after a warm-up of ten mean stays: the system starts
 * empty, and after 100 days the exponential stays of the starting transient have all but
 * gone (e^-10), and under 0.5% of the lognormal stays below are that long.
 */
const LOSS_HORIZON = { warmUpDays: 10 * MEAN_STAY, days: 3652 };
const LOSS_R = 40;

const EXPONENTIAL: DistributionSpec = { distribution: "exponential", mean: MEAN_STAY };
/** Same mean, sd 1.5 x mean: more variable than exponential (coefficient of variation 1.5). */
const LOGNORMAL: DistributionSpec = {
  distribution: "lognormal",
  mean: MEAN_STAY,
  sd: 1.5 * MEAN_STAY,
};

function lossSystem(wardStay: DistributionSpec, extra: Partial<OneWardOptions> = {}): Pathway {
  return oneWardPathway({
    beds: BEDS,
    wardStay,
    arrivalsPerYear: LAMBDA_PER_DAY * DAYS_PER_YEAR,
    ...LOSS_HORIZON,
    ...extra,
  });
}

const lossRuns = new Map<string, ReplicationOutcome[]>();
function lossRunsFor(label: string, wardStay: DistributionSpec): ReplicationOutcome[] {
  let runs = lossRuns.get(label);
  if (!runs) {
    runs = replicate(lossSystem(wardStay), LOSS_R);
    lossRuns.set(label, runs);
  }
  return runs;
}

const STAYS: [string, DistributionSpec][] = [
  ["exponential", EXPONENTIAL],
  ["lognormal (sd 1.5 x mean)", LOGNORMAL],
];

describe("Erlang loss system: one ward, overflow out of area, no waiting", () => {
  it("implements Erlang-B correctly (known values)", () => {
    expect(erlangB(0, 8)).toBe(1);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    // B(2, 1) = (1/2) / (1 + 1 + 1/2) = 0.2
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 12);
    // Direct formula (A^c / c!) / sum_k A^k / k! for c = 10, A = 8.
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= BEDS; k++) {
      term *= LOAD / k;
      sum += term;
    }
    expect(erlangB(BEDS, LOAD)).toBeCloseTo(term / sum, 12);
  });

  for (const [label, stay] of STAYS) {
    it(`out-of-area share of admissions = Erlang-B(c, A), ${label} stays`, () => {
      const runs = lossRunsFor(label, stay);
      const theory = erlangB(BEDS, LOAD); // about 0.122
      const share = estimate(runs.map((o) => o.kpis.oap_share));
      expectPrecise("oap_share", share, theory, 0.15);
      expectAgrees(`oap_share (${label})`, share, theory);
      for (const o of runs) {
        expect(o.kpis.admissions).toBeCloseTo(o.kpis.local_admissions + o.kpis.oap_admissions, 9);
        expect(o.kpis.repatriations).toBe(0);
        expect(o.kpis.readmissions_30d).toBe(0);
        expect(o.kpis.crisis_house_admissions).toBe(0);
        expect(o.kpis.delayed_discharge_bed_days).toBe(0);
        expect(o.kpis.mean_open_beds).toBeCloseTo(BEDS, 9);
        expect(o.kpis.mean_local_occupancy).toBeCloseTo(o.kpis.mean_local_occupied / BEDS, 9);
      }
    });

    it(`Little's law: mean local beds occupied = local admission rate x mean stay, ${label}`, () => {
      const runs = lossRunsFor(label, stay);
      // Paired within each replication: L - lambda_local W has expectation 0 in steady state,
      // because stays are drawn independently of whether a local bed was free.
      const gap = estimate(
        runs.map(
          (o) => o.kpis.mean_local_occupied - (o.kpis.local_admissions / DAYS_PER_YEAR) * MEAN_STAY,
        ),
      );
      expectPrecise("Little's law gap", gap, LOAD * (1 - erlangB(BEDS, LOAD)), 0.05);
      expectAgrees(`L - lambda W (${label})`, gap, 0);
      // And the level itself: carried load A (1 - B).
      const occupied = estimate(runs.map((o) => o.kpis.mean_local_occupied));
      const carried = LOAD * (1 - erlangB(BEDS, LOAD));
      expectPrecise("mean_local_occupied", occupied, carried, 0.05);
      expectAgrees(`mean_local_occupied (${label})`, occupied, carried);
    });
  }
});

// --- M/G/infinity ---------------------------------------------------------------------------

describe("M/G/infinity: instant repatriation keeps everyone's stay", () => {
  for (const [label, stay] of STAYS) {
    it(`total in care (local + out of area) = lambda x mean stay, ${label}`, () => {
      const runs = replicate(lossSystem(stay, { repatriate: true }), LOSS_R);
      const inCare = estimate(
        runs.map((o) => o.kpis.mean_local_occupied + o.kpis.mean_oap_occupied),
      );
      expectPrecise("total in care", inCare, LOAD, 0.05);
      expectAgrees(`mean in care (${label})`, inCare, LOAD);
      // Repatriation really happened, and people were out of area only while no bed was free.
      for (const o of runs) expect(o.kpis.repatriations).toBeGreaterThan(0);
      const local = estimate(runs.map((o) => o.kpis.mean_local_occupied));
      expect(local.mean).toBeGreaterThan(LOAD * (1 - erlangB(BEDS, LOAD)));
    });
  }

  it("a ward of a million beds never places anyone out of area", () => {
    const runs = replicate(lossSystem(LOGNORMAL, { beds: 1e6 }), LOSS_R);
    for (const o of runs) {
      expect(o.kpis.oap_admissions).toBe(0);
      expect(o.kpis.oap_bed_days).toBe(0);
      expect(o.kpis.admissions).toBeGreaterThan(0);
    }
    const inCare = estimate(runs.map((o) => o.kpis.mean_local_occupied));
    expectPrecise("local occupied", inCare, LOAD, 0.05);
    expectAgrees("mean local occupied, infinite ward", inCare, LOAD);
  });
});

// --- arrivals -------------------------------------------------------------------------------

/**
 * Arrival checks send everyone home with the crisis team, so no bed events are simulated and
 * many replications are cheap; arrivals are generated before any routing decision.
 */
const ARRIVALS_PER_YEAR = 2000;
const ARRIVALS_R = 100;
/** Winter high, summer low; the twelve multipliers (January first) average exactly 1. */
const WINTER_PEAK = [1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2];

function arrivalRuns(o: Partial<OneWardOptions> & { warmUpDays: number; days: number }) {
  const p = oneWardPathway({
    beds: BEDS,
    wardStay: EXPONENTIAL,
    arrivalsPerYear: ARRIVALS_PER_YEAR,
    crisisTeamSupportAtHome: 1,
    ...o,
  });
  return replicate(p, ARRIVALS_R);
}

describe("arrivals: a Poisson process with seasonality and growth", () => {
  it("the multipliers used below average 1 and are far from flat", () => {
    expect(WINTER_PEAK.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 12);
    expect(Math.max(...WINTER_PEAK) / Math.min(...WINTER_PEAK)).toBeGreaterThan(1.5);
  });

  it("flat: arrivals per year = arrivalsPerYear, Poisson dispersion", () => {
    const days = 365;
    const runs = arrivalRuns({ warmUpDays: 30, days });
    const perYear = estimate(runs.map((o) => o.kpis.arrivals));
    expectPrecise("arrivals", perYear, ARRIVALS_PER_YEAR, 0.02);
    expectAgrees("arrivals per year (flat)", perYear, ARRIVALS_PER_YEAR);
    // Poisson: variance of the count = its mean. The sample variance / mean has sd about
    // sqrt(2 / (R - 1)) around 1 (the count is near normal at this size).
    const counts = runs.map((o) => countOf(o.kpis.arrivals, days));
    const c = estimate(counts);
    const dispersion = (c.se ** 2 * c.n) / c.mean;
    expect(Math.abs(dispersion - 1)).toBeLessThan(Z * Math.sqrt(2 / (c.n - 1)));
    for (const o of runs) expect(o.kpis.admissions).toBe(0);
  });

  it("seasonal over a whole financial year: the yearly total is unchanged", () => {
    const days = 365; // 1 April 2025 to 31 March 2026
    const runs = arrivalRuns({ warmUpDays: 90, days, seasonality: WINTER_PEAK });
    const theory =
      (expectedArrivals(ARRIVALS_PER_YEAR, WINTER_PEAK, 0, 0, days) * DAYS_PER_YEAR) / days;
    // Months differ in length, so a day-weighted year is not exactly arrivalsPerYear.
    expect(Math.abs(theory / ARRIVALS_PER_YEAR - 1)).toBeLessThan(0.005);
    const perYear = estimate(runs.map((o) => o.kpis.arrivals));
    expectPrecise("arrivals", perYear, ARRIVALS_PER_YEAR, 0.02);
    expectAgrees("arrivals per year (seasonal)", perYear, theory);
  });

  it("seasonal over April to September: the summer low shows", () => {
    const days = 183; // 1 April to 30 September 2025; the warm-up covers the winter peak
    const runs = arrivalRuns({ warmUpDays: 90, days, seasonality: WINTER_PEAK });
    const theory =
      (expectedArrivals(ARRIVALS_PER_YEAR, WINTER_PEAK, 0, 0, days) * DAYS_PER_YEAR) / days;
    expect(theory / ARRIVALS_PER_YEAR).toBeLessThan(0.9); // about 0.85
    const perYear = estimate(runs.map((o) => o.kpis.arrivals));
    expectPrecise("arrivals", perYear, ARRIVALS_PER_YEAR - theory, 0.3);
    expectAgrees("annualised arrivals, April-September", perYear, theory);
  });

  it("growth of 10% a year: the second financial year has 1.1 x the first", () => {
    const growth = 0.1;
    const runs = arrivalRuns({ warmUpDays: 30, days: 730, growthPerYear: growth });
    for (const o of runs) expect(o.byFinancialYear).toHaveLength(2);
    const years = [0, 1].map((fy) =>
      estimate(runs.map((o) => o.byFinancialYear[fy].kpis.arrivals)),
    );
    const theory = [
      expectedArrivals(ARRIVALS_PER_YEAR, FLAT, growth, 0, 365),
      expectedArrivals(ARRIVALS_PER_YEAR, FLAT, growth, 365, 730),
    ];
    const ratio = theory[1] / theory[0]; // 1.1^(365 / 365.25)
    expect(ratio).toBeCloseTo(1 + growth, 3);
    expectAgrees("arrivals 2025/26", years[0], theory[0]);
    expectAgrees("arrivals 2026/27", years[1], theory[1]);
    // Paired within each replication: second - ratio x first has expectation 0.
    const gap = estimate(
      runs.map(
        (o) => o.byFinancialYear[1].kpis.arrivals - ratio * o.byFinancialYear[0].kpis.arrivals,
      ),
    );
    expectPrecise("growth gap", gap, theory[1] - theory[0], 0.3);
    expectAgrees("second year - 1.1 x first", gap, 0);
  });
});

// --- crisis team ----------------------------------------------------------------------------

describe("crisis team support at home", () => {
  it("admits 70% of arrivals when it supports 30% at home, thinning the offered load", () => {
    const support = 0.3;
    const p = lossSystem(EXPONENTIAL, { crisisTeamSupportAtHome: support });
    const runs = replicate(p, LOSS_R);
    const days = LOSS_HORIZON.days;
    let arrivals = 0;
    let admissions = 0;
    for (const o of runs) {
      const a = countOf(o.kpis.arrivals, days);
      const m = countOf(o.kpis.admissions, days);
      expect(m + countOf(o.kpis.crisis_team_supported, days)).toBe(a);
      arrivals += a;
      admissions += m;
    }
    // Given the arrivals, admissions are binomial(arrivals, 0.7), independently across people.
    const p0 = 1 - support;
    const pooled = {
      mean: admissions / arrivals,
      se: Math.sqrt((p0 * (1 - p0)) / arrivals),
      n: arrivals,
    };
    expectPrecise("admitted share", pooled, p0, 0.015);
    expectAgrees("admissions / arrivals", pooled, p0);
    // The admitted stream is Poisson at 0.7 lambda, so blocking is Erlang-B(c, 0.7 A).
    const share = estimate(runs.map((o) => o.kpis.oap_share));
    const theory = erlangB(BEDS, p0 * LOAD);
    expectPrecise("oap_share", share, theory, 0.25);
    expectAgrees("oap_share with crisis team", share, theory);
  });
});
