import type { Pathway } from "../model/pathway.js";
import { OutcomeTable } from "./outcome-table.js";
import type { PoolOptions } from "./pool.js";
import { type KpiSummary, kpiSummaries } from "./run-summary.js";
import type { ReplicationRunner } from "./shard-runners.js";

/** One swept parameter: a dotted path into the model (or run) and the values it takes. */
export interface SweepParameter {
  path: string;
  values: number[];
}

export type PointValues = Record<string, number>;

/** A point of a sweep: its KPIs summarised, and per replication for paired comparisons. */
export interface SweepPointResult {
  values: PointValues;
  kpis: Record<string, KpiSummary>;
  /** Per replication: KPIs over the results period, and per financial year, for paired comparisons. */
  replications: OutcomeTable;
}

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function gridPoints(parameters: SweepParameter[]): PointValues[] {
  return parameters.reduce<PointValues[]>(
    (points, { path, values }) =>
      points.flatMap((point) => values.map((value) => ({ ...point, [path]: value }))),
    [{}],
  );
}

/**
 * Runs one point: the same seed and replication indices at every point, so replication i
 * meets the same people whatever the capacity (common random numbers) and the curve is
 * smooth rather than jagged with noise. Only the KPIs are kept per replication; a sweep of
 * many points would not fit in memory with every daily series.
 */
export async function runPoint(
  values: PointValues,
  pathway: Pathway,
  seed: number,
  replications: number,
  options: Omit<PoolOptions, "workers">,
  pool: ReplicationRunner,
  /** The first replication index: 0, or fresh replications for a right-size's final check. */
  first = 0,
): Promise<SweepPointResult> {
  const indices = Array.from({ length: replications }, (_, i) => first + i);
  const outcomes = new OutcomeTable();
  await pool.run(pathway, seed, indices, (o) => outcomes.add(o), options);
  return pointResult(values, outcomes);
}

export function pointResult(values: PointValues, outcomes: OutcomeTable): SweepPointResult {
  return { values, kpis: kpiSummaries(outcomes.kpis()), replications: outcomes };
}
