/**
 * A starting census (DESIGN.md, "a starting census"): a run that starts from today's people,
 * each with the rest of their stay drawn given the time already spent, needs no warm-up.
 *
 * With instant repatriation, everyone in care is an M/G/inf system: in its steady state the
 * number in care is Poisson(arrival rate x mean stay), and the days already spent by each
 * person are independent with the equilibrium density S(x) / mean. For an Erlang-2 stay
 * (phase rate mu) that density is an even mix of Exp(mu) and Erlang-2(mu). A census drawn
 * that way, with warm-up 0, must give the same mean occupancy and out-of-area bed-days as a
 * long warm-up from empty. Erlang-2 stays are not memoryless, so the remaining stays really
 * depend on the days spent (an exponential would pass whatever the census said).
 */
import { describe, expect, it } from "vitest";
import { createStream, type Rng } from "../../src/engine/random.js";
import { type ReplicationOutcome, summariseReplication } from "../../src/model/outcomes.js";
import type { CensusPerson, Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { DAYS_PER_YEAR, oneWardPathway } from "./one-ward-pathway.js";

const BEDS = 20;
const MEAN_STAY = 20;
const PER_DAY = 1; // offered load 20: the ward is often full and people go out of area
const DAYS = 60; // short, so that a cold start (empty, no warm-up) would show
const R = 200;
const SEED = 99;

function pathway(warmUpDays: number, census?: CensusPerson[]): Pathway {
  return {
    ...oneWardPathway({
      beds: BEDS,
      arrivalsPerYear: PER_DAY * DAYS_PER_YEAR,
      wardStay: { distribution: "erlang", k: 2, mean: MEAN_STAY },
      warmUpDays,
      days: DAYS,
      repatriate: true,
    }),
    ...(census && { census }),
  };
}

/** A Poisson draw by multiplying uniforms (fine for a mean of 20). */
function poisson(mean: number, rng: Rng): number {
  const limit = Math.exp(-mean);
  let n = 0;
  let p = rng();
  while (p > limit) {
    n++;
    p *= rng();
  }
  return n;
}

/** A census from the M/G/inf steady state: ward filled first, the rest out of area. */
function steadyStateCensus(rng: Rng): CensusPerson[] {
  const rate = 2 / MEAN_STAY; // of each Erlang phase
  const exp = () => -Math.log(1 - rng()) / rate;
  const n = poisson(PER_DAY * MEAN_STAY, rng);
  return Array.from({ length: n }, (_, i) => ({
    key: `p${i}`,
    cohort: "adults",
    service: i < BEDS ? "ward" : "oap",
    daysIn: rng() < 0.5 ? exp() : exp() + exp(),
  }));
}

function meanAndSe(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

describe("starting from a census", () => {
  it("gives the steady state at once: occupancy and out-of-area bed-days as after a long warm-up", () => {
    const censusRng = createStream(SEED, "test", "census");
    const fromCensus: ReplicationOutcome[] = [];
    const fromEmpty: ReplicationOutcome[] = [];
    for (let r = 0; r < R; r++) {
      const census = pathway(0, steadyStateCensus(censusRng));
      fromCensus.push(summariseReplication(census, simulate(census, SEED, r)));
      const empty = pathway(400);
      fromEmpty.push(summariseReplication(empty, simulate(empty, SEED, r)));
    }
    for (const kpi of ["mean_local_occupied", "oap_bed_days"] as const) {
      const a = meanAndSe(fromCensus.map((o) => o.kpis[kpi]));
      const b = meanAndSe(fromEmpty.map((o) => o.kpis[kpi]));
      expect(Math.abs(a.mean - b.mean), kpi).toBeLessThan(3 * Math.hypot(a.se, b.se));
    }
    // Both match the theory: N ~ Poisson(20), local = E[min(N, beds)], out of area E[(N - beds)+].
    let p = Math.exp(-PER_DAY * MEAN_STAY);
    let local = 0;
    let away = 0;
    for (let n = 0; n < 200; n++) {
      if (n > 0) p *= (PER_DAY * MEAN_STAY) / n;
      local += p * Math.min(n, BEDS);
      away += p * Math.max(n - BEDS, 0);
    }
    const theory = { mean_local_occupied: local, oap_bed_days: away * DAYS_PER_YEAR };
    for (const kpi of ["mean_local_occupied", "oap_bed_days"] as const) {
      const a = meanAndSe(fromCensus.map((o) => o.kpis[kpi]));
      expect(Math.abs(a.mean - theory[kpi]), kpi).toBeLessThan(3 * a.se);
    }
    // And starting empty with no warm-up is visibly lower: the comparison has power.
    const cold = pathway(0);
    const coldStart = meanAndSe(
      Array.from({ length: R }, (_, r) => summariseReplication(cold, simulate(cold, SEED, r))).map(
        (o) => o.kpis.oap_bed_days,
      ),
    );
    const census = meanAndSe(fromCensus.map((o) => o.kpis.oap_bed_days));
    expect(census.mean - coldStart.mean).toBeGreaterThan(3 * Math.hypot(census.se, coldStart.se));
  });
});
