import type { Calendar } from "../model/calendar.js";
import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import type { PrecisionReport } from "./precision.js";
import { checkWarmUp, type WarmUpSeries, type WarmUpWarning } from "./warm-up-check.js";

/**
 * What a run warns about, as data: the CLI prints these and the summary records them, both in
 * the words of `cli/warning-text.ts`.
 */
export type RunWarning =
  | { kind: "part_financial_years"; years: { year: string; days: number }[] }
  /** `fromCensus`: the run started from a census, so the settling is the census's, not a warm-up's. */
  | ({ kind: "short_warm_up"; fromCensus: boolean } & WarmUpWarning)
  | ({ kind: "precision_not_met" } & PrecisionReport);

export function runWarnings(
  pathway: Pathway,
  calendar: Calendar,
  /** The outcomes, or (flat in memory) just the daily series the warm-up check reads. */
  outcomes: ReplicationOutcome[] | WarmUpSeries,
  precision: PrecisionReport | undefined,
): RunWarning[] {
  const warnings: RunWarning[] = [];
  const partYears = calendar.financialYears.flatMap((year, fy) =>
    calendar.isWholeFinancialYear(fy) ? [] : [{ year, days: calendar.financialYearDays[fy] }],
  );
  if (partYears.length > 0) warnings.push({ kind: "part_financial_years", years: partYears });
  const warmUp = checkWarmUp(pathway, outcomes);
  if (warmUp)
    warnings.push({ kind: "short_warm_up", fromCensus: pathway.census !== undefined, ...warmUp });
  if (precision && !precision.met) warnings.push({ kind: "precision_not_met", ...precision });
  return warnings;
}
