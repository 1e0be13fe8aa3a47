/**
 * Reproducibility and common random numbers (DESIGN.md, "Running it honestly"): the same seed
 * and replication give identical results, and every person's needs are drawn from streams
 * that do not depend on capacity, so a scenario that changes only capacity meets exactly the
 * same people as its baseline.
 */
import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../src/engine/distributions.js";
import { Uniforms } from "../../src/engine/random.js";
import { ArrivalProcess } from "../../src/model/arrivals.js";
import { calendarFor } from "../../src/model/calendar.js";
import type { DatedChange } from "../../src/model/dated-changes.js";
import { COUNT_METRICS } from "../../src/model/metrics.js";
import { type ReplicationOutcome, summariseReplication } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { DAYS_PER_YEAR, oneWardPathway, START_DATE } from "./one-ward-pathway.js";

const SEED = 4242;
const R = 20;
const WARM_UP_DAYS = 100;
const DAYS = 730;

interface Options {
  beds: number;
  changes?: DatedChange[];
  wardStay?: DistributionSpec;
  crisisTeamSupportAtHome?: number;
  /** Days to wait for a local bed before going out of area (0 = straight out of area). */
  maxWaitForLocalBedDays?: number;
  readmissionWithin30Days?: number;
  repatriate?: boolean;
  outOfAreaStayMultiplier?: number;
}

/** One ward and out of area, with seasonal, growing arrivals (plus options that add flow). */
function pathway(o: Options): Pathway {
  return oneWardPathway({
    ...o,
    arrivalsPerYear: 300,
    seasonality: [1.2, 1.1, 1, 1, 0.9, 0.9, 0.8, 0.9, 1, 1, 1.1, 1.1],
    growthPerYear: 0.02,
    crisisTeamSupportAtHome: o.crisisTeamSupportAtHome ?? 0.2,
    wardStay: o.wardStay ?? { distribution: "lognormal", mean: 10, sd: 12 },
    warmUpDays: WARM_UP_DAYS,
    days: DAYS,
  });
}

function run(p: Pathway, replication: number, seed = SEED): ReplicationOutcome {
  return summariseReplication(p, simulate(p, seed, replication));
}

/** Runs baseline and scenario for replications 0..R-1 with the same seed. */
function paired(baseline: Pathway, scenario: Pathway): [ReplicationOutcome, ReplicationOutcome][] {
  return Array.from({ length: R }, (_, r) => [run(baseline, r), run(scenario, r)]);
}

/** Bed-days in care over the results period (local acute + acute out of area). */
function bedDaysInCare(o: ReplicationOutcome): number {
  return (o.kpis.mean_local_occupied + o.kpis.mean_oap_occupied) * DAYS;
}

describe("reproducibility", () => {
  it("the same seed and replication give identical results on two calls", () => {
    const p = pathway({ beds: 10, readmissionWithin30Days: 0.1, maxWaitForLocalBedDays: 2 });
    const first = run(p, 3);
    const second = run(p, 3);
    expect(second.kpis).toStrictEqual(first.kpis);
    expect(second.monthly).toStrictEqual(first.monthly);
    expect(second.byFinancialYear).toStrictEqual(first.byFinancialYear);
    expect(second.dailyOccupancy).toStrictEqual(first.dailyOccupancy);
    expect(second.events).toBe(first.events);
  });

  it("a replication's results do not depend on which replications ran before it", () => {
    const p = pathway({ beds: 10, readmissionWithin30Days: 0.1, repatriate: true });
    const alone = run(p, 5);
    for (let r = 0; r < 5; r++) run(p, r);
    expect(run(p, 5).kpis).toStrictEqual(alone.kpis);
  });

  it("a different seed, or a different replication, meets different people", () => {
    const p = pathway({ beds: 10 });
    const base = Array.from({ length: R }, (_, r) => run(p, r).kpis);
    const otherSeed = Array.from({ length: R }, (_, r) => run(p, r, SEED + 1).kpis);
    // Two independent Poisson counts of about 600 tie about 1% of the time, so one
    // replication's count could coincide by chance; across R replications they cannot all.
    expect(otherSeed.map((k) => k.arrivals)).not.toStrictEqual(base.map((k) => k.arrivals));
    // Replications of one seed are different people too (the counts are not all the same).
    expect(new Set(base.map((k) => k.arrivals)).size).toBeGreaterThan(1);
    // Bed occupancy is continuous, so it differs in every single replication.
    base.forEach((k, r) => {
      expect(otherSeed[r].mean_local_occupied, `replication ${r}`).not.toBe(k.mean_local_occupied);
      if (r > 0) expect(k.mean_local_occupied).not.toBe(base[r - 1].mean_local_occupied);
    });
  });
});

