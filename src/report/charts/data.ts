/**
 * The shapes the report reads: a run's summary.json, a comparison (compare.json) and a sweep
 * or right-size search (sweep.json, rightsize.json). They are declared once, in src/results/,
 * and only named here as the report calls them; the report depends on the files' contents
 * only, never on how the results were made.
 */
export type {
  CompareFile as CompareInput,
  ScenarioComparison as ScenarioComparisonInput,
} from "../../results/compare.js";
export type {
  Band,
  Interval,
  KpiSummary,
  Kpis,
  Manifest as ManifestInput,
} from "../../results/kpis.js";
export type { RunSummaryFile as RunSummaryInput } from "../../results/run-summary.js";
export type {
  Change as ChangeInput,
  Cohort as CohortInput,
  DischargeRoute as DischargeRouteInput,
  Distribution as DistributionInput,
  Model as ModelInput,
  Reinvestment as ReinvestmentInput,
  ScenarioRecord as ScenarioInput,
  Service as ServiceInput,
} from "../../results/scenario-record.js";
export type { SweepFile as SweepInput, SweepPoint, SweepTarget } from "../../results/sweep.js";

/** A financial-year row that covers only part of the year (summary.json gives its `days`). */
export function isPartYear(row: { days?: number }): boolean {
  return row.days !== undefined && row.days < 365;
}
