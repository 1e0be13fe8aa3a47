// A run's outcomes summarised as summary.json is (so the report's findings and chart
// specifications read them unchanged), and the paired comparison of a plan with its baseline.

import packageJson from "../../package.json";
import { compareOutcomes } from "../../src/experiment/comparison.js";
import { OutcomeTable } from "../../src/experiment/outcome-table.js";
import { summariseResults } from "../../src/experiment/run-summary.js";
import { calendarOf } from "../../src/model/calendar.js";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import type { CompareFile } from "../../src/results/compare.js";
import type { RunSummaryFile } from "../../src/results/run-summary.js";
import { scenarioDescription } from "../../src/scenario/scenario-description.js";
import type { LoadedScenario } from "../../src/scenario/scenario-types.js";
import type { ResolvedReinvestment } from "../../src/scenario/to-pathway.js";

export const VERSION: string = packageJson.version;

/** One scenario as the page runs it. */
export interface PageScenario {
  loaded: LoadedScenario;
  pathway: Pathway;
  reinvestments: ResolvedReinvestment[];
  /** The comments beside the model file's figures: their sources, as summary.json has them. */
  modelSources: Record<string, string>;
}

/** The outcomes that have arrived, in replication order (common random numbers pair them). */
export function arrived(outcomes: (ReplicationOutcome | undefined)[]): ReplicationOutcome[] {
  return outcomes.filter((o): o is ReplicationOutcome => o !== undefined);
}

/** summary.json's shape for a run made in the page. */
export function pageSummary(s: PageScenario, outcomes: ReplicationOutcome[]): RunSummaryFile {
  const results = summariseResults(s.pathway, calendarOf(s.pathway), OutcomeTable.of(outcomes));
  const { loaded } = s;
  return {
    version: VERSION,
    seed: loaded.run.seed,
    replications: results.replications,
    scenario: scenarioDescription(loaded, s.reinvestments, (file) => file, s.modelSources),
    kpis: results.kpis,
    by_financial_year: results.by_financial_year,
    cost: results.cost,
    monthly: results.monthly,
  };
}

/** compare.json's shape: the plan against the baseline, paired replication by replication. */
export function pageComparison(
  baseline: PageScenario,
  plan: PageScenario,
  baseOutcomes: ReplicationOutcome[],
  planOutcomes: ReplicationOutcome[],
): CompareFile {
  const years = calendarOf(baseline.pathway).financialYears;
  return {
    version: VERSION,
    seed: baseline.loaded.run.seed,
    replications: baseOutcomes.length,
    baseline: pageSummary(baseline, baseOutcomes),
    scenarios: [
      {
        name: plan.loaded.name,
        summary: pageSummary(plan, planOutcomes),
        ...compareOutcomes(years, OutcomeTable.of(baseOutcomes), OutcomeTable.of(planOutcomes)),
      },
    ],
  };
}
