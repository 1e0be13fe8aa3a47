/**
 * The KPIs, in one registry: each name with what it means, in words a commissioner would use,
 * and who computes it. Counts and bed-days are per year (annualised over the results period);
 * levels are the average over the results period. The outcomes and costs that compute values
 * are typed by these names, so a KPI with a value and no definition (or the reverse) does not
 * compile. KPIs made for each route or service ("cost.oakwood_ward") are named and read by
 * `partKpi` and `kpiParts` below, and defined by their family.
 */
export interface KpiDefinition {
  unit: string;
  label: string;
  /** Headline KPIs appear in the console table and report first. */
  headline?: boolean;
  /** Money, people and bed-days are rounded for reading; fractions are shown as %. */
  format: "count" | "fraction" | "days" | "money";
  description: string;
  /** Computed from the costs of the pathway's use (finance), not by the pathway itself. */
  fromCosts?: true;
  /** Reported only for pathways that have this part (see `reported-kpis.ts`). */
  onlyWith?: "intensive_care";
}

const DEFINITIONS = {
  arrivals: {
    unit: "people a year",
    label: "People in crisis referred",
    format: "count",
    description:
      "People in mental-health crisis referred for an acute bed (first episodes; readmissions are counted separately).",
  },
  crisis_team_supported: {
    unit: "people a year",
    label: "Supported at home by crisis team",
    format: "count",
    description: "People the crisis team supported at home, who never needed a bed.",
  },
  admissions: {
    unit: "admissions a year",
    label: "Acute admissions",
    headline: true,
    format: "count",
    description:
      "Admissions to an acute bed, local or out of area (local_admissions + oap_admissions), readmissions included.",
  },
  local_admissions: {
    unit: "admissions a year",
    label: "Local admissions",
    format: "count",
    description: "Admissions to a local acute ward.",
  },
  oap_admissions: {
    unit: "admissions a year",
    label: "Out-of-area admissions",
    headline: true,
    format: "count",
    description:
      "Admissions to an out-of-area acute bed because no suitable local bed was free within the maximum wait.",
  },
  oap_share: {
    unit: "fraction of admissions",
    label: "Share admitted out of area",
    format: "fraction",
    description: "Out-of-area admissions as a share of all acute admissions.",
  },
  oap_bed_days: {
    unit: "bed-days a year",
    label: "Out-of-area bed-days",
    headline: true,
    format: "days",
    description: "Days spent in out-of-area acute beds.",
  },
  mean_oap_occupied: {
    unit: "people",
    label: "People out of area on an average day",
    headline: true,
    format: "count",
    description:
      "Average number of people in out-of-area acute beds (out-of-area intensive care is counted apart).",
  },
  mean_local_occupancy: {
    unit: "fraction of open beds",
    label: "Local acute bed occupancy",
    headline: true,
    format: "fraction",
    description:
      "Occupied local acute bed-days divided by open bed-days. Beds close only as their patients leave, so it never exceeds 100%; with no beds open it is 0.",
  },
  peak_local_occupancy: {
    unit: "fraction of open beds",
    label: "Peak daily occupancy",
    format: "fraction",
    description: "Highest daily average occupancy of local acute beds in the results period.",
  },
  mean_local_occupied: {
    unit: "beds",
    label: "Local acute beds occupied",
    format: "count",
    description: "Average number of local acute beds occupied.",
  },
  mean_open_beds: {
    unit: "beds",
    label: "Local acute beds open",
    format: "count",
    description:
      "Average number of local acute beds open (follows dated changes; a closed bed stays open until its patient leaves).",
  },
  days_above_85pct: {
    unit: "days a year",
    label: "Days above 85% occupancy",
    format: "days",
    description:
      "Days whose average local acute occupancy was above 85%, the Royal College of Psychiatrists' recommended maximum.",
  },
  days_above_95pct: {
    unit: "days a year",
    label: "Days above 95% occupancy",
    format: "days",
    description: "Days whose average local acute occupancy was above 95%.",
  },
  days_full: {
    unit: "days a year",
    label: "Days with every bed full",
    format: "days",
    description:
      "Days on which every open local acute bed was occupied all day, so anyone needing a bed waited or went out of area (a day with no beds open at all is not counted).",
  },
  waited_for_bed: {
    unit: "people a year",
    label: "People who waited for a bed",
    format: "count",
    description:
      "People who waited for a local bed (and got one, or went out of area when the maximum wait ran out).",
  },
  mean_wait_days: {
    unit: "days",
    label: "Average wait, for those who waited",
    format: "days",
    description: "Average time spent waiting for a local acute bed among people who waited.",
  },
  mean_waiting: {
    unit: "people",
    label: "People waiting on an average day",
    format: "count",
    description: "Average number of people waiting for a local acute bed.",
  },
  delayed_discharge_bed_days: {
    unit: "bed-days a year",
    label: "Delayed-discharge bed-days",
    headline: true,
    format: "days",
    description:
      "Days people spent in an acute bed after they were ready to leave: waiting for a care package or housing, or for a place in the next service.",
  },
  crisis_house_admissions: {
    unit: "people a year",
    label: "Crisis-house admissions instead of hospital",
    headline: true,
    format: "count",
    description: "People who went to a crisis house instead of being admitted.",
  },
  crisis_house_step_downs: {
    unit: "people a year",
    label: "Crisis-house step-downs",
    format: "count",
    description: "People who moved from a ward to a crisis house to finish their recovery.",
  },
  crisis_house_turned_away: {
    unit: "people a year",
    label: "Crisis house full (admitted instead)",
    format: "count",
    description:
      "People offered a crisis house who were admitted because every crisis-house bed was full.",
  },
  mean_crisis_house_occupied: {
    unit: "beds",
    label: "Crisis-house beds occupied",
    format: "count",
    description: "Average number of crisis-house beds occupied.",
  },
  readmissions_30d: {
    unit: "readmissions a year",
    label: "Readmissions within 30 days",
    headline: true,
    format: "count",
    description: "People readmitted to an acute bed within 30 days of leaving one.",
  },
  repatriations: {
    unit: "people a year",
    label: "Repatriations",
    format: "count",
    description: "People brought back from an out-of-area bed to a local bed.",
  },
  rehab_oap_bed_days: {
    unit: "bed-days a year",
    label: "Out-of-area rehabilitation bed-days",
    format: "days",
    description:
      "Days in out-of-area rehabilitation placements (or any out-of-area service other than the acute and intensive-care ones).",
  },
  picu_admissions: {
    unit: "people a year",
    label: "Transfers to intensive care (PICU)",
    headline: true,
    format: "count",
    description:
      "Acute patients who needed a psychiatric intensive care (PICU) bed, local or out of area.",
    onlyWith: "intensive_care",
  },
  picu_oap_admissions: {
    unit: "people a year",
    label: "Out-of-area PICU admissions",
    headline: true,
    format: "count",
    description:
      "Transfers to intensive care that went out of area because no local PICU bed was free.",
    onlyWith: "intensive_care",
  },
  picu_oap_bed_days: {
    unit: "bed-days a year",
    label: "Out-of-area PICU bed-days",
    format: "days",
    description:
      "Days spent in out-of-area PICU beds, waiting there for a local acute bed included.",
    onlyWith: "intensive_care",
  },
  mean_picu_occupied: {
    unit: "beds",
    label: "Local PICU beds occupied",
    format: "count",
    description: "Average number of local PICU beds occupied.",
    onlyWith: "intensive_care",
  },
  picu_step_down_delay_bed_days: {
    unit: "bed-days a year",
    label: "PICU step-down delays",
    format: "days",
    description:
      "Days people ready to leave intensive care spent waiting in the PICU (local or out of area) for a local acute bed.",
    onlyWith: "intensive_care",
  },
  mean_length_of_stay: {
    unit: "days",
    label: "Average length of stay",
    headline: true,
    format: "days",
    description:
      "Average realised length of acute inpatient stays that ended in the results period, from admission (local or out of area) to leaving inpatient care: intensive care, waits for a place and delayed discharges included. The national aim is 32 days.",
  },
  median_length_of_stay: {
    unit: "days",
    label: "Median length of stay",
    format: "days",
    description:
      "Half of the acute inpatient stays that ended in the results period were shorter than this (stays measured as for the average length of stay).",
  },
  p90_length_of_stay: {
    unit: "days",
    label: "Length of stay, longest 10% start at",
    format: "days",
    description:
      "Nine in ten acute inpatient stays that ended in the results period were shorter than this (the 90th percentile).",
  },
  total_cost: {
    unit: "£ a year",
    label: "Total cost",
    headline: true,
    format: "money",
    description:
      "All modelled costs: staffed beds and places, occupied bed-days, out-of-area days and episodes.",
    fromCosts: true,
  },
} as const satisfies Record<string, KpiDefinition>;

