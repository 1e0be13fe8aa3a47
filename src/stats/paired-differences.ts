import { summarise } from "./summary.js";

/** A difference between two scenarios: its mean and 95% t-interval. */
export interface Difference {
  mean: number;
  ci95: [number, number];
}

/**
 * Paired differences, scenario − baseline, replication by replication. With common random
 * numbers replication i of both meets the same people, so most of the noise cancels and the
 * interval is much narrower than that of two independent runs. A scenario identical to its
 * baseline gives exactly 0 with interval [0, 0].
 */
export function pairedDifference(
  baseline: ArrayLike<number>,
  scenario: ArrayLike<number>,
): Difference {
  if (baseline.length !== scenario.length)
    throw new Error(
      `paired runs need equal replications (${baseline.length} vs ${scenario.length})`,
    );
  const differences = Float64Array.from(scenario, (value, i) => value - baseline[i]);
  const { mean, ci95 } = summarise(differences);
  return { mean, ci95 };
}

/**
 * Several KPIs over the same replications: their names, and each one's values in replication
 * order (undefined for a KPI not held).
 */
export interface KpiColumns {
  names: readonly string[];
  length: number;
  column(name: string): ArrayLike<number> | undefined;
}

/** The same, for every KPI of two runs; a KPI one side lacks counts as 0 there. */
export function pairedDifferences(
  baseline: KpiColumns,
  scenario: KpiColumns,
): Record<string, Difference> {
  const names = new Set([...baseline.names, ...scenario.names]);
  const result: Record<string, Difference> = {};
  for (const name of names) {
    result[name] = pairedDifference(
      baseline.column(name) ?? new Float64Array(baseline.length),
      scenario.column(name) ?? new Float64Array(scenario.length),
    );
  }
  return result;
}

/** Whether an interval lies wholly on one side of zero. */
export function excludesZero({ ci95 }: Difference): boolean {
  return ci95[0] > 0 || ci95[1] < 0;
}