describe("common random numbers: changing only capacity meets the same people", () => {
  /**
   * With no waiting, no crisis house, no readmission and an out-of-area stay equal to the local
   * one, everyone not supported at home is admitted somewhere, at the moment they arrive, for
   * the same length of time wherever the bed is. So arrivals and admissions are identical to
   * the person, and so are the bed-days in care (up to the order of floating-point sums).
   */
  function expectSamePeople(pairs: [ReplicationOutcome, ReplicationOutcome][]): void {
    let oapDifferences = 0;
    pairs.forEach(([base, scenario], r) => {
      const at = `replication ${r}`;
      expect(scenario.kpis.arrivals, at).toBe(base.kpis.arrivals);
      expect(scenario.kpis.crisis_team_supported, at).toBe(base.kpis.crisis_team_supported);
      expect(scenario.kpis.admissions, at).toBe(base.kpis.admissions);
      expect(
        scenario.byFinancialYear.map((y) => y.kpis.arrivals),
        at,
      ).toStrictEqual(base.byFinancialYear.map((y) => y.kpis.arrivals));
      expect(
        scenario.byFinancialYear.map((y) => y.kpis.admissions),
        at,
      ).toStrictEqual(base.byFinancialYear.map((y) => y.kpis.admissions));
      expect(Math.abs(bedDaysInCare(scenario) - bedDaysInCare(base)), at).toBeLessThan(
        1e-9 * bedDaysInCare(base),
      );
      if (scenario.kpis.oap_admissions !== base.kpis.oap_admissions) oapDifferences++;
    });
    // The scenario really changed something: where people were admitted differs.
    expect(oapDifferences).toBeGreaterThan(R / 2);
  }

  it("10 beds against 14 beds", () => {
    const pairs = paired(pathway({ beds: 10 }), pathway({ beds: 14 }));
    expectSamePeople(pairs);
    // More beds, fewer out-of-area placements, in every replication (same people, same stays).
    for (const [base, scenario] of pairs) {
      expect(scenario.kpis.oap_admissions).toBeLessThanOrEqual(base.kpis.oap_admissions);
    }
  });

  it("a dated closure of 3 beds on day 100", () => {
    const closure: DatedChange = { kind: "capacity", day: 100, service: "ward", add: -3 };
    const pairs = paired(pathway({ beds: 10 }), pathway({ beds: 10, changes: [closure] }));
    expectSamePeople(pairs);
    for (const [base, scenario] of pairs) {
      expect(scenario.kpis.mean_open_beds).toBeLessThan(base.kpis.mean_open_beds);
      expect(base.kpis.mean_open_beds).toBeCloseTo(10, 9);
      // 10 beds on days 0-99 and 7 from day 100, except that the three closing beds stay open
      // until their patients leave: each for at most its patient's remaining stay, which for
      // these stays (mean 10 days) is far below 200 days.
      const instant = (10 * 100 + 7 * (DAYS - 100)) / DAYS;
      expect(scenario.kpis.mean_open_beds).toBeGreaterThanOrEqual(instant - 1e-9);
      expect(scenario.kpis.mean_open_beds).toBeLessThan(instant + (3 * 200) / DAYS);
    }
  });

  it("arrivals stay identical however capacity changes the rest of the pathway", () => {
    // Waiting, readmissions, repatriation and longer out-of-area stays make what happens
    // after arrival depend on capacity; who arrives, and when, must not.
    const rich = (beds: number, changes: DatedChange[] = []) =>
      pathway({
        beds,
        changes,
        maxWaitForLocalBedDays: 1.5,
        readmissionWithin30Days: 0.15,
        repatriate: true,
        outOfAreaStayMultiplier: 1.3,
      });
    const pairs = paired(
      rich(12),
      rich(8, [{ kind: "capacity", day: 200, service: "ward", set: 16 }]),
    );
    let differences = 0;
    pairs.forEach(([base, scenario], r) => {
      expect(scenario.kpis.arrivals, `replication ${r}`).toBe(base.kpis.arrivals);
      expect(scenario.kpis.crisis_team_supported, `replication ${r}`).toBe(
        base.kpis.crisis_team_supported,
      );
      if (scenario.kpis.oap_bed_days !== base.kpis.oap_bed_days) differences++;
    });
    expect(differences).toBe(R);
  });
});

