import type { ReplicationOutcome } from "../model/outcomes.js";
import { type Difference, pairedDifferences } from "../stats/paired-differences.js";

export interface Comparison {
  /** KPI → paired difference, scenario − baseline, over the results period. */
  differences: Record<string, Difference>;
  differences_by_financial_year: { year: string; differences: Record<string, Difference> }[];
}

/**
 * Compares two runs made with the same seed, replication by replication. Both must cover the
 * same financial years; replication i of each met the same people (common random numbers).
 */
export function compareOutcomes(
  financialYears: string[],
  baseline: ReplicationOutcome[],
  scenario: ReplicationOutcome[],
): Comparison {
  return {
    differences: pairedDifferences(
      baseline.map((o) => o.kpis),
      scenario.map((o) => o.kpis),
    ),
    differences_by_financial_year: financialYears.map((year, i) => ({
      year,
      differences: pairedDifferences(
        baseline.map((o) => o.byFinancialYear[i].kpis),
        scenario.map((o) => o.byFinancialYear[i].kpis),
      ),
    })),
  };
}
