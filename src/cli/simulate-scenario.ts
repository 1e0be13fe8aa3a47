import type { OutcomeTable } from "../experiment/outcome-table.js";
import {
  DEFAULT_MAX_REPLICATIONS,
  type Experiment,
  type ExperimentOptions,
  runExperiment,
} from "../experiment/run-experiment.js";
import type { Pathway } from "../model/pathway.js";
import type { RunSummaryFile } from "../results/run-summary.js";
import { InputError } from "../scenario/input-error.js";
import type { LoadedScenario } from "../scenario/load.js";
import { precisionSizeProblems } from "../scenario/run-limits.js";
import { buildPathway, type ResolvedReinvestment } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { runTime } from "./run-time.js";
import { describeScenario, manifest } from "./scenario-description.js";
import { warningText } from "./warning-text.js";

/** Everything a run produces, before anything is written. */
export interface SimulatedScenario {
  loaded: LoadedScenario;
  pathway: Pathway;
  reinvestments: ResolvedReinvestment[];
  outcomes: OutcomeTable;
  summary: RunSummary;
}

/** A run's summary.json, as made here (narrower than what `report` accepts from a file). */
export type RunSummary = ReturnType<typeof runSummary>;

/** A loaded scenario run (experiment/), with its description, warnings and manifest. */
export async function simulateScenario(
  loaded: LoadedScenario,
  /** `runAt`: when the run was made, for a merge of shards (the latest shard's); else now. */
  options: ExperimentOptions & { runAt?: string } = {},
): Promise<SimulatedScenario> {
  // Loading checked the scenario's own replications; --precision may go on to its ceiling.
  if (options.precision) {
    const ceiling = options.maxReplications ?? DEFAULT_MAX_REPLICATIONS;
    const tooBig = precisionSizeProblems(loaded, ceiling, options.maxReplications === undefined);
    if (tooBig.length > 0) throw new InputError(tooBig);
  }
  const { pathway, reinvestments } = buildPathway(loaded);
  const experiment = await runExperiment(
    pathway,
    loaded.run.seed,
    loaded.run.replications,
    options,
  );
  const summary = runSummary(loaded, reinvestments, experiment, options.runAt);
  return { loaded, pathway, reinvestments, outcomes: experiment.outcomes, summary };
}

function runSummary(
  loaded: LoadedScenario,
  reinvestments: ResolvedReinvestment[],
  { results, precision, warnings }: Experiment,
  runAt = runTime(),
) {
  const { seed } = loaded.run;
  return {
    version: VERSION,
    seed,
    replications: results.replications,
    scenario: describeScenario(loaded, reinvestments),
    kpis: results.kpis,
    by_financial_year: results.by_financial_year,
    cost: results.cost,
    monthly: results.monthly,
    ...(precision ? { precision } : {}),
    warnings: [...(loaded.notes ?? []), ...warnings.map(warningText)],
    manifest: { ...manifest(loaded, seed), run_at: runAt },
  } satisfies RunSummaryFile;
}
