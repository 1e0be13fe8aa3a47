import type { ChartConfiguration } from "chart.js";
import type { CompareInput, RunSummaryInput } from "./data.js";
import { INK, seriesColour, withAlpha } from "./palette.js";
import { axis, baseOptions, type ChartSpec, dropEndTicks } from "./render.js";

const MILLION = 1e6;
const BASELINE_COLOUR = "#9a9a9a";

/**
 * (g) Out-of-area admissions and total cost in each NHS financial year, the baseline and each
 * scenario side by side, as two panels sharing the year axis, with 95% intervals.
 */
export function compareByYearChart(compare: CompareInput): ChartSpec | undefined {
  const runs: { label: string; colour: string; summary: RunSummaryInput }[] = [
    { label: "Baseline", colour: BASELINE_COLOUR, summary: compare.baseline },
    ...compare.scenarios.map((s, i) => ({
      label: s.summary.scenario.title ?? s.summary.scenario.name,
      colour: seriesColour(i),
      summary: s.summary,
    })),
  ];
  const years = compare.baseline.by_financial_year.map((y) => y.year);
  if (years.length === 0) return undefined;
  const hasCost = runs.every((r) => r.summary.by_financial_year.some((y) => y.kpis.total_cost));
  const panels = [
    { kpi: "oap_admissions", axisId: "admissions", scale: 1, floating: false },
    ...(hasCost ? [{ kpi: "total_cost", axisId: "cost", scale: MILLION, floating: true }] : []),
  ];
  const kpiIn = (summary: RunSummaryInput, year: string, kpi: string) =>
    summary.by_financial_year.find((y) => y.year === year)?.kpis[kpi];
  const datasets = panels.flatMap((panel, p) =>
    runs.map((run, r) => {
      const values = years.map((year) => kpiIn(run.summary, year, panel.kpi));
      const scaled = values.map((k) =>
        k ? ([k.ci95[0] / panel.scale, k.ci95[1] / panel.scale] as const) : null,
      );
      const style = {
        type: "bar" as const,
        // One legend entry per run: the second panel's datasets carry no label.
        label: p === 0 ? run.label : "",
        yAxisID: panel.axisId,
        // The same stack name in both panels puts a run's bars in the same slot.
        stack: `run${r}`,
        backgroundColor: withAlpha(run.colour, panel.floating ? 0.45 : 0.85),
        borderColor: run.colour,
        borderWidth: 1,
        maxBarThickness: 80,
        pointStyle: "rect" as const,
      };
      // Costs sit far from zero: a zero-based bar would hide the differences, so the cost
      // panel shows each 95% interval as a floating bar with the mean marked across it.
      return panel.floating
        ? {
            ...style,
            data: scaled as unknown as number[],
            marks: values.map((k) => (k ? k.mean / panel.scale : null)),
          }
        : {
            ...style,
            data: values.map((k) => (k ? k.mean / panel.scale : null)),
            intervals: scaled,
          };
    }),
  );
  const top = (kpi: string, scale: number) =>
    Math.max(
      ...runs.flatMap((r) => years.map((y) => (kpiIn(r.summary, y, kpi)?.ci95[1] ?? 0) / scale)),
    );
  const title = hasCost
    ? "Out-of-area admissions and total cost by financial year"
    : "Out-of-area admissions by financial year";
  return {
    name: "compare-by-year",
    title,
    caption: `Out-of-area acute admissions${hasCost ? " (top) and total modelled cost in £ million (bottom)" : ""} in each NHS financial year, for the baseline (grey) and each scenario. Admissions are bars (the mean) with 95% confidence intervals as whiskers.${hasCost ? " Costs differ by a few per cent, so each is drawn as its 95% confidence interval (the shaded bar, on an axis that does not start at zero) with the mean marked across it." : ""}`,
    config: (): ChartConfiguration => ({
      type: "bar",
      data: { labels: years, datasets },
      options: {
        ...baseOptions(title),
        scales: {
          x: axis("NHS financial year (April to March)", { grid: { display: false } }),
          ...(hasCost
            ? {
                cost: axis("Total cost (£m a year)", {
                  stack: "panels",
                  beginAtZero: false,
                  grace: "8%",
                  ticks: {
                    callback: (v: number | string) => `£${Number(v).toFixed(1)}m`,
                    maxTicksLimit: 6,
                  },
                  afterBuildTicks: dropEndTicks(),
                }),
              }
            : {}),
          admissions: axis("Admissions a year", {
            stack: "panels",
            offset: hasCost,
            beginAtZero: true,
            max: top("oap_admissions", 1) * 1.15,
            ticks: { maxTicksLimit: 5 },
            afterBuildTicks: dropEndTicks(),
            border: { color: INK.muted },
          }),
        },
      },
    }),
  };
}
