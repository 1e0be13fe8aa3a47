/**
 * Reproducibility and common random numbers (DESIGN.md, "Running it honestly"): the same seed
 * and replication give identical results, and every person's needs are drawn from streams
 * that do not depend on capacity, so a scenario that changes only capacity meets exactly the
 * same people as its baseline.
 */
import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../src/engine/distributions.js";
import { type ReplicationOutcome, summariseReplication } from "../../src/model/outcomes.js";
import type { DatedChange, Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { DAYS_PER_YEAR, oneWardPathway } from "./one-ward-pathway.js";

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
      // Open 10 beds on days 0-99, 7 from day 100 (beds close as they empty, but the
      // capacity recorded drops on the day of the change).
      expect(scenario.kpis.mean_open_beds).toBeCloseTo((10 * 100 + 7 * (DAYS - 100)) / DAYS, 9);
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

describe("annualisation used above", () => {
  it("counts are annualised per 365.25 days", () => {
    const o = run(pathway({ beds: 10 }), 0);
    const arrivals = o.byFinancialYear.reduce((a, y) => a + y.kpis.arrivals, 0);
    expect(o.kpis.arrivals).toBeCloseTo((arrivals * DAYS_PER_YEAR) / DAYS, 9);
  });
});
