import type { ChartConfiguration } from "chart.js";
import { serviceKind } from "../../model/service-kinds.js";
import type { RunSummaryInput, ServiceInput } from "./data.js";
import { humanise } from "./labels.js";
import { OKABE_ITO, SERIES_COLOURS, withAlpha } from "./palette.js";
import { axis, baseOptions, type ChartSpec } from "./render.js";

const MILLION = 1e6;

/** Kinds with a cost group (local acute wards) are shown together; others one by one. */
export function costGroup(service: ServiceInput | undefined, id: string): string {
  const group = service && serviceKind(service.kind)?.costGroup;
  return group ?? service?.name ?? humanise(id);
}

/** "£32.1m" */
const millions = (value: number) => `£${(value / MILLION).toFixed(1)}m`;

/**
 * (e) Cost by service in each NHS financial year, stacked, in £ million, with the total and
 * its 95% interval above each stack. Only for runs whose model has costs.
 */
export function costByServiceChart(summary: RunSummaryInput): ChartSpec | undefined {
  const rows = summary.cost?.by_financial_year;
  if (!rows || rows.length === 0) return undefined;
  const years = [...new Set(rows.map((r) => r.year))];
  const services = new Map(summary.scenario.model.services.map((s) => [s.id, s]));
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    if (row.service === "total") continue;
    const group = costGroup(services.get(row.service), row.service);
    const values = groups.get(group) ?? years.map(() => 0);
    values[years.indexOf(row.year)] += row.mean / MILLION;
    groups.set(group, values);
  }
  const ordered = [...groups.entries()].filter(([, v]) => v.some((x) => x > 0));
  // Fold the smallest groups together if there are more than the palette can tell apart.
  const maxGroups = SERIES_COLOURS.length - 1;
  if (ordered.length > maxGroups) {
    const bySize = [...ordered].sort((a, b) => sum(b[1]) - sum(a[1]));
    const kept = new Set(bySize.slice(0, maxGroups - 1).map(([g]) => g));
    const other = years.map(() => 0);
    for (const [g, v] of ordered) {
      if (kept.has(g)) continue;
      v.forEach((x, i) => {
        other[i] += x;
      });
    }
    ordered.splice(0, ordered.length, ...ordered.filter(([g]) => kept.has(g)), ["Other", other]);
  }
  const totals = years.map((year) => rows.find((r) => r.year === year && r.service === "total"));
  const totalMeans = years.map(
    (_, i) => totals[i]?.mean ?? sum(ordered.map(([, v]) => v[i])) * MILLION,
  );
  const title = "Cost by service and financial year";
  const top = Math.max(...totals.map((t, i) => (t ? t.ci95[1] : totalMeans[i]))) / MILLION;
  return {
    name: "cost-by-service",
    title,
    caption:
      "Mean modelled cost of each service in each NHS financial year, in £ million. Local acute wards are added together. The figure above each bar is the total, with its 95% confidence interval.",
    config: (): ChartConfiguration => ({
      type: "bar",
      data: {
        labels: years,
        datasets: [
          ...ordered.map(([group, values], i) => ({
            type: "bar" as const,
            label: group,
            data: values,
            stack: "services",
            backgroundColor: withAlpha(SERIES_COLOURS[i % SERIES_COLOURS.length], 0.9),
            borderColor: "#ffffff",
            borderWidth: 1,
            maxBarThickness: 130,
            pointStyle: "rect" as const,
          })),
          {
            type: "line" as const,
            label: "",
            data: totalMeans.map((t) => t / MILLION),
            stack: "total",
            showLine: false,
            pointRadius: 0,
            borderColor: OKABE_ITO.black,
            intervals: totals.map((t) =>
              t ? ([t.ci95[0] / MILLION, t.ci95[1] / MILLION] as const) : null,
            ),
            valueLabels: totalMeans.map((t) => `Total ${millions(t)}`),
          },
        ],
      },
      options: {
        ...baseOptions(title, summary.scenario.title ?? summary.scenario.name),
        scales: {
          x: axis("NHS financial year (April to March)", {
            stacked: true,
            grid: { display: false },
          }),
          y: axis("Cost (£ million a year)", {
            stacked: true,
            beginAtZero: true,
            max: Math.ceil((top * 1.1) / 5) * 5,
            ticks: { callback: (v: number | string) => `£${v}m` },
          }),
        },
      },
    }),
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
