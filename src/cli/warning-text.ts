import type { RunWarning } from "../experiment/run-warnings.js";
import { kpiDefinition } from "../model/kpi-definitions.js";

/** A run's warning in plain English, with what to do about it. */
export function warningText(warning: RunWarning): string {
  switch (warning.kind) {
    case "part_financial_years": {
      const many = warning.years.length > 1;
      const years = warning.years.map((y) => `${y.year} (${y.days} days)`).join(" and ");
      return `The results period does not cover whole financial years: ${years} ${many ? "are part years" : "is a part year"}, and ${many ? "their" : "its"} yearly figures cover only those days. Start on 1 April and run whole years for whole-year figures.`;
    }
    case "short_warm_up":
      if (warning.fromCensus)
        return `The run starts from a census, but ${warning.settlingLast === "acute" ? "local acute occupancy is" : "the number of people in crisis houses, community, rehabilitation and out-of-area services is"} still settling after the start (MSER-5 suggests about ${warning.suggestedDays} days): the census does not look like the model's usual state. Check that it lists everyone in every service (community and rehabilitation places too) and that the model's arrivals and stays match today's; the first months' results reflect the settling.`;
      return `The warm-up of ${warning.warmUpDays} days looks too short: ${warning.settlingLast === "acute" ? "local acute occupancy is" : "the number of people in crisis houses, community, rehabilitation and out-of-area services is"} still settling after it (MSER-5 suggests discarding about ${warning.suggestedDays} days). Results may be biased towards an emptier system; set run.warm_up_days to ${warning.suggestedDays} or more.`;
    case "precision_not_met":
      return `Precision of ±${warning.target_pct}% was not reached within ${warning.max_replications.toLocaleString("en-GB")} replications: ${kpiDefinition(warning.worst_kpi).label} is still ±${warning.worst_pct.toFixed(1)}% of its mean. It may be too small or too rare to estimate that closely; accept the wider interval or raise --max-replications.`;
  }
}

/** Warnings on stderr, one line each, in bedsim's voice. */
export function printWarnings(warnings: string[]): void {
  for (const warning of warnings) process.stderr.write(`bedsim: warning: ${warning}\n`);
}
