import { runReplications } from "../experiment/pool.js";
import { type ResultsSummary, summariseResults } from "../experiment/run-summary.js";
import { Calendar } from "../model/calendar.js";
import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import type { LoadedScenario } from "../scenario/load.js";
import { buildPathway, type ResolvedReinvestment } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { describeScenario, manifest } from "./scenario-description.js";

export interface RunOptions {
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Everything a run produces, before anything is written. */
export interface SimulatedScenario {
  loaded: LoadedScenario;
  pathway: Pathway;
  reinvestments: ResolvedReinvestment[];
  outcomes: ReplicationOutcome[];
  summary: RunSummary;
}

export type RunSummary = {
  version: string;
  seed: number;
  scenario: ReturnType<typeof describeScenario>;
  manifest: ReturnType<typeof manifest> & { run_at: string };
} & ResultsSummary;

export async function simulateScenario(
  loaded: LoadedScenario,
  options: RunOptions = {},
): Promise<SimulatedScenario> {
  const { pathway, reinvestments } = buildPathway(loaded);
  const { seed, replications } = loaded.run;
  const indices = Array.from({ length: replications }, (_, i) => i);
  const outcomes = await runReplications(pathway, seed, indices, options);
  const calendar = new Calendar(
    pathway.horizon.startDate,
    pathway.horizon.warmUpDays,
    pathway.horizon.days,
  );
  const results = summariseResults(pathway, calendar.months, calendar.financialYears, outcomes);
  const summary: RunSummary = {
    version: VERSION,
    seed,
    replications: results.replications,
    scenario: describeScenario(loaded, reinvestments),
    kpis: results.kpis,
    by_financial_year: results.by_financial_year,
    cost: results.cost,
    monthly: results.monthly,
    manifest: { ...manifest(loaded, seed), run_at: new Date().toISOString() },
  };
  return { loaded, pathway, reinvestments, outcomes, summary };
}
