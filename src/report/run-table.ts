import {
  KPI_DEFINITIONS,
  type KpiFamily,
  kpiDefinition,
  kpiParts,
} from "../model/kpi-definitions.js";
import type { KpiSummary } from "../results/kpis.js";
import type { ModelInput, ReinvestmentInput } from "./charts/data.js";
import { inCostOrder } from "./cost-rows.js";
import { describeReinvestment, kpiLabel } from "./describe-scenario.js";
import { formatRange, formatValue, textTable } from "./format.js";
import { kpiNotes, type PrecisionInput, precisionNote } from "./table-notes.js";

export interface RunTableInput {
  version: string;
  seed: number;
  replications: number;
  scenario: {
    name: string;
    title: string;
    run: { start: string; years: number; warm_up_days: number };
    reinvestments: ReinvestmentInput[];
    model: ModelInput;
  };
  kpis: Record<string, KpiSummary>;
  precision?: PrecisionInput;
}

/** KPIs in the order of their definitions, then the per-route and per-service details. */
export function orderedKpis(names: string[]): string[] {
  const known = Object.keys(KPI_DEFINITIONS).filter((n) => names.includes(n));
  const rest = names.filter((n) => !KPI_DEFINITIONS[n]).sort();
  return [...known, ...rest];
}

/**
 * Part KPIs the terminal shows: the delays by route and the costs by service. The figures by
 * ward, cohort and service (more than a hundred on the example) would bury the headline ones;
 * they are in summary.json, the workbook and the report.
 */
const ON_THE_TERMINAL: ReadonlySet<KpiFamily> = new Set(["delayed_discharge_bed_days", "cost"]);

/** The human-readable result of `bedsim run`. */
export function runTable(summary: RunTableInput): string {
  const { scenario, kpis } = summary;
  const all = orderedKpis(Object.keys(kpis));
  const shown = all.filter((name) => {
    const family = kpiParts(name)?.family;
    return family === undefined || ON_THE_TERMINAL.has(family);
  });
  const names = inCostOrder(shown, kpis, scenario.model.services);
  const more = all.length - shown.length;
  const rows = names.map((name) => {
    const k = kpis[name];
    const def = kpiDefinition(name);
    return [
      `${def.headline ? "* " : "  "}${kpiLabel(name, scenario.model)}`,
      formatValue(name, k.mean),
      formatRange(name, k.ci95),
      formatValue(name, k.p10),
      formatValue(name, k.p90),
      def.unit,
    ];
  });
  const lines = [
    `bedsim ${summary.version} · ${scenario.name} · ${scenario.title}`,
    `${summary.replications} replications · seed ${summary.seed} · ${scenario.run.years} years from ${scenario.run.start} · warm-up ${scenario.run.warm_up_days} days (excluded)`,
    "",
    ...scenario.reinvestments.map((r) => describeReinvestment(r, scenario.model)),
    ...(scenario.reinvestments.length > 0 ? [""] : []),
    textTable(["KPI (* headline)", "mean", "95% interval", "P10", "P90", "unit"], rows),
    ...[
      ...(more > 0
        ? [
            `${more} more figures, by ward, cohort and service, are in summary.json, results.xlsx and the report.`,
          ]
        : []),
      ...kpiNotes(kpis),
      ...precisionNote(summary.precision, summary.replications),
    ].flatMap((note) => ["", note]),
  ];
  return lines.join("\n");
}
