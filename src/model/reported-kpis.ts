import {
  isKpiName,
  KPI_DEFINITIONS,
  type KpiFamily,
  type KpiName,
  partKpi,
} from "./kpi-definitions.js";
import { delayableRouteNames } from "./metrics.js";
import type { Pathway, Service } from "./pathway.js";
import { SERVICE_KINDS } from "./service-kinds.js";

/** KPIs reported for each cohort. */
export const COHORT_FAMILIES = [
  "admissions",
  "oap_admissions",
  "oap_bed_days",
  "mean_length_of_stay",
  "median_length_of_stay",
  "p90_length_of_stay",
] as const satisfies readonly KpiFamily[];
/** KPIs reported for each local service with beds or places (wards included). */
export const LOCAL_SERVICE_FAMILIES = [
  "occupied",
  "occupancy",
  "entries",
] as const satisfies readonly KpiFamily[];
/** KPIs reported for each local acute ward only. */
export const WARD_FAMILIES = [
  "days_above_85pct",
  "days_above_95pct",
  "days_full",
  "ward_delayed_discharge_bed_days",
] as const satisfies readonly KpiFamily[];
/** KPIs reported for each service people move on to from a ward (community, rehabilitation). */
export const DESTINATION_FAMILIES = [
  "waiting_for_place",
  "waiting_for_place_days",
] as const satisfies readonly KpiFamily[];

/** Which services each group of part KPIs is reported for, by service index. */
export function reportedServiceGroups(pathway: Pathway): {
  local: number[];
  wards: number[];
  destinations: number[];
} {
  const which = (test: (s: Service) => boolean) =>
    pathway.services.map((s, i) => (test(s) ? i : -1)).filter((i) => i >= 0);
  const role = (s: Service) => SERVICE_KINDS[s.kind].role;
  return {
    local: which((s) => role(s) !== "out_of_area" && Number.isFinite(s.capacity)),
    wards: which((s) => role(s) === "acute"),
    destinations: which((s) => role(s) === "destination" && Number.isFinite(s.capacity)),
  };
}

/**
 * The KPIs a run of this pathway reports, by name: what targets, `--minimise` and sweeps may
 * name. Outcomes and costs leave out exactly what this leaves out, by the same rules.
 */
export function reportedKpiNames(pathway: Pathway): string[] {
  const costed = hasCosts(pathway);
  return [
    ...(Object.keys(KPI_DEFINITIONS) as KpiName[]).filter(
      (name) => appliesTo(name, pathway) && (costed || !KPI_DEFINITIONS[name].fromCosts),
    ),
    ...[...delayableRouteNames(pathway)].map((route) =>
      partKpi("delayed_discharge_bed_days", route),
    ),
    ...(costed ? pathway.services.map((s) => partKpi("cost", s.id)) : []),
    ...partKpiNames(pathway),
  ];
}

/** Whether a registry KPI means anything for this pathway (PICU KPIs need intensive care). */
export function appliesTo(name: string, pathway: Pathway): boolean {
  if (!isKpiName(name)) return true;
  return KPI_DEFINITIONS[name].onlyWith !== "intensive_care" || pathway.picu !== undefined;
}

/** Whether any service has a price: without one there are no cost KPIs at all. */
export function hasCosts(pathway: Pathway): boolean {
  return pathway.services.some(
    (s) => s.cost.perBedPerYear || s.cost.perOccupiedBedDay || s.cost.perEpisode,
  );
}

/** The per-cohort, per-ward and per-service KPIs, cohort by cohort then service by service. */
function partKpiNames(pathway: Pathway): string[] {
  const groups = reportedServiceGroups(pathway);
  const ids = (indices: number[]) => indices.map((i) => pathway.services[i].id);
  const each = (families: readonly KpiFamily[], members: string[]) =>
    members.flatMap((id) => families.map((f) => partKpi(f, id)));
  return [
    ...each(
      COHORT_FAMILIES,
      pathway.cohorts.map((c) => c.id),
    ),
    ...each(LOCAL_SERVICE_FAMILIES, ids(groups.local)),
    ...each(WARD_FAMILIES, ids(groups.wards)),
    ...each(DESTINATION_FAMILIES, ids(groups.destinations)),
  ];
}
