/**
 * A census start on the full example model (wards, PICU, crisis houses, community places,
 * rehabilitation, delays, out of area): each replication starts from the people an independent
 * warm-up from empty leaves in every service on the start date, with no warm-up of its own.
 * The states it starts from are then the model's steady state, so its occupancy and
 * out-of-area figures must match a long warm-up from empty within 3 standard errors.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/cli/node-files.js";
import { type ReplicationOutcome, summariseReplication } from "../../src/model/outcomes.js";
import type { CensusPerson, Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { SpellLog } from "../../src/model/spell-log.js";
import { loadScenario } from "../../src/scenario/load.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import { REPO } from "../scenario/helpers.js";

const R = 80;
const WARM_UP_DAYS = 1460;

function examplePathway(warmUpDays: number): Pathway {
  const loaded = loadScenario(path.join(REPO, "scenarios", "baseline.yaml"), {
    files: nodeFiles,
    set: ["run.years=1", `run.warm_up_days=${warmUpDays}`],
  });
  return buildPathway(loaded).pathway;
}

/** Who an independent run from empty leaves in each service at the start, with their days in. */
function steadyStateCensus(warm: Pathway, replication: number): CensusPerson[] {
  const log = new SpellLog();
  simulate(warm, 4242, replication, log);
  return log.spells
    .filter((s) => s.start < 0 && (s.end === undefined || s.end > 0))
    .map((s) => ({
      key: `${replication}:${s.person}`,
      cohort: warm.cohorts[s.cohort].id,
      service: warm.services[s.service].id,
      daysIn: -s.start,
      ...(s.delayedFrom !== undefined && s.delayedFrom <= 0 && { daysDelayed: -s.delayedFrom }),
    }));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};

describe("a census start on the full example model", () => {
  it("matches a long warm-up from empty within 3 standard errors", () => {
    const warm = examplePathway(WARM_UP_DAYS);
    const cold = examplePathway(0);
    const fromEmpty: ReplicationOutcome[] = [];
    const fromCensus: ReplicationOutcome[] = [];
    const coldStart: number[] = [];
    for (let i = 0; i < R; i++) {
      fromEmpty.push(summariseReplication(warm, simulate(warm, 7, i)));
      coldStart.push(summariseReplication(cold, simulate(cold, 7, i)).kpis.mean_local_occupancy);
      const started = { ...cold, census: steadyStateCensus(warm, i) };
      fromCensus.push(summariseReplication(started, simulate(started, 7, i)));
    }
    for (const kpi of ["mean_local_occupancy", "oap_bed_days", "delayed_discharge_bed_days"]) {
      const a = fromEmpty.map((o) => o.kpis[kpi]);
      const b = fromCensus.map((o) => o.kpis[kpi]);
      const se = Math.sqrt(variance(a) / R + variance(b) / R);
      expect(
        Math.abs(mean(a) - mean(b)),
        `${kpi}: ${mean(a)} from empty, ${mean(b)} from a census`,
      ).toBeLessThan(3 * se);
    }
    // Without the census the same short run starts from empty wards, and it shows.
    const a = fromEmpty.map((o) => o.kpis.mean_local_occupancy);
    const se = Math.sqrt(variance(a) / R + variance(coldStart) / R);
    expect(mean(a) - mean(coldStart)).toBeGreaterThan(3 * se);
  }, 120_000);
});
