import type { KpiSummary } from "../experiment/run-summary.js";
import { kpiDefinition } from "../model/kpi-definitions.js";
import { excludesZero } from "../stats/paired-differences.js";
import { describeReinvestment } from "./describe-scenario.js";
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
    differences: Record<string, { mean: number; ci95: [number, number] }>;
  }[];
}

/** The human-readable result of `bedsim compare`: one table of paired differences per scenario. */
export function compareTable(compare: CompareTableInput): string {
  const { baseline } = compare;
  const lines = [
    `bedsim ${compare.version} · compare against ${baseline.scenario.name} · ${baseline.scenario.title}`,
    `${compare.replications} replications · seed ${compare.seed} · ${baseline.scenario.run.years} years from ${baseline.scenario.run.start} · common random numbers (each replication meets the same people in every scenario)`,
  ];
  for (const scenario of compare.scenarios) {
    const names = orderedKpis(Object.keys(scenario.differences));
    const rows = names.map((name) => {
      const d = scenario.differences[name];
      const def = kpiDefinition(name);
      const value = (k: KpiSummary | undefined) => (k ? formatValue(name, k.mean) : "–");
      return [
        `${excludesZero(d) ? "* " : "  "}${def.label}`,
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
    );
  }
  lines.push(
    "",
    "* The 95% interval of the difference excludes zero: the change is unlikely to be chance.",
  );
  return lines.join("\n");
}

/** "+52", "-£768k"; a change in a fraction is in percentage points, not percent. */
function signed(name: string, value: number): string {
  const points = kpiDefinition(name).format === "fraction";
  const text = points ? `${small(Math.abs(value) * 100)} pts` : formatValue(name, Math.abs(value));
  if (value > 0) return `+${text}`;
  return value < 0 ? `-${text}` : text;
}
