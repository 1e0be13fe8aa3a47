import { kpiDefinition } from "../model/kpi-definitions.js";
import type { KpiSummary } from "../results/kpis.js";
import { excludesZero } from "../stats/paired-differences.js";
import { describeReinvestment, kpiLabel } from "./describe-scenario.js";
import { formatValue, small, textTable } from "./format.js";
import { orderedKpis, type RunTableInput } from "./run-table.js";

export interface CompareTableInput {
  version: string;
  seed: number;
  replications: number;
  baseline: RunTableInput;
  scenarios: {
    name: string;
    summary: RunTableInput;
    differences: Record<string, Difference>;
    differences_by_financial_year?: { year: string; differences: Record<string, Difference> }[];
  }[];
}

type Difference = { mean: number; ci95: [number, number] };

/** The differences a board paper turns on, shown year by year under each scenario's table. */
const BY_YEAR = ["oap_admissions", "oap_bed_days", "delayed_discharge_bed_days", "total_cost"];

/** The human-readable result of `bedsim compare`: one table of paired differences per scenario. */
export function compareTable(compare: CompareTableInput): string {
  const { baseline } = compare;
  const lines = [
    `bedsim ${compare.version} · compare against ${baseline.scenario.name} · ${baseline.scenario.title}`,
    `${compare.replications} replications · seed ${compare.seed} · ${baseline.scenario.run.years} years from ${baseline.scenario.run.start} · every scenario runs with the baseline's seed and replications, so each replication meets the same people in every scenario (common random numbers)`,
  ];
  for (const scenario of compare.scenarios) {
    const names = orderedKpis(Object.keys(scenario.differences));
    const rows = names.map((name) => {
      const d = scenario.differences[name];
      const def = kpiDefinition(name);
      const value = (k: KpiSummary | undefined) => (k ? formatValue(name, k.mean) : "–");
      return [
        `${excludesZero(d) ? "* " : "  "}${kpiLabel(name, baseline.scenario.model)}`,
        value(baseline.kpis[name]),
        value(scenario.summary.kpis[name]),
        signed(name, d.mean),
        `${signed(name, d.ci95[0])} to ${signed(name, d.ci95[1])}`,
        def.unit,
      ];
    });
    lines.push(
      "",
      `${scenario.name} · ${scenario.summary.scenario.title}`,
      ...scenario.summary.scenario.reinvestments.map((r) =>
        describeReinvestment(r, scenario.summary.scenario.model),
      ),
      textTable(
        [
          "KPI (* = clear difference)",
          "baseline",
          "scenario",
          "difference",
          "95% interval",
          "unit",
        ],
        rows,
      ),
      ...byYearTable(scenario.differences_by_financial_year ?? []),
    );
  }
  lines.push(
    "",
    "* The 95% interval of the difference excludes zero: the change is unlikely to be chance.",
  );
  return lines.join("\n");
}

/**
 * Headline differences per financial year: the whole-run figures above average the years
 * before a change with those after it, and a plan is judged on the years after.
 */
function byYearTable(years: { year: string; differences: Record<string, Difference> }[]): string[] {
  const kpis = BY_YEAR.filter((k) => years[0]?.differences[k]);
  if (years.length < 2 || kpis.length === 0) return [];
  const rows = kpis.map((k) => [
    kpiDefinition(k).label,
    ...years.map(({ differences }) => {
      const d = differences[k];
      return `${excludesZero(d) ? "*" : " "}${signed(k, d.mean)}`;
    }),
  ]);
  return [
    "",
    "Difference by financial year (scenario minus baseline; * = clear difference):",
    textTable(["", ...years.map((y) => y.year)], rows),
  ];
}

/** "+52", "-£768k"; a change in a fraction is in percentage points, not percent. */
function signed(name: string, value: number): string {
  const points = kpiDefinition(name).format === "fraction";
  const text = points ? `${small(Math.abs(value) * 100)} pts` : formatValue(name, Math.abs(value));
  if (value > 0) return `+${text}`;
  return value < 0 ? `-${text}` : text;
}
