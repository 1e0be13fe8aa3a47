/**
 * Cost by service and financial year, in the order a finance lead reads it: services of a
 * kind together (wards, then rehabilitation, crisis houses, community, intensive care, out
 * of area: the order of the service-kind registry), the largest first within each kind, the
 * total last. Shared by the report's table, the CSVs and the workbook.
 */
import { kpiParts } from "../model/kpi-definitions.js";
import { SERVICE_KIND_NAMES } from "../model/service-kinds.js";
import type { Interval, RunSummaryInput, ServiceInput } from "./charts/data.js";
import { humanise } from "./charts/labels.js";

export interface CostRow {
  /** A service id, or "total". */
  id: string;
  name: string;
  kind?: string;
  /** Financial year → mean and 95% interval (absent: no cost that year). */
  years: Map<string, Interval>;
}

/** A service kind's place in the registry: wards first, out of area last. */
function kindRank(kind?: string): number {
  const i = SERVICE_KIND_NAMES.indexOf(kind as (typeof SERVICE_KIND_NAMES)[number]);
  return i < 0 ? SERVICE_KIND_NAMES.length : i;
}

/**
 * KPI names with the per-service costs ("cost.oakwood_ward") put in cost order, by kind of
 * service and then the largest first, where they stood; every other name keeps its place.
 */
export function inCostOrder(
  names: string[],
  kpis: Record<string, { mean: number }>,
  services: ServiceInput[],
): string[] {
  const kinds = new Map(services.map((s) => [s.id, s.kind]));
  const parts = names.filter((n) => kpiParts(n)?.family === "cost");
  const sorted = [...parts].sort((a, b) => {
    const ka = kindRank(kinds.get(kpiParts(a)?.id ?? ""));
    const kb = kindRank(kinds.get(kpiParts(b)?.id ?? ""));
    return ka - kb || (kpis[b]?.mean ?? 0) - (kpis[a]?.mean ?? 0);
  });
  let next = 0;
  return names.map((n) => (kpiParts(n)?.family === "cost" ? sorted[next++] : n));
}

export function costYears(summary: Pick<RunSummaryInput, "cost">): string[] {
  return [...new Set((summary.cost?.by_financial_year ?? []).map((r) => r.year))];
}

/** One row per costed service, in reading order, then the total; empty without costs. */
export function costRows(summary: Pick<RunSummaryInput, "cost" | "scenario">): CostRow[] {
  const services = new Map<string, ServiceInput>(
    summary.scenario.model.services.map((s) => [s.id, s]),
  );
  const rows = new Map<string, CostRow>();
  for (const r of summary.cost?.by_financial_year ?? []) {
    let row = rows.get(r.service);
    if (!row) {
      const service = services.get(r.service);
      row = {
        id: r.service,
        name: r.service === "total" ? "Total" : (service?.name ?? humanise(r.service)),
        kind: service?.kind,
        years: new Map(),
      };
      rows.set(r.service, row);
    }
    row.years.set(r.year, { mean: r.mean, ci95: r.ci95 });
  }
  const size = (row: CostRow) => [...row.years.values()].reduce((s, v) => s + v.mean, 0);
  const parts = [...rows.values()]
    .filter((r) => r.id !== "total")
    .sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || size(b) - size(a));
  const total = rows.get("total");
  return total ? [...parts, total] : parts;
}
