import { type Difference, pairedDifferences } from "../stats/paired-differences.js";
import type { OutcomeTable } from "./outcome-table.js";

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
  baseline: OutcomeTable,
  scenario: OutcomeTable,
): Comparison {
  return {
    differences: pairedDifferences(baseline.kpis(), scenario.kpis()),
    differences_by_financial_year: financialYears.map((year, i) => ({
      year,
      differences: pairedDifferences(baseline.yearKpis(i), scenario.yearKpis(i)),
    })),
  };
}
