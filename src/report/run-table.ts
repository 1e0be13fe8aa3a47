import type { KpiSummary } from "../experiment/run-summary.js";
import { KPI_DEFINITIONS, kpiDefinition } from "../model/kpi-definitions.js";
import { formatMoney, formatValue, textTable } from "./format.js";

export interface RunTableInput {
  version: string;
  seed: number;
  replications: number;
  scenario: {
    name: string;
    title: string;
    run: { start: string; years: number; warm_up_days: number };
    reinvestments: ReinvestmentLine[];
  };
  kpis: Record<string, KpiSummary>;
}

export interface ReinvestmentLine {
  date: string;
  share_reinvested: number;
  released_per_year: number;
  reinvested_per_year: number;
  bought: { service: string; capacity: number; cost_per_year: number }[];
  unspent_per_year: number;
}

/** KPIs in the order of their definitions, then the per-route and per-service details. */
export function orderedKpis(names: string[]): string[] {
  const known = Object.keys(KPI_DEFINITIONS).filter((n) => names.includes(n));
  const rest = names.filter((n) => !KPI_DEFINITIONS[n]).sort();
  return [...known, ...rest];
}

/** The human-readable result of `bedsim run`. */
export function runTable(summary: RunTableInput): string {
  const { scenario, kpis } = summary;
  const rows = orderedKpis(Object.keys(kpis)).map((name) => {
    const k = kpis[name];
    const def = kpiDefinition(name);
    return [
      `${def.headline ? "* " : "  "}${def.label}`,
      formatValue(name, k.mean),
      `${formatValue(name, k.ci95[0])} to ${formatValue(name, k.ci95[1])}`,
      formatValue(name, k.p10),
      formatValue(name, k.p90),
      def.unit,
    ];
  });
  const lines = [
    `bedsim ${summary.version} · ${scenario.name} · ${scenario.title}`,
    `${summary.replications} replications · seed ${summary.seed} · ${scenario.run.years} years from ${scenario.run.start} · warm-up ${scenario.run.warm_up_days} days (excluded)`,
    "",
    ...scenario.reinvestments.map(reinvestmentSentence),
    ...(scenario.reinvestments.length > 0 ? [""] : []),
    textTable(["KPI (* headline)", "mean", "95% interval", "P10", "P90", "unit"], rows),
  ];
  return lines.join("\n");
}

/** "From 2027-04-01, £1.20m a year released by closing beds; 80% (£960k) buys 4 crisis_houses beds…" */
export function reinvestmentSentence(r: ReinvestmentLine): string {
  const bought = r.bought
    .map((b) => `${b.capacity} in ${b.service} (${formatMoney(b.cost_per_year)})`)
    .join(" and ");
  return `Reinvestment from ${r.date}: closing beds releases ${formatMoney(r.released_per_year)} a year; ${Math.round(r.share_reinvested * 100)}% of it (${formatMoney(r.reinvested_per_year)} a year) buys ${bought}${r.unspent_per_year > 0.5 ? `; ${formatMoney(r.unspent_per_year)} a year is left over, too little for a whole bed or place` : ""}.`;
}
