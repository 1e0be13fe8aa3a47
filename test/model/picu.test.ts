/**
 * Psychiatric intensive care (PICU). With acute beds to spare, transfers into intensive care
 * are a Poisson stream (Poisson admissions, each independently thinned and shifted), so the
 * local PICU with overflow out of area is an Erlang loss system: the share of transfers that
 * go out of area must match Erlang-B for any PICU stay with that mean. With a small acute
 * ward, people ready to leave the PICU wait in it for an acute bed.
 */
import { describe, expect, it } from "vitest";
import type { DistributionSpec } from "../../src/engine/distributions.js";
import { summariseReplication } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { DAYS_PER_YEAR, erlangB, oneWardPathway } from "./one-ward-pathway.js";

const NO_COST = { perBedPerYear: 0, perOccupiedBedDay: 0, perEpisode: 0 };
const Z = 4;

function withPicu(o: {
  wardBeds: number;
  picuBeds: number;
  arrivalsPerYear: number;
  picuShare: number;
  picuStay: DistributionSpec;
}): Pathway {
  const p = oneWardPathway({
    beds: o.wardBeds,
    arrivalsPerYear: o.arrivalsPerYear,
    wardStay: { distribution: "exponential", mean: 12 },
    warmUpDays: 200,
    days: 3 * 365,
  });
  p.cohorts[0].routing.picuShare = o.picuShare;
  p.services.push(
    {
      id: "picu",
      name: "PICU",
      kind: "picu",
      capacity: o.picuBeds,
      accepts: ["adults"],
      stayMultiplier: 1,
      repatriateTo: [],
      cost: NO_COST,
    },
    {
      id: "picu_oap",
      name: "Out-of-area PICU",
      kind: "out_of_area",
      capacity: Number.POSITIVE_INFINITY,
      accepts: ["adults"],
      stayMultiplier: 1,
      repatriateTo: [],
      cost: NO_COST,
    },
  );
  p.picu = { afterDays: 2, stay: o.picuStay, outOfArea: "picu_oap" };
  return p;
}

function replicate(p: Pathway, replications: number) {
  return Array.from({ length: replications }, (_, r) =>
    summariseReplication(p, simulate(p, 20261201, r)),
  );
}

function meanAndSe(values: number[]) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

describe("intensive care", () => {
  it.each<[string, DistributionSpec]>([
    ["exponential", { distribution: "exponential", mean: 10 }],
    ["lognormal", { distribution: "lognormal", mean: 10, sd: 14 }],
  ])("the out-of-area share of PICU transfers matches Erlang-B (%s stays)", (_, picuStay) => {
    const p = withPicu({
      wardBeds: 400,
      picuBeds: 12,
      arrivalsPerYear: 2000,
      picuShare: 0.2,
      picuStay,
    });
    const outcomes = replicate(p, 40);
    const share = meanAndSe(
      outcomes.map((o) => o.kpis.picu_oap_admissions / o.kpis.picu_admissions),
    );
    const load = (2000 * 0.2 * 10) / DAYS_PER_YEAR;
    const theory = erlangB(12, load);
    expect(Math.abs(share.mean - theory), `mean ${share.mean} vs ${theory}`).toBeLessThan(
      Z * share.se,
    );
    // Precise enough to see an error of a fifth of the blocking probability.
    expect(Z * share.se).toBeLessThan(0.2 * theory);
    // Little's law for the local PICU: beds occupied = admissions a year × stay / year.
    const occupied = meanAndSe(outcomes.map((o) => o.kpis.mean_picu_occupied));
    const local = meanAndSe(
      outcomes.map(
        (o) => ((o.kpis.picu_admissions - o.kpis.picu_oap_admissions) * 10) / DAYS_PER_YEAR,
      ),
    );
    expect(Math.abs(occupied.mean - local.mean)).toBeLessThan(Z * (occupied.se + local.se));
    // Acute beds to spare: nobody waits to step down.
    for (const o of outcomes) expect(o.kpis.picu_step_down_delay_bed_days).toBe(0);
  });

  it("every transfer and step-down is counted once, and a full acute ward delays step-downs", () => {
    const p = withPicu({
      wardBeds: 12,
      picuBeds: 3,
      arrivalsPerYear: 400,
      picuShare: 0.3,
      picuStay: { distribution: "exponential", mean: 8 },
    });
    const outcomes = replicate(p, 10);
    for (const o of outcomes) {
      expect(o.kpis.picu_oap_admissions).toBeLessThanOrEqual(o.kpis.picu_admissions);
      expect(o.kpis.picu_admissions).toBeGreaterThan(0);
    }
    // The acute ward (offered about 13 beds on 12) is often full when a PICU stay ends.
    const delays = meanAndSe(outcomes.map((o) => o.kpis.picu_step_down_delay_bed_days));
    expect(delays.mean - Z * delays.se).toBeGreaterThan(0);
  });

  it("a model without intensive care reports no PICU KPIs; adding one with no need changes nothing else", () => {
    const plain = oneWardPathway({
      beds: 10,
      arrivalsPerYear: 300,
      wardStay: { distribution: "exponential", mean: 12 },
      warmUpDays: 50,
      days: 365,
      readmissionWithin30Days: 0.2,
      crisisTeamSupportAtHome: 0.3,
    });
    const withPicuUnit: Pathway = {
      ...plain,
      services: [
        ...plain.services,
        { ...plain.services[1], id: "picu_oap", name: "Out-of-area PICU" },
      ],
      picu: { afterDays: 2, stay: { distribution: "exponential", mean: 8 }, outOfArea: "picu_oap" },
    };
    const a = summariseReplication(plain, simulate(plain, 5, 0));
    const b = summariseReplication(withPicuUnit, simulate(withPicuUnit, 5, 0));
    expect(Object.keys(a.kpis).filter((k) => k.includes("picu"))).toEqual([]);
    expect(b.kpis.picu_admissions).toBe(0);
    // Whether someone needs intensive care is drawn from a stream of its own, so everyone's
    // other needs, and so every other result, are the same person for person.
    for (const [name, value] of Object.entries(a.kpis)) expect(b.kpis[name], name).toBe(value);
  });
});