export type KpiName = keyof typeof DEFINITIONS;
/** The KPIs a replication of the pathway computes (the rest come from its costs). */
export type PathwayKpi = {
  [K in KpiName]: (typeof DEFINITIONS)[K] extends { fromCosts: true } ? never : K;
}[KpiName];

/** The registry's own KPIs by name (a name that is not one reads as undefined). */
export const KPI_DEFINITIONS: Readonly<Record<string, KpiDefinition>> = DEFINITIONS;

/** Whether `name` is one of the registry's own KPIs (not one made for a route or service). */
export function isKpiName(name: string): name is KpiName {
  return Object.hasOwn(DEFINITIONS, name);
}

/** Families of KPIs with one value per route or service, and how each member is defined. */
const PART_FAMILIES = {
  delayed_discharge_bed_days: (route: string): KpiDefinition => ({
    unit: "bed-days a year",
    label: `Delayed-discharge bed-days: ${route.replaceAll("_", " ")}`,
    format: "days",
    description: `Delayed-discharge bed-days of people whose discharge route is ${route}.`,
  }),
  cost: (service: string): KpiDefinition => ({
    unit: "£ a year",
    label: `Cost: ${service.replaceAll("_", " ")}`,
    format: "money",
    description: `Yearly cost of ${service}.`,
    fromCosts: true,
  }),
  // By cohort.
  admissions: (cohort: string) =>
    part(
      cohort,
      "admissions a year",
      "Acute admissions",
      "count",
      "Acute admissions (local or out of area) of",
    ),
  oap_admissions: (cohort: string) =>
    part(
      cohort,
      "admissions a year",
      "Out-of-area admissions",
      "count",
      "Acute admissions out of area of",
    ),
  oap_bed_days: (cohort: string) =>
    part(
      cohort,
      "bed-days a year",
      "Out-of-area bed-days",
      "days",
      "Days in out-of-area acute beds of",
    ),
  mean_length_of_stay: (cohort: string) =>
    part(
      cohort,
      "days",
      "Average length of stay",
      "days",
      "Average realised length of the acute stays that ended in the results period, of",
    ),
  median_length_of_stay: (cohort: string) =>
    part(
      cohort,
      "days",
      "Median length of stay",
      "days",
      "Median realised length of the acute stays that ended in the results period, of",
    ),
  p90_length_of_stay: (cohort: string) =>
    part(
      cohort,
      "days",
      "Length of stay, longest 10% start at",
      "days",
      "90th percentile of the realised length of the acute stays that ended in the results period, of",
    ),
  // By service (local wards, crisis houses, community and rehabilitation services).
  occupied: (service: string) =>
    part(
      service,
      "beds",
      "Beds or places occupied",
      "count",
      "Average number of beds or places occupied in",
    ),
  occupancy: (service: string) =>
    part(
      service,
      "fraction of open beds",
      "Occupancy",
      "fraction",
      "Occupied bed-days divided by open bed-days in",
    ),
  entries: (service: string) =>
    part(
      service,
      "people a year",
      "People admitted or placed",
      "count",
      "People who entered (admissions, placements, transfers in and repatriations) to",
    ),
  waiting_for_place: (service: string) =>
    part(
      service,
      "people",
      "People in a bed waiting for a place",
      "count",
      "Average number of people ready to leave an acute bed who wait in it for a place in",
    ),
  waiting_for_place_days: (service: string) =>
    part(
      service,
      "bed-days a year",
      "Bed-days waiting for a place",
      "days",
      "Acute bed-days spent by people ready to leave waiting for a place in",
    ),
  // By acute ward.
  days_above_85pct: (ward: string) =>
    part(
      ward,
      "days a year",
      "Days above 85% occupancy",
      "days",
      "Days whose average occupancy was above 85% on",
    ),
  days_above_95pct: (ward: string) =>
    part(
      ward,
      "days a year",
      "Days above 95% occupancy",
      "days",
      "Days whose average occupancy was above 95% on",
    ),
  days_full: (ward: string) =>
    part(
      ward,
      "days a year",
      "Days with every bed full",
      "days",
      "Days on which every open bed was occupied all day on",
    ),
  ward_delayed_discharge_bed_days: (ward: string) =>
    part(
      ward,
      "bed-days a year",
      "Delayed-discharge bed-days on ward",
      "days",
      "Days people ready to leave spent in a bed of",
    ),
} as const;

