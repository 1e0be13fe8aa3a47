import { kpiDefinition } from "../model/kpi-definitions.js";
import type { KpiSummary } from "../results/kpis.js";
import { capitalise, type DisplayNames, parameterLabel } from "./charts/labels.js";
import { statisticWords } from "./charts/sweep.js";
import { toCsv } from "./csv.js";
import { formatRange, formatValue, textTable } from "./format.js";
import { orderedKpis } from "./run-table.js";

export interface SweepTableInput {
  parameters: string[];
  names?: DisplayNames;
  points: {
    values: Record<string, number>;
    kpis: Record<string, KpiSummary>;
    /** A right-size target's own statistic (e.g. a percentile of single years) at the point. */
    target_estimate?: { estimate: number; ci95: readonly [number, number] };
  }[];
  target?: { kpi: string; statistic: string };
}

/** KPIs shown in the terminal for each point: what a capacity decision turns on. */
const SHOWN = ["oap_admissions", "oap_bed_days", "mean_local_occupancy", "total_cost"];

/** One row per point: the swept values, then each shown KPI's mean and 95% interval. */
export function sweepTable(sweep: SweepTableInput, extra: string[] = []): string {
  const shown = [...new Set([...SHOWN, ...extra])].filter((k) => sweep.points[0]?.kpis[k]);
  const { target } = sweep;
  // A percentile target is judged on its own statistic, not the means: show it too.
  const judged = target && sweep.points.some((p) => p.target_estimate) ? target : undefined;
  const header = [
    ...sweep.parameters.map((p) => capitalise(parameterLabel(p, sweep.names))),
    ...shown.flatMap((k) => [kpiDefinition(k).label, "95% interval"]),
    ...(judged
      ? [`${kpiDefinition(judged.kpi).label}, ${statisticWords(judged.statistic)}`, "95% interval"]
      : []),
  ];
  const rows = sweep.points.map((point) => [
    ...sweep.parameters.map((p) => String(point.values[p])),
    ...shown.flatMap((k) => [
      formatValue(k, point.kpis[k].mean),
      formatRange(k, point.kpis[k].ci95),
    ]),
    ...(judged && point.target_estimate
      ? [
          formatValue(judged.kpi, point.target_estimate.estimate),
          formatRange(judged.kpi, point.target_estimate.ci95),
        ]
      : judged
        ? ["–", "–"]
        : []),
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
