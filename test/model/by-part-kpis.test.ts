/**
 * The per-cohort, per-ward and per-service KPIs: consistent with the totals by construction,
 * and right against theory. Statistical checks take R replications and accept |mean - theory|
 * < 3 standard errors (SE = sd / sqrt(R)), each guarded so the band is narrow enough to see an
 * error of a stated size.
 */
import { describe, expect, it } from "vitest";
import { partKpi } from "../../src/model/kpi-definitions.js";
import { type ReplicationOutcome, summariseReplication } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import { reportedKpiNames } from "../../src/model/reported-kpis.js";
import { simulate } from "../../src/model/simulation.js";
import { DAYS_PER_YEAR, erlangB, oneWardPathway } from "./one-ward-pathway.js";

const Z = 3;
const SEED = 1301;
const R = 40;

function replicate(p: Pathway, replications = R): ReplicationOutcome[] {
  return Array.from({ length: replications }, (_, r) =>
    summariseReplication(p, simulate(p, SEED, r)),
  );
}

function estimate(values: number[]): { mean: number; se: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

function expectAgrees(what: string, values: number[], theory: number, within: number): void {
  const e = estimate(values);
  const message = `${what}: mean ${e.mean} vs theory ${theory}, SE ${e.se}`;
  expect(Math.abs(e.mean - theory), message).toBeLessThan(Z * e.se + 1e-12);
  // The band must be narrow enough to catch an error of `within` of the value.
  expect(Z * e.se, `${what}: band too wide`).toBeLessThan(within * Math.abs(theory));
}

/** Two cohorts, each with its own ward (two independent Erlang loss systems) and shared out of area. */
function twoCohortPathway(): Pathway {
  const men = oneWardPathway({
    beds: 12,
    arrivalsPerYear: 400,
    wardStay: { distribution: "exponential", mean: 10 },
    warmUpDays: 60,
    days: 5 * 365,
  });
  const women = oneWardPathway({
    beds: 8,
    arrivalsPerYear: 250,
    wardStay: { distribution: "exponential", mean: 12 },
    warmUpDays: 60,
    days: 5 * 365,
  });
  const [menWard, outOfArea] = men.services;
  return {
    ...men,
    cohorts: [
      { ...men.cohorts[0], id: "men", name: "Men" },
      { ...women.cohorts[0], id: "women", name: "Women" },
    ],
    services: [
      { ...menWard, id: "men_ward", accepts: ["men"] },
      { ...women.services[0], id: "women_ward", accepts: ["women"] },
      { ...outOfArea, accepts: ["men", "women"] },
    ],
  };
}

describe("KPIs by cohort and by ward", () => {
  const pathway = twoCohortPathway();
  const outcomes = replicate(pathway);

  it("reports exactly the part KPIs that reportedKpiNames lists", () => {
    const names = Object.keys(outcomes[0].kpis).sort();
    const reported = reportedKpiNames(pathway).sort();
    expect(names).toEqual(reported);
    expect(names).toContain("oap_bed_days.men");
    expect(names).toContain("occupancy.women_ward");
    expect(names).toContain("days_full.men_ward");
  });

  it("adds up: wards to the local total, cohorts to admissions and out-of-area figures", () => {
    for (const { kpis, byFinancialYear } of outcomes) {
      for (const k of [kpis, ...byFinancialYear.map((y) => y.kpis)]) {
        const sum = (family: Parameters<typeof partKpi>[0], ids: string[]) =>
          ids.reduce((a, id) => a + k[partKpi(family, id)], 0);
        const wards = ["men_ward", "women_ward"];
        const cohorts = ["men", "women"];
        expect(sum("occupied", wards)).toBeCloseTo(k.mean_local_occupied, 9);
        expect(sum("admissions", cohorts)).toBeCloseTo(k.admissions, 9);
        expect(sum("oap_admissions", cohorts)).toBeCloseTo(k.oap_admissions, 9);
        expect(sum("oap_bed_days", cohorts)).toBeCloseTo(k.oap_bed_days, 9);
        // Each cohort has its own ward, so the ward's entries are that cohort's local admissions.
        expect(k[partKpi("entries", "men_ward")]).toBeCloseTo(
          k[partKpi("admissions", "men")] - k[partKpi("oap_admissions", "men")],
          9,
        );
      }
    }
  });

  it("gives each cohort its own ward's Erlang-B loss, out-of-area admissions and bed-days", () => {
    const cases = [
      { cohort: "men", beds: 12, perYear: 400, stay: 10 },
      { cohort: "women", beds: 8, perYear: 250, stay: 12 },
    ];
    for (const { cohort, beds, perYear, stay } of cases) {
      const blocking = erlangB(beds, (perYear / DAYS_PER_YEAR) * stay);
      const share = outcomes.map(
        (o) => o.kpis[partKpi("oap_admissions", cohort)] / o.kpis[partKpi("admissions", cohort)],
      );
      expectAgrees(`${cohort} share out of area`, share, blocking, 0.2);
      // Out-of-area stays are as long as local ones here: bed-days = arrivals x B x stay.
      const bedDays = outcomes.map((o) => o.kpis[partKpi("oap_bed_days", cohort)]);
      expectAgrees(`${cohort} out-of-area bed-days`, bedDays, perYear * blocking * stay, 0.25);
      // Occupied beds on the cohort's ward: carried load A (1 - B).
      const occupied = outcomes.map((o) => o.kpis[partKpi("occupied", `${cohort}_ward`)]);
      const carried = (perYear / DAYS_PER_YEAR) * stay * (1 - blocking);
      expectAgrees(`${cohort} ward beds occupied`, occupied, carried, 0.05);
    }
  });

  it("measures realised length of stay as the configured mean when nothing delays discharge", () => {
    for (const [cohort, mean] of [
      ["men", 10],
      ["women", 12],
    ] as const) {
      const stays = outcomes.map((o) => o.kpis[partKpi("mean_length_of_stay", cohort)]);
      expectAgrees(`${cohort} mean length of stay`, stays, mean, 0.05);
      // Exponential stays: median = mean ln 2, 90th percentile = mean ln 10.
      const median = outcomes.map((o) => o.kpis[partKpi("median_length_of_stay", cohort)]);
      expectAgrees(`${cohort} median length of stay`, median, mean * Math.LN2, 0.05);
      const p90 = outcomes.map((o) => o.kpis[partKpi("p90_length_of_stay", cohort)]);
      expectAgrees(`${cohort} P90 length of stay`, p90, mean * Math.LN10, 0.05);
    }
  });
});

describe("length of stay with delayed discharges", () => {
  // One ward with waits for a bed and a delay on discharge, so stays are longer than clinical.
  const base = oneWardPathway({
    beds: 20,
    arrivalsPerYear: 600,
    wardStay: { distribution: "lognormal", mean: 9, sd: 6 },
    warmUpDays: 90,
    days: 4 * 365,
    maxWaitForLocalBedDays: 1,
    outOfAreaStayMultiplier: 1.3,
  });
  const cohort = base.cohorts[0];
  const pathway: Pathway = {
    ...base,
    cohorts: [
      {
        ...cohort,
        routing: {
          ...cohort.routing,
          dischargeRoutes: [
            {
              ...cohort.routing.dischargeRoutes[0],
              delay: {
                share: 0.3,
                length: { distribution: "exponential", mean: 6 },
                reason: "care package",
              },
            },
          ],
        },
      },
    ],
  };
  const outcomes = replicate(pathway);

  it("obeys Little's law: beds occupied = admissions a day x mean stay (within 3 SE)", () => {
    // Paired within each replication: occupied inpatient beds (local and out of area) minus
    // admission rate x realised mean stay; edge effects of a 4-year window are far below 3 SE.
    const gap = outcomes.map(
      (o) =>
        o.kpis.mean_local_occupied +
        o.kpis.mean_oap_occupied -
        (o.kpis.admissions / DAYS_PER_YEAR) * o.kpis.mean_length_of_stay,
    );
    const occupied = estimate(outcomes.map((o) => o.kpis.mean_local_occupied)).mean;
    const e = estimate(gap);
    expect(Math.abs(e.mean), `gap ${e.mean}, SE ${e.se}`).toBeLessThan(Z * e.se + 1e-9);
    expect(Z * e.se).toBeLessThan(0.03 * occupied);
    // Delays add 0.3 x 6 days on average (more for those sent out of area): stays are longer.
    const stay = estimate(outcomes.map((o) => o.kpis.mean_length_of_stay)).mean;
    expect(stay).toBeGreaterThan(9 + 0.3 * 6 - 0.5);
  });

  it("puts every delayed bed-day on the ward or out of area, none lost", () => {
    for (const { kpis } of outcomes)
      expect(kpis[partKpi("ward_delayed_discharge_bed_days", "ward")]).toBeLessThanOrEqual(
        kpis.delayed_discharge_bed_days + 1e-9,
      );
    const onWard = estimate(
      outcomes.map((o) => o.kpis[partKpi("ward_delayed_discharge_bed_days", "ward")]),
    ).mean;
    expect(onWard).toBeGreaterThan(0);
  });
});
