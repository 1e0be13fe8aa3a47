import type { ChartConfiguration } from "chart.js";
import { kpiParts } from "../../model/kpi-definitions.js";
import type { RunSummaryInput } from "./data.js";
import { capitalise, formatNumber, humanise } from "./labels.js";
import { OKABE_ITO, withAlpha } from "./palette.js";
import { axis, baseOptions, type ChartSpec, dropEndTicks } from "./render.js";

/**
 * (d) Delayed-discharge bed-days a year by where people were waiting to go, largest first,
 * with 95% intervals.
 */
export function delayedDischargesChart(summary: RunSummaryInput): ChartSpec | undefined {
  const routes = Object.entries(summary.kpis)
    .map(([name, kpi]) => ({ parts: kpiParts(name), kpi }))
    .filter(({ parts }) => parts?.family === "delayed_discharge_bed_days")
    .map(({ parts, kpi }) => ({ route: parts?.id ?? "", kpi }))
    .sort((a, b) => b.kpi.mean - a.kpi.mean);
  if (routes.length === 0) return undefined;
  const total = summary.kpis.delayed_discharge_bed_days;
  const subtitle = total
    ? `All destinations: ${formatNumber(total.mean)} bed-days a year (95% CI ${formatNumber(total.ci95[0])} to ${formatNumber(total.ci95[1])})`
    : summary.scenario.title;
  const title = "Delayed-discharge bed-days by destination";
  const highest = Math.max(...routes.map((r) => r.kpi.ci95[1]), 1);
  return {
    name: "delayed-discharges",
    title,
    caption:
      "Days a year people spent in an acute bed after they were ready to leave, by where they were waiting to go (their discharge route), with 95% confidence intervals for the mean.",
    config: (): ChartConfiguration => ({
      type: "bar",
      data: {
        labels: routes.map((r) => capitalise(humanise(r.route))),
        datasets: [
          {
            label: "Delayed-discharge bed-days a year",
            data: routes.map((r) => r.kpi.mean),
            intervals: routes.map((r) => r.kpi.ci95),
            valueLabels: routes.map((r) => formatNumber(r.kpi.mean)),
            backgroundColor: withAlpha(OKABE_ITO.vermillion, 0.85),
            borderColor: OKABE_ITO.vermillion,
            borderWidth: 1,
            maxBarThickness: 70,
          },
        ],
      },
      options: {
        ...baseOptions(title, subtitle, { display: false }),
        indexAxis: "y",
        scales: {
          x: axis("Delayed-discharge bed-days a year", {
            beginAtZero: true,
            // Room to the right of the longest whisker for its value label.
            max: highest * 1.15,
            afterBuildTicks: dropEndTicks(),
          }),
          y: axis("Waiting to go to", { grid: { display: false } }),
        },
      },
    }),
  };
}
