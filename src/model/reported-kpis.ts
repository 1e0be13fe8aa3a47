import { isKpiName, KPI_DEFINITIONS, type KpiName, partKpi } from "./kpi-definitions.js";
import { delayableRouteNames } from "./metrics.js";
import type { Pathway } from "./pathway.js";

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
