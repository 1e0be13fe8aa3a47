import type { ChartConfiguration } from "chart.js";
import type { RunSummaryInput } from "./data.js";
import { formatNumber } from "./labels.js";
import { OKABE_ITO, withAlpha } from "./palette.js";
import { axis, baseOptions, type ChartSpec, dropEndTicks } from "./render.js";

/**
 * (c) Out-of-area admissions and out-of-area bed-days in each NHS financial year, as two
 * panels sharing the year axis, with 95% intervals as whiskers.
 */
export function outOfAreaByYearChart(summary: RunSummaryInput): ChartSpec | undefined {
  const years = summary.by_financial_year.filter(
    (y) => y.kpis.oap_admissions && y.kpis.oap_bed_days,
  );
  if (years.length === 0) return undefined;
  const title = "Out-of-area acute admissions and bed-days by financial year";
  const panel = (kpi: string, label: string, colour: string, yAxisID: string) => ({
    type: "bar" as const,
    label,
    yAxisID,
    grouped: false,
    data: years.map((y) => y.kpis[kpi].mean),
    intervals: years.map((y) => y.kpis[kpi].ci95),
    valueLabels: years.map((y) => formatNumber(y.kpis[kpi].mean)),
    backgroundColor: withAlpha(colour, 0.85),
    borderColor: colour,
    borderWidth: 1,
    maxBarThickness: 120,
    pointStyle: "rect" as const,
  });
  const headroom = (kpi: string) => Math.max(...years.map((y) => y.kpis[kpi].ci95[1])) * 1.22;
  return {
    name: "out-of-area-by-year",
    title,
    caption:
      "Mean out-of-area acute admissions (top) and out-of-area acute bed-days (bottom) in each NHS financial year (April to March), with 95% confidence intervals for the mean.",
    config: (): ChartConfiguration => ({
      type: "bar",
      data: {
        labels: years.map((y) => y.year),
        datasets: [
          panel("oap_admissions", "Out-of-area admissions", OKABE_ITO.orange, "admissions"),
          panel("oap_bed_days", "Out-of-area bed-days", OKABE_ITO.blue, "bedDays"),
        ],
      },
      options: {
        ...baseOptions(title, summary.scenario.title ?? summary.scenario.name),
        scales: {
          x: axis("NHS financial year (April to March)", { grid: { display: false } }),
          bedDays: axis("Bed-days a year", {
            stack: "panels",
            beginAtZero: true,
            max: headroom("oap_bed_days"),
            ticks: { maxTicksLimit: 5 },
            afterBuildTicks: dropEndTicks(),
          }),
          admissions: axis("Admissions a year", {
            stack: "panels",
            offset: true,
            beginAtZero: true,
            max: headroom("oap_admissions"),
            ticks: { maxTicksLimit: 5 },
            afterBuildTicks: dropEndTicks(),
          }),
        },
      },
    }),
  };
}