export type KpiFamily = keyof typeof PART_FAMILIES;

/** A family member's definition: "Occupancy: oakwood ward". */
function part(
  id: string,
  unit: string,
  label: string,
  format: KpiDefinition["format"],
  described: string,
): KpiDefinition {
  const name = id.replaceAll("_", " ");
  return { unit, label: `${label}: ${name}`, format, description: `${described} ${name}.` };
}

/** The name of a family's KPI for one route or service: "cost.oakwood_ward". */
export function partKpi(family: KpiFamily, id: string): string {
  return `${family}.${id}`;
}

/** A part KPI's family and route or service; undefined for any other name. */
export function kpiParts(name: string): { family: KpiFamily; id: string } | undefined {
  const dot = name.indexOf(".");
  if (dot < 0) return undefined;
  const family = name.slice(0, dot);
  return Object.hasOwn(PART_FAMILIES, family)
    ? { family: family as KpiFamily, id: name.slice(dot + 1) }
    : undefined;
}

/** The definition of any KPI a run reports, a route's or service's included. */
export function kpiDefinition(name: string): KpiDefinition {
  if (isKpiName(name)) return DEFINITIONS[name];
  const parts = kpiParts(name);
  if (parts) return PART_FAMILIES[parts.family](parts.id);
  return { unit: "", label: name, format: "count", description: name };
}