describe("common random numbers: scaling arrivals up adds people and moves no one", () => {
  /** The day the scale changes, mid-month and mid-financial-year on purpose. */
  const CHANGE_DAY = 200;
  const FACTOR = 1.2;
  const scaleUp: DatedChange = { kind: "scale_arrivals", day: CHANGE_DAY, factor: FACTOR };

  /** Arrival times in [-warm-up, end) of one replication, straight from the arrival process. */
  function arrivalTimes(factor: number | undefined, replication: number): number[] {
    const cohort = pathway({ beds: 10 }).cohorts[0];
    const calendar = calendarFor(START_DATE, WARM_UP_DAYS, DAYS);
    const stream = (...key: string[]) => new Uniforms(SEED, "rep", replication, ...key);
    const steps = factor === undefined ? [] : [{ day: CHANGE_DAY, factor }];
    const process = new ArrivalProcess(cohort, calendar, stream("arrivals"), steps, () =>
      stream("extra"),
    );
    const times: number[] = [];
    for (let t = process.next(-WARM_UP_DAYS, DAYS); t < DAYS; t = process.next(t, DAYS)) {
      times.push(t);
    }
    for (let t = process.nextExtra(-WARM_UP_DAYS, DAYS); t < DAYS; t = process.nextExtra(t, DAYS)) {
      times.push(t);
    }
    return times.sort((a, b) => a - b);
  }

  it("the arrival process keeps every baseline arrival time, and adds only after the change", () => {
    for (let r = 0; r < R; r++) {
      const at = `replication ${r}`;
      const base = arrivalTimes(undefined, r);
      const up = arrivalTimes(FACTOR, r);
      const down = arrivalTimes(1 / FACTOR, r);
      const beforeChange = (times: number[]) => times.filter((t) => t < CHANGE_DAY);
      // Before the change: exactly the same times, to the last bit.
      expect(beforeChange(up), at).toStrictEqual(beforeChange(base));
      expect(beforeChange(down), at).toStrictEqual(beforeChange(base));
      // After it: the baseline's times are a subset of the scale-up's, and a superset of the
      // scale-down's (the same candidates, thinned less or more).
      const upSet = new Set(up);
      const baseSet = new Set(base);
      expect(
        base.filter((t) => !upSet.has(t)),
        `${at}: lost by the scale-up`,
      ).toEqual([]);
      expect(
        down.filter((t) => !baseSet.has(t)),
        `${at}: new in the scale-down`,
      ).toEqual([]);
      expect(up.length, at).toBeGreaterThan(base.length);
      expect(down.length, at).toBeLessThan(base.length);
    }
  });

  /**
   * With beds to spare, no waiting and the same stay out of area, nobody's episode depends on
   * anyone else's; so if the people the baseline meets keep their arrival times and needs
   * (support at home, stay, route, readmission), every daily count in the scale-up is the
   * baseline's plus the extra people's: equal before the change, never smaller after it.
   */
  function dailyCounts(changes: DatedChange[], replication: number): Float64Array[] {
    const p = pathway({ beds: 1000, changes, readmissionWithin30Days: 0.15 });
    const { layout, recorder } = simulate(p, SEED, replication);
    return COUNT_METRICS.map((m) => recorder.counts[layout.counts[m]]);
  }
  const changeIndex = WARM_UP_DAYS + CHANGE_DAY;
  /** Total of a daily count from the day of the change to the end of the run. */
  const fromChange = (daily: Float64Array) =>
    daily.subarray(changeIndex).reduce((x, y) => x + y, 0);
  const arrivals = COUNT_METRICS.indexOf("arrivals");
  let paired: { base: Float64Array[]; up: Float64Array[] }[] | undefined;
  /** Daily counts of baseline and scale-up, replications 0..R-1, made once for both tests. */
  const pairedRuns = () => {
    paired ??= Array.from({ length: R }, (_, r) => ({
      base: dailyCounts([], r),
      up: dailyCounts([scaleUp], r),
    }));
    return paired;
  };

  it("a scale-up from day 200 meets the baseline's people, with the same needs, and more", () => {
    pairedRuns().forEach(({ base, up }, r) => {
      COUNT_METRICS.forEach((metric, m) => {
        const at = `replication ${r}, ${metric}`;
        expect(up[m].length, at).toBe(base[m].length);
        // Day by day, warm-up included, the same counts up to the change.
        expect(Array.from(up[m].subarray(0, changeIndex)), at).toStrictEqual(
          Array.from(base[m].subarray(0, changeIndex)),
        );
        // From the change on, the extra people only add to each day's count.
        for (let d = changeIndex; d < base[m].length; d++) {
          if (up[m][d] < base[m][d]) expect.fail(`${at}: day ${d} has fewer than the baseline`);
        }
      });
      expect(fromChange(up[arrivals]), `replication ${r}`).toBeGreaterThan(
        fromChange(base[arrivals]),
      );
    });
  });

  it("after the change, arrivals come at 1.2 times the baseline's rate", () => {
    // Paired: E[scenario − 1.2 × baseline] = 0 over the days after the change, whatever the
    // correlation between the two. Judge the mean by its own standard error across replications.
    const runs = pairedRuns();
    const excess = runs.map(
      ({ base, up }) => fromChange(up[arrivals]) - FACTOR * fromChange(base[arrivals]),
    );
    const mean = excess.reduce((a, b) => a + b, 0) / R;
    const sd = Math.sqrt(excess.reduce((a, d) => a + (d - mean) ** 2, 0) / (R - 1));
    const standardError = sd / Math.sqrt(R);
    expect(standardError).toBeGreaterThan(0);
    expect(Math.abs(mean)).toBeLessThan(4 * standardError);
    // The check has power: a factor off by 0.1 (1.1 or 1.3) would move the mean by a tenth of
    // the baseline's arrivals after the change, at least twice the 4 standard errors allowed.
    const baseAfter = runs.reduce((a, { base }) => a + fromChange(base[arrivals]), 0) / R;
    expect(0.1 * baseAfter).toBeGreaterThan(8 * standardError);
  });
});

describe("annualisation used above", () => {
  it("counts are annualised per 365.25 days", () => {
    const o = run(pathway({ beds: 10 }), 0);
    const arrivals = o.byFinancialYear.reduce((a, y) => a + y.kpis.arrivals, 0);
    expect(o.kpis.arrivals).toBeCloseTo((arrivals * DAYS_PER_YEAR) / DAYS, 9);
  });
});
