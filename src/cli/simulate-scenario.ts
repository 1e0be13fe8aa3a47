import { runReplications } from "../experiment/pool.js";
import { precisionCheck } from "../experiment/precision.js";
import { type ResultsSummary, summariseResults } from "../experiment/run-summary.js";
import { checkWarmUp } from "../experiment/warm-up-check.js";
import { type Calendar, calendarOf } from "../model/calendar.js";
import { KPI_DEFINITIONS } from "../model/kpi-definitions.js";
import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import { InputError } from "../scenario/input-error.js";
import type { LoadedScenario } from "../scenario/load.js";
import { precisionSizeProblems } from "../scenario/run-limits.js";
import { buildPathway, type ResolvedReinvestment } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { describeScenario, manifest } from "./scenario-description.js";

export interface RunOptions {
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Target 95% half-width of every headline KPI, as a fraction of its mean (0.05 = 5%). */
  precision?: number;
  /** Most replications `precision` may run. */
  maxReplications?: number;
}

/** Default ceiling for `--precision`: beyond this a KPI is too rare to pin down cheaply. */
export const DEFAULT_MAX_REPLICATIONS = 5000;

/** Everything a run produces, before anything is written. */
export interface SimulatedScenario {
  loaded: LoadedScenario;
  pathway: Pathway;
  reinvestments: ResolvedReinvestment[];
  outcomes: ReplicationOutcome[];
  summary: RunSummary;
}

export interface PrecisionReport {
  target_pct: number;
  met: boolean;
  worst_kpi: string;
  worst_pct: number;
  max_replications: number;
}

export type RunSummary = {
  version: string;
  seed: number;
  scenario: ReturnType<typeof describeScenario>;
  precision?: PrecisionReport;
  /** Plain-English warnings about the run itself (e.g. a warm-up that looks too short). */
  warnings: string[];
  manifest: ReturnType<typeof manifest> & { run_at: string };
} & ResultsSummary;

export async function simulateScenario(
  loaded: LoadedScenario,
  options: RunOptions = {},
): Promise<SimulatedScenario> {
  // Loading checked the scenario's own replications; --precision may go on to its ceiling.
  if (options.precision) {
    const ceiling = options.maxReplications ?? DEFAULT_MAX_REPLICATIONS;
    const tooBig = precisionSizeProblems(loaded, ceiling, options.maxReplications === undefined);
    if (tooBig.length > 0) throw new InputError(tooBig);
  }
  const { pathway, reinvestments } = buildPathway(loaded);
  const { seed } = loaded.run;
  const outcomes = await runIndices(pathway, seed, 0, loaded.run.replications, options);
  const precision = options.precision
    ? await addReplicationsForPrecision(pathway, seed, outcomes, options.precision, options)
    : undefined;
  const calendar = calendarOf(pathway);
  const results = summariseResults(pathway, calendar, outcomes);
  const summary: RunSummary = {
    version: VERSION,
    seed,
    replications: results.replications,
    scenario: describeScenario(loaded, reinvestments),
    kpis: results.kpis,
    by_financial_year: results.by_financial_year,
    cost: results.cost,
    monthly: results.monthly,
    ...(precision ? { precision } : {}),
    warnings: runWarnings(pathway, calendar, outcomes, precision),
    manifest: { ...manifest(loaded, seed), run_at: new Date().toISOString() },
  };
  return { loaded, pathway, reinvestments, outcomes, summary };
}

function runIndices(
  pathway: Pathway,
  seed: number,
  from: number,
  to: number,
  options: RunOptions,
): Promise<ReplicationOutcome[]> {
  const indices = Array.from({ length: to - from }, (_, i) => from + i);
  return runReplications(pathway, seed, indices, options);
}

/**
 * Adds replications (indices continue where the run stopped, so the first N are the same
 * people as a plain N-replication run) until every headline KPI's half-width is within the
 * target, or the ceiling is reached.
 */
async function addReplicationsForPrecision(
  pathway: Pathway,
  seed: number,
  outcomes: ReplicationOutcome[],
  target: number,
  options: RunOptions,
): Promise<PrecisionReport> {
  const ceiling = options.maxReplications ?? DEFAULT_MAX_REPLICATIONS;
  const headline = Object.keys(outcomes[0]?.kpis ?? {}).filter(
    (name) => KPI_DEFINITIONS[name]?.headline,
  );
  let check = precisionCheck(outcomes, headline, target);
  while (check.worst > target && outcomes.length < ceiling) {
    const next = Math.min(ceiling, Math.max(check.needed, outcomes.length + 2));
    outcomes.push(...(await runIndices(pathway, seed, outcomes.length, next, options)));
    check = precisionCheck(outcomes, headline, target);
  }
  return {
    target_pct: target * 100,
    met: check.worst <= target,
    worst_kpi: check.worstKpi,
    worst_pct: check.worst * 100,
    max_replications: ceiling,
  };
}

function runWarnings(
  pathway: Pathway,
  calendar: Calendar,
  outcomes: ReplicationOutcome[],
  precision: PrecisionReport | undefined,
): string[] {
  const warnings: string[] = [];
  const partYears = calendar.financialYears.flatMap((year, fy) =>
    calendar.isWholeFinancialYear(fy) ? [] : [`${year} (${calendar.financialYearDays[fy]} days)`],
  );
  if (partYears.length > 0)
    warnings.push(
      `The results period does not cover whole financial years: ${partYears.join(" and ")} ${partYears.length > 1 ? "are part years" : "is a part year"}, and ${partYears.length > 1 ? "their" : "its"} yearly figures cover only those days. Start on 1 April and run whole years for whole-year figures.`,
    );
  const warmUp = checkWarmUp(pathway, outcomes);
  if (warmUp) {
    warnings.push(
      `The warm-up of ${warmUp.warmUpDays} days looks too short: ${warmUp.settlingLast === "acute" ? "local acute occupancy is" : "the number of people in crisis houses, community, rehabilitation and out-of-area services is"} still settling after it (MSER-5 suggests discarding about ${warmUp.suggestedDays} days). Results may be biased towards an emptier system; set run.warm_up_days to ${warmUp.suggestedDays} or more.`,
    );
  }
  if (precision && !precision.met) {
    const label = KPI_DEFINITIONS[precision.worst_kpi]?.label ?? precision.worst_kpi;
    warnings.push(
      `Precision of ±${precision.target_pct}% was not reached within ${precision.max_replications.toLocaleString("en-GB")} replications: ${label} is still ±${precision.worst_pct.toFixed(1)}% of its mean. It may be too small or too rare to estimate that closely; accept the wider interval or raise --max-replications.`,
    );
  }
  return warnings;
}
