// The views by ward and by cohort: a run's part KPIs (the families model/reported-kpis.ts says
// are reported for each local service, each acute ward and each cohort) as a table with a row
// for each ward or cohort, in the report's Table shape. What a cell says (a value with its
// interval, or a paired difference) is the caller's, from the report's formatters.
import { type KpiFamily, kpiDefinition, partKpi } from "../../src/model/kpi-definitions.js";
import { LOCAL_SERVICE_FAMILIES, WARD_FAMILIES } from "../../src/model/reported-kpis.js";
import type { Table } from "../../src/report/describe-scenario.js";

/** The families shown for each ward or other local service. */
export const SERVICE_FAMILIES: readonly KpiFamily[] = [...LOCAL_SERVICE_FAMILIES, ...WARD_FAMILIES];

/** A family's column heading from the registry: "Occupancy (fraction of open beds)". */
export function familyHeading(family: KpiFamily): string {
  const { label, unit } = kpiDefinition(partKpi(family, "_"));
  return `${label.slice(0, label.lastIndexOf(": "))} (${unit})`;
}

/**
 * A row for each of `parts` the run reports any of `families` for, and a column for each
 * family reported; `cell` words one KPI (by its name, e.g. "occupancy.oakwood_ward").
 */
export function partTable(
  first: string,
  parts: readonly { id: string; name?: string }[],
  families: readonly KpiFamily[],
  reported: (name: string) => boolean,
  cell: (name: string) => string,
): Table | undefined {
  const rows = parts.filter((p) => families.some((f) => reported(partKpi(f, p.id))));
  if (rows.length === 0) return undefined;
  const shown = families.filter((f) => rows.some((p) => reported(partKpi(f, p.id))));
  return {
    header: [first, ...shown.map(familyHeading)],
    numeric: [false, ...shown.map(() => true)],
    rows: rows.map((p) => [
      p.name ?? p.id,
      ...shown.map((f) => (reported(partKpi(f, p.id)) ? cell(partKpi(f, p.id)) : "–")),
    ]),
  };
}
