import { calendarOf } from "../model/calendar.js";
import { KPI_DEFINITIONS } from "../model/kpi-definitions.js";
import type { Pathway } from "../model/pathway.js";
import { OutcomeTable } from "./outcome-table.js";
import { streamReplications, type TakeOutcome } from "./pool.js";
import { type PrecisionReport, precisionCheck } from "./precision.js";
import { type ResultsSummary, summariseResults } from "./run-summary.js";
import { type RunWarning, runWarnings } from "./run-warnings.js";
import type { ReplicationRunner } from "./shard-runners.js";
import { WarmUpSeries } from "./warm-up-check.js";

export interface ExperimentOptions {
  workers?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Target 95% half-width of every headline KPI, as a fraction of its mean (0.05 = 5%). */
  precision?: number;
  /** Most replications `precision` may run. */
  maxReplications?: number;
  /** Runs the replications instead of a pool of its own: a shard's share, or a merge's stored outcomes. */
  runner?: ReplicationRunner;
}

/** Default ceiling for `--precision`: beyond this a KPI is too rare to pin down cheaply. */
export const DEFAULT_MAX_REPLICATIONS = 5000;

/** One scenario's replications, summarised, with what the run should warn about. */
export interface Experiment {
  outcomes: OutcomeTable;
  results: ResultsSummary;
  precision?: PrecisionReport;
  warnings: RunWarning[];
}

/**
 * Runs `replications` replications of a pathway, and with `precision` adds more (up to the
 * ceiling) until every headline KPI is as precise as asked; then summarises them.
 */
export async function runExperiment(
  pathway: Pathway,
  seed: number,
  replications: number,
  options: ExperimentOptions = {},
): Promise<Experiment> {
  // Each replication's daily series are summed for the warm-up check as it finishes, and the
  // rest kept as a row of numbers: kept whole to the end they were most of a long run's memory.
  const warmUp = new WarmUpSeries(pathway);
  const outcomes = new OutcomeTable();
  const take: TakeOutcome = (o) => {
    warmUp.add(o);
    outcomes.add(o);
  };
  await runIndices(pathway, seed, 0, replications, take, options);
  const precision = options.precision
    ? await addReplicationsForPrecision(pathway, seed, outcomes, take, {
        ...options,
        precision: options.precision,
      })
    : undefined;
  const calendar = calendarOf(pathway);
  return {
    outcomes,
    results: summariseResults(pathway, calendar, outcomes),
    ...(precision ? { precision } : {}),
    warnings: runWarnings(pathway, calendar, warmUp, precision),
  };
}

function runIndices(
  pathway: Pathway,
  seed: number,
  from: number,
  to: number,
  take: TakeOutcome,
  options: ExperimentOptions,
): Promise<void> {
  const indices = Array.from({ length: to - from }, (_, i) => from + i);
  if (options.runner) return options.runner.run(pathway, seed, indices, take, options);
  return streamReplications(pathway, seed, indices, take, options);
}

/**
 * Adds replications (indices continue where the run stopped, so the first N are the same
 * people as a plain N-replication run) until every headline KPI's half-width is within the
 * target, or the ceiling is reached.
 */
async function addReplicationsForPrecision(
  pathway: Pathway,
  seed: number,
  outcomes: OutcomeTable,
  take: TakeOutcome,
  options: ExperimentOptions & { precision: number },
): Promise<PrecisionReport> {
  const target = options.precision;
  const ceiling = options.maxReplications ?? DEFAULT_MAX_REPLICATIONS;
  const headline = outcomes.kpis().names.filter((name) => KPI_DEFINITIONS[name]?.headline);
  let check = precisionCheck(outcomes, headline, target);
  while (check.worst > target && outcomes.length < ceiling) {
    const next = Math.min(ceiling, Math.max(check.needed, outcomes.length + 2));
    await runIndices(pathway, seed, outcomes.length, next, take, options);
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
