import type { Pathway } from "../model/pathway.js";
import { type Difference, pairedDifference } from "../stats/paired-differences.js";
import { OutcomeTable } from "./outcome-table.js";
import type { PoolOptions, ReplicationPool } from "./pool.js";
import { pointResult, type SweepPointResult } from "./sweep.js";

/**
 * One-at-a-time sensitivity: each input set low, then high, everything else as the scenario,
 * every run with the same seed and replication indices as the scenario itself (common random
 * numbers), so each effect is a paired difference from the scenario and small effects are not
 * lost in noise. Inputs are ranked by the swing (high minus low) of the first KPI.
 */
export interface SensitivityInput {
  /** What the input is, for the file and for messages: "cohorts.older_adults.arrivals". */
  id: string;
  /** In words: "arrivals of older adults". */
  label: string;
  /** The values are factors on the scenario's own (×0.9, ×1.1), not values of a setting. */
  factor?: boolean;
  base: number;
  low: number;
  high: number;
  /** The pathway with this input at a value. */
  pathwayAt: (value: number) => Pathway;
}

export interface InputEffect {
  id: string;
  label: string;
  factor?: boolean;
  base: number;
  low: number;
  high: number;
  /** Per KPI: scenario-at-low minus scenario, and at high, paired, with 95% intervals. */
  effects: Record<string, { low: Difference; high: Difference; swing: number }>;
}

export interface SensitivityResult {
  base: SweepPointResult;
  /** Ranked by the absolute swing of the first KPI, largest first. */
  inputs: InputEffect[];
}

export async function runSensitivity(
  base: Pathway,
  inputs: SensitivityInput[],
  kpis: string[],
  seed: number,
  replications: number,
  pool: ReplicationPool,
  options: Omit<PoolOptions, "workers"> & { onPoint?: (done: number, total: number) => void },
): Promise<SensitivityResult> {
  const indices = Array.from({ length: replications }, (_, i) => i);
  const total = 1 + 2 * inputs.length;
  let done = 0;
  const run = async (pathway: Pathway) => {
    const outcomes = new OutcomeTable();
    await pool.run(pathway, seed, indices, (o) => outcomes.add(o), options);
    options.onPoint?.(++done, total);
    return pointResult({}, outcomes);
  };
  const basePoint = await run(base);
  const column = (point: SweepPointResult, kpi: string) =>
    point.replications.kpis().column(kpi) ?? new Float64Array(replications).fill(Number.NaN);
  const effects: InputEffect[] = [];
  for (const input of inputs) {
    const low = await run(input.pathwayAt(input.low));
    const high = await run(input.pathwayAt(input.high));
    const byKpi: InputEffect["effects"] = {};
    for (const kpi of kpis) {
      const baseValues = column(basePoint, kpi);
      const atLow = pairedDifference(baseValues, column(low, kpi));
      const atHigh = pairedDifference(baseValues, column(high, kpi));
      byKpi[kpi] = { low: atLow, high: atHigh, swing: atHigh.mean - atLow.mean };
    }
    const { pathwayAt: _, ...described } = input;
    effects.push({ ...described, effects: byKpi });
  }
  const first = kpis[0];
  effects.sort(
    (a, b) =>
      Math.abs(b.effects[first].swing) - Math.abs(a.effects[first].swing) ||
      a.id.localeCompare(b.id),
  );
  return { base: basePoint, inputs: effects };
}
