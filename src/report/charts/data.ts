/**
 * The shapes the report reads: a run's summary.json, a comparison (compare.json) and a sweep
 * (sweep.json). They are structural, so the report depends on the files' contents only, never
 * on how the results were made. Fields the report does not use are left out or loosely typed.
 */
import type { DisplayNames } from "./labels.js";

export interface KpiSummary {
  mean: number;
  ci95: [number, number] | readonly [number, number];
  p10: number;
  p50: number;
  p90: number;
  unit?: string;
  half_width_pct?: number | null;
}

export type Kpis = Record<string, KpiSummary>;

export interface Band {
  mean: number[];
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface Interval {
  mean: number;
  ci95: [number, number] | readonly [number, number];
}

/** A length-of-stay (or delay) distribution as written in the model. */
export interface DistributionInput {
  distribution: string;
  mean?: number;
  sd?: number;
  shape?: number;
  scale?: number;
  k?: number;
  min?: number;
  mode?: number;
  max?: number;
  value?: number;
  values?: number[];
  components?: { weight: number; of: DistributionInput }[];
}

export interface DischargeRouteInput {
  route: string;
  share: number;
  to?: string;
  when_full?: string;
  out_of_area?: string;
  readmission_within_30_days?: number;
  delay?: { share: number; length: DistributionInput; reason?: string };
}

export interface CohortInput {
  id: string;
  name?: string;
  arrivals_per_year: number;
  seasonality?: number[];
  growth_per_year?: number;
  crisis_team_support_at_home?: number;
  crisis_house_instead_of_admission?: number;
  length_of_stay?: DistributionInput;
  discharge_routes?: DischargeRouteInput[];
}

export interface ServiceInput {
  id: string;
  name?: string;
  kind: string;
  beds?: number;
  places?: number;
  accepts?: string[];
  length_of_stay?: DistributionInput;
  stay_multiplier?: number;
  repatriate_to?: string[];
  cost?: Partial<
    Record<
      | "per_bed_per_year"
      | "per_place_per_year"
      | "per_occupied_bed_day"
      | "per_day"
      | "per_episode",
      number
    >
  >;
}

export interface ModelInput {
  name: string;
  description?: string;
  pathway: {
    length_of_stay: DistributionInput;
    discharge_routes: DischargeRouteInput[];
    crisis_team_support_at_home?: number;
    crisis_house_instead_of_admission?: number;
    out_of_area: string;
    max_wait_for_local_bed_days?: number;
    repatriate_if_remaining_days_at_least?: number;
    readmission_window_days?: number;
  };
  cohorts: CohortInput[];
  services: ServiceInput[];
}

/** A dated change as written in the scenario file (after percentages are parsed). */
export interface ChangeInput {
  date?: string;
  description?: string;
  cohort?: string;
  service?: string;
  open_beds?: number;
  close_beds?: number;
  set_beds?: number;
  add_places?: number;
  remove_places?: number;
  set_places?: number;
  scale_arrivals?: number;
  scale_length_of_stay?: number;
  scale_delays?: number;
  crisis_team_support_at_home?: number;
  crisis_house_instead_of_admission?: number;
  length_of_stay?: DistributionInput;
  discharge_routes?: DischargeRouteInput[];
  reinvest?: {
    share: number;
    of_savings_from?: string[];
    into: { service: string; share: number }[];
  };
}

export interface ReinvestmentInput {
  date?: string;
  share_reinvested: number;
  released_per_year: number;
  reinvested_per_year: number;
  bought: {
    service: string;
    capacity: number;
    unit_cost_per_year: number;
    cost_per_year: number;
  }[];
  unspent_per_year: number;
}

export interface ScenarioInput {
  name: string;
  title?: string;
  description?: string;
  file?: string;
  model_file?: string;
  run: { start: string; years: number; warm_up_days: number; replications: number; seed: number };
  changes: ChangeInput[];
  reinvestments?: ReinvestmentInput[];
  model: ModelInput;
}

export interface ManifestInput {
  bedsim_version: string;
  node_version?: string;
  seed?: number;
  files: { path: string; sha256: string }[];
  run_at?: string;
}

/** A run's summary.json. */
export interface RunSummaryInput {
  version: string;
  seed: number;
  replications: number;
  scenario: ScenarioInput;
  kpis: Kpis;
  /** `days` below 365: a part year, whose figures cover only those days. */
  by_financial_year: { year: string; days?: number; kpis: Kpis }[];
  cost?: {
    by_financial_year: {
      year: string;
      service: string;
      mean: number;
      ci95: [number, number] | readonly [number, number];
    }[];
  };
  monthly: { months: string[]; series: Record<string, Band> };
  /** Plain-English warnings about the run (e.g. a warm-up that looks too short). */
  warnings?: string[];
  manifest?: ManifestInput;
}

export interface ScenarioComparisonInput {
  summary: RunSummaryInput;
  /** Paired differences, scenario − baseline. */
  differences: Record<string, Interval>;
  differences_by_financial_year?: { year: string; differences: Record<string, Interval> }[];
}

/** compare.json: a baseline and one or more scenarios run with common random numbers. */
export interface CompareInput {
  version: string;
  seed: number;
  replications: number;
  baseline: RunSummaryInput;
  scenarios: ScenarioComparisonInput[];
}

export interface SweepPoint {
  values: Record<string, number>;
  kpis: Kpis;
  /** The right-size target's statistic here, when it is not simply a KPI's mean or P10/P50/P90. */
  target_estimate?: { estimate: number; ci95: [number, number] | readonly [number, number] };
}

export interface SweepTarget {
  kpi: string;
  operator: "<=" | ">=";
  value: number;
  statistic: string;
}

/** sweep.json: KPIs over a grid of one or two parameters, optionally a right-size answer. */
/** A financial-year row that covers only part of the year (summary.json gives its `days`). */
export function isPartYear(row: { days?: number }): boolean {
  return row.days !== undefined && row.days < 365;
}

export interface SweepInput {
  version: string;
  seed: number;
  replications: number;
  scenario: { name: string; title?: string };
  parameters: string[];
  /** Display names of the services and cohorts in `parameters`, by id. */
  names?: DisplayNames;
  points: SweepPoint[];
  target?: SweepTarget;
  answer?: SweepPoint;
  minimise?: string;
  manifest?: ManifestInput;
  run_at?: string;
}
