import type { ChartConfiguration } from "chart.js";
import { KPI_DEFINITIONS, kpiDefinition } from "../../model/kpi-definitions.js";
import type { CompareInput } from "./data.js";
import { formatDifference } from "./labels.js";
import { INK, seriesColour } from "./palette.js";
import { axis, baseOptions, CHART_HEIGHT, type ChartSpec } from "./render.js";

/** Height one value label needs so the next one does not touch it (20 px text). */
const LABEL_LINE_PX = 30;
/** Title, subtitle, legend, axis and footer: the chart's height outside its plot. */
const CHROME_PX = 220;
/** Tall enough for eight scenarios of nine measures, short enough for an A4 page. */
const MAX_HEIGHT = 2600;

/** Headline KPIs in their defined order, those the comparison has differences for. */
export function headlineKpis(compare: CompareInput): string[] {
  const present = (name: string) =>
    compare.scenarios.some((s) => s.differences[name]) && compare.baseline.kpis[name];
  return Object.keys(KPI_DEFINITIONS).filter(
    (name) => KPI_DEFINITIONS[name].headline && present(name),
  );
}

/**
 * (f) A forest plot of paired differences (scenario − baseline) for the headline KPIs. KPIs
 * have different units, so each is placed on a common scale, the difference as a percentage
 * of the baseline mean, and labelled with the difference in its own units.
 */
export function differencesChart(compare: CompareInput): ChartSpec | undefined {
  const kpis = headlineKpis(compare);
  if (kpis.length === 0 || compare.scenarios.length === 0) return undefined;
  const relative = (name: string, value: number) => {
    const base = Math.abs(compare.baseline.kpis[name].mean);
    return base > 1e-9 ? (value / base) * 100 : Number.NaN;
  };
  const n = compare.scenarios.length;
  // Each scenario's point and label get their own line within a measure's row: 0.8 of the
  // row is shared among them, and the chart grows taller when they would otherwise overprint.
  const offset = (i: number) => (n === 1 ? 0 : ((i - (n - 1) / 2) / n) * 0.8);
  const rowPixels = Math.max(LABEL_LINE_PX, (LABEL_LINE_PX * n) / 0.8);
  const series = compare.scenarios.map((scenario, i) => {
    const rows = kpis
      .map((name, row) => ({ name, row, d: scenario.differences[name] }))
      .filter((r) => r.d);
    return {
      label: scenario.summary.scenario.title ?? scenario.summary.scenario.name,
      colour: seriesColour(i),
      points: rows.map((r) => ({ x: relative(r.name, r.d.mean), y: r.row + offset(i) })),
      intervals: rows.map(
        (r) => r.d.ci95.map((v) => relative(r.name, v)) as unknown as readonly [number, number],
      ),
      labels: rows.map((r) => `${formatDifference(r.name, r.d.mean)} ${unitWord(r.name)}`),
      // Open markers where the interval includes zero: no clear difference.
      fills: rows.map((r) => (includesZero(r.d.ci95) ? "#ffffff" : seriesColour(i))),
    };
  });
  const xs = series.flatMap((s) => s.intervals.flat()).filter(Number.isFinite);
  const lo = Math.min(0, ...xs);
  const hi = Math.max(0, ...xs);
  const span = Math.max(hi - lo, 1);
  const title = "Differences from the baseline";
  const height = Math.min(
    MAX_HEIGHT,
    Math.max(CHART_HEIGHT, Math.ceil(kpis.length * rowPixels + CHROME_PX)),
  );
  const radius = n <= 2 ? 10 : Math.max(5, Math.round(10 - n));
  return {
    name: "differences",
    title,
    height,
    caption:
      "Paired differences (scenario minus baseline, same people and same random numbers) in the headline measures, each drawn as a percentage of its baseline value so that measures in different units share one scale; the label gives the difference in the measure's own units. Whiskers are 95% confidence intervals; an open marker means the interval includes zero: no clear difference.",
    config: (): ChartConfiguration => ({
      type: "scatter",
      data: {
        datasets: series.map((s) => ({
          label: s.label,
          data: s.points,
          intervals: s.intervals,
          intervalAxis: "x" as const,
          valueLabels: s.labels,
          backgroundColor: s.fills,
          borderColor: s.colour,
          borderWidth: 3,
          pointRadius: radius,
          pointStyle: "circle" as const,
        })),
      },
      options: {
        ...baseOptions(title, "Averaged over the results period, with 95% confidence intervals", {
          markerWidth: 0,
        }),
        scales: {
          x: axis("Difference from baseline (% of the baseline mean)", {
            suggestedMin: lo - span * 0.05,
            // Room on the right for the labels beyond the furthest whisker.
            suggestedMax: hi + span * (n > 2 ? 0.75 : 0.55),
            ticks: { callback: (v: number | string) => `${Number(v) > 0 ? "+" : ""}${v}%` },
            grid: {
              color: (c: { tick?: { value: number } }) =>
                c.tick?.value === 0 ? INK.reference : INK.grid,
              lineWidth: (c: { tick?: { value: number } }) => (c.tick?.value === 0 ? 3 : 1),
            },
          }),
          y: axis("", {
            min: -0.5,
            max: kpis.length - 0.5,
            reverse: true,
            afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
              scale.ticks = kpis.map((_, value) => ({ value }));
            },
            ticks: { callback: (v: number | string) => kpiDefinition(kpis[Number(v)]).label },
            grid: { display: false },
          }),
        },
      },
    }),
  };
}

export function includesZero(ci: readonly [number, number]): boolean {
  return ci[0] <= 0 && ci[1] >= 0;
}

/** A short unit after a difference: "a year" for yearly counts, nothing for levels. */
function unitWord(name: string): string {
  const unit = kpiDefinition(name).unit;
  if (unit.startsWith("£")) return "a year";
  if (unit.endsWith("a year"))
    return unit.replace(/ a year$/, "").split(" ").length > 1 ? "a year" : unit;
  return unit === "people" || unit === "beds" ? unit : "";
}
