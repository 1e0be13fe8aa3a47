import type { KpiSummary } from "../experiment/run-summary.js";
import { kpiDefinition } from "../model/kpi-definitions.js";
import { toCsv } from "./csv.js";
import { formatValue, textTable } from "./format.js";
import { orderedKpis } from "./run-table.js";

export interface SweepTableInput {
  parameters: string[];
  points: { values: Record<string, number>; kpis: Record<string, KpiSummary> }[];
}

/** KPIs shown in the terminal for each point: what a capacity decision turns on. */
const SHOWN = ["oap_admissions", "oap_bed_days", "mean_local_occupancy", "total_cost"];

/** One row per point: the swept values, then each shown KPI's mean and 95% interval. */
export function sweepTable(sweep: SweepTableInput, extra: string[] = []): string {
  const shown = [...new Set([...SHOWN, ...extra])].filter((k) => sweep.points[0]?.kpis[k]);
  const header = [
    ...sweep.parameters,
    ...shown.flatMap((k) => [kpiDefinition(k).label, "95% interval"]),
  ];
  const rows = sweep.points.map((point) => [
    ...sweep.parameters.map((p) => String(point.values[p])),
    ...shown.flatMap((k) => {
      const s = point.kpis[k];
      return [
        formatValue(k, s.mean),
        `${formatValue(k, s.ci95[0])} to ${formatValue(k, s.ci95[1])}`,
      ];
    }),
  ]);
  return textTable(header, rows);
}

/** points.csv: one row per point; for every KPI its mean, 95% interval and P10/P90. */
export function sweepCsv(sweep: SweepTableInput): string {
  const kpis = orderedKpis(Object.keys(sweep.points[0]?.kpis ?? {}));
  const header = [
    ...sweep.parameters,
    ...kpis.flatMap((k) => [k, `${k}_ci95_low`, `${k}_ci95_high`, `${k}_p10`, `${k}_p90`]),
  ];
  const rows = sweep.points.map((point) => [
    ...sweep.parameters.map((p) => point.values[p]),
    ...kpis.flatMap((k): (string | number)[] => {
      const s = point.kpis[k];
      return s ? [s.mean, s.ci95[0], s.ci95[1], s.p10, s.p90] : ["", "", "", "", ""];
    }),
  ]);
  return toCsv(header, rows);
}
