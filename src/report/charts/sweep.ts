import type { ChartConfiguration } from "chart.js";
import { kpiDefinition } from "../../model/kpi-definitions.js";
import { formatValue } from "../format.js";
import type { KpiSummary, SweepInput, SweepPoint, SweepTarget } from "./data.js";
import { parameterLabel, parameterValueLabel } from "./labels.js";
import { INK, OKABE_ITO, SERIES_COLOURS } from "./palette.js";
import {
  axis,
  bandDatasets,
  baseOptions,
  type ChartSpec,
  lineDataset,
  referenceDataset,
} from "./render.js";

const MILLION = 1e6;

/** Every target of a sweep or right-size (older files have only `target`). */
export function sweepTargets(sweep: SweepInput): SweepTarget[] {
  return sweep.targets ?? (sweep.target ? [sweep.target] : []);
}

/** KPIs drawn against the swept parameter: out-of-area bed-days, total cost, any target. */
export function sweepKpis(sweep: SweepInput): string[] {
  const wanted = [
    "oap_bed_days",
    "total_cost",
    ...sweepTargets(sweep).map((t) => t.kpi),
    sweep.minimise,
  ];
  return [...new Set(wanted)].filter(
    (kpi): kpi is string => Boolean(kpi) && sweep.points.some((p) => p.kpis[kpi as string]),
  );
}

/**
 * The point to mark: the sweep's answer; or, when it minimises a KPI and gave no answer, the
 * tested point with the lowest mean among those meeting the target.
 */
export function sweepHighlight(sweep: SweepInput): SweepPoint | undefined {
  if (sweep.answer) return sweep.answer;
  if (!sweep.minimise) return undefined;
  const kpi = sweep.minimise;
  const candidates = sweep.points.filter((p) => p.kpis[kpi] && meetsTarget(sweep, p));
  return candidates.sort((a, b) => a.kpis[kpi].mean - b.kpis[kpi].mean)[0];
}

/** Whether a point meets every target of the sweep (true when there is none). */
export function meetsTarget(sweep: SweepInput, point: SweepPoint): boolean {
  return sweepTargets(sweep).every((target, i) => {
    const value = targetStatistic(point, target, i);
    if (value === undefined) return false;
    return target.operator === "<=" ? value <= target.value : value >= target.value;
  });
}

/**
 * The statistic target `i` is judged on at a point: the search's own estimate where it has
 * one (a percentile over simulated years), else the statistic across replications.
 */
function targetStatistic(point: SweepPoint, target: SweepTarget, i: number): number | undefined {
  return (
    point.target_estimates?.[i]?.estimate ??
    (i === 0 ? point.target_estimate?.estimate : undefined) ??
    statistic(point.kpis[target.kpi], target.statistic)
  );
}

/** mean, p10, p50 or p90 of a KPI. */
export function statistic(kpi: KpiSummary | undefined, name: string): number | undefined {
  if (!kpi) return undefined;
  const value = (kpi as unknown as Record<string, unknown>)[name];
  return typeof value === "number" ? value : undefined;
}

const STATISTIC_WORDS: Record<string, string> = {
  mean: "mean",
  p10: "10th percentile",
  p50: "median",
  p90: "90th percentile (1 year in 10)",
};

export function statisticWords(name: string): string {
  return STATISTIC_WORDS[name] ?? name;
}

/**
 * A right-size target's percentile in words: it is taken over single financial years (of
 * every replication), not over replications' whole-run means.
 */
export function yearlyStatisticWords(name: string): string {
  return `${statisticWords(name)} of single financial years`;
}

/**
 * (h) One chart per KPI: the KPI's mean against the first swept parameter with its 95% band
 * (one line per value of the second parameter, if any), the target and the answer marked.
 */
export function sweepCharts(sweep: SweepInput): ChartSpec[] {
  const [first, second] = sweep.parameters;
  // A search over three or more settings has no curve to draw: its report shows the path.
  if (!first || sweep.points.length === 0 || sweep.parameters.length > 2) return [];
  return sweepKpis(sweep).map((kpi) => sweepChart(sweep, kpi, first, second));
}

function sweepChart(sweep: SweepInput, kpi: string, first: string, second?: string): ChartSpec {
  const definition = kpiDefinition(kpi);
  const money = definition.format === "money";
  const percent = definition.format === "fraction";
  const scale = money ? 1 / MILLION : percent ? 100 : 1;
  const groups = second
    ? [...new Set(sweep.points.map((p) => p.values[second]))].sort((a, b) => a - b)
    : [undefined];
  const highlight = sweepHighlight(sweep);
  // The targets on this KPI, with their place in the list (their estimates are kept by it).
  const targets = sweepTargets(sweep)
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.kpi === kpi);
  const judged = targets.find(({ t }) => t.statistic !== "mean");
  const xs = sweep.points.map((p) => p.values[first]);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const datasets = groups.flatMap((group, g) => {
    const points = sweep.points
      .filter((p) => group === undefined || p.values[second as string] === group)
      .filter((p) => p.kpis[kpi])
      .sort((a, b) => a.values[first] - b.values[first]);
    const { colour, dash } = groupStyle(g);
    const xy = (value: (k: KpiSummary) => number) =>
      points.map((p) => ({ x: p.values[first], y: value(p.kpis[kpi]) * scale }));
    const extra = judged
      ? [
          lineDataset(
            // With a line per value, the legend names each value once (on its mean line).
            group === undefined ? capital(statisticWords(judged.t.statistic)) : "",
            points.map((p) => ({
              x: p.values[first],
              y: (targetStatistic(p, judged.t, judged.i) ?? Number.NaN) * scale,
            })),
            colour,
            { borderDash: [4, 6], borderWidth: 3 },
          ),
        ]
      : [];
    return [
      ...bandDatasets(
        // One legend entry for the shading, not one per value.
        g === 0 ? `95% confidence interval${group === undefined ? "" : "s (shaded)"}` : "",
        xy((k) => k.ci95[0]) as unknown as number[],
        xy((k) => k.ci95[1]) as unknown as number[],
        colour,
      ),
      lineDataset(
        group === undefined
          ? "Mean"
          : parameterValueLabel(second as string, group, sweep.names).replace(/^./, (c) =>
              c.toUpperCase(),
            ),
        xy((k) => k.mean),
        colour,
        {
          pointRadius: 6,
          pointStyle: "circle",
          ...(dash.length > 0 ? { borderDash: dash } : {}),
        },
      ),
      ...extra,
    ];
  });
  for (const { t: target } of targets) {
    datasets.push(
      referenceDataset(
        `Target: ${statisticWords(target.statistic)} ${target.operator === "<=" ? "at most" : "at least"} ${formatValue(kpi, target.value)}`,
        [
          { x: xMin, y: target.value * scale },
          { x: xMax, y: target.value * scale },
        ],
      ),
    );
  }
  if (highlight?.kpis[kpi]) {
    const x = highlight.values[first];
    // On the line the target is judged on: the percentile line for a percentile target.
    const y =
      (judged && targetStatistic(highlight, judged.t, judged.i)) ?? highlight.kpis[kpi].mean;
    datasets.push({
      ...lineDataset(
        `${sweep.answer ? "Answer" : "Lowest cost"}: ${parameterValueLabel(first, x, sweep.names)}`,
        [{ x, y: y * scale }],
        OKABE_ITO.vermillion,
        {
          pointRadius: 16,
          pointStyle: "rectRot",
          borderColor: INK.text,
          borderWidth: 2,
          showLine: false,
          // Drawn last, over the mean line's own marker.
          order: -1,
        },
      ),
      valueLabels: [formatValue(kpi, y)],
      intervalAxis: "x",
    });
  }
  const parameter = parameterLabel(first, sweep.names);
  const title = `${definition.label} by ${/^(beds|places) /.test(parameter) ? `number of ${parameter}` : parameter}`;
  const unit = money ? "£ million a year" : percent ? "%" : definition.unit;
  return {
    name: `sweep-${kpi.replaceAll(".", "-").replaceAll("_", "-")}`,
    title,
    caption: `${definition.label} (${definition.unit}) for each value of ${parameterLabel(first, sweep.names)} tried${second ? `, one line for each value of ${parameterLabel(second, sweep.names)}` : ""}: the mean across replications with its 95% confidence interval shaded.${targets.length > 0 ? ` The dashed line is the target${targets.length > 1 ? "s" : ""}.` : ""}${second && groups.length > GROUP_COLOURS.length ? " Past the first six values, lines repeat the colours with a dashed or dotted line." : ""}${highlight ? ` The diamond marks the ${sweep.answer ? "answer" : "lowest-cost value meeting the target"}.` : ""}`,
    config: (): ChartConfiguration => ({
      type: "line",
      data: { datasets },
      options: {
        ...baseOptions(title, sweep.scenario.title ?? sweep.scenario.name),
        scales: {
          x: axis(capital(parameterLabel(first, sweep.names)), {
            type: "linear",
            // A little room so the end points are not cut in half by the chart's edge.
            suggestedMin: xMin - (xMax - xMin) * 0.02,
            suggestedMax: xMax + (xMax - xMin) * 0.02,
            ticks: { precision: 0 },
          }),
          y: axis(`${definition.label} (${unit})`, {
            beginAtZero: !money,
            grace: "5%",
            ticks: money ? { callback: (v: number | string) => `£${v}m` } : {},
          }),
        },
      },
    }),
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Colours for one line per value of the second setting, without the answer's vermillion or
 * the pale yellow; past six values the colours come round again with a dashed, then dotted,
 * line, so no two lines look alike.
 */
const GROUP_COLOURS = SERIES_COLOURS.filter(
  (c) => c !== OKABE_ITO.vermillion && c !== OKABE_ITO.yellow,
);
const GROUP_DASHES: number[][] = [[], [10, 5], [2, 4]];

function groupStyle(g: number): { colour: string; dash: number[] } {
  const round = Math.floor(g / GROUP_COLOURS.length);
  return {
    colour: GROUP_COLOURS[g % GROUP_COLOURS.length],
    dash: GROUP_DASHES[round % GROUP_DASHES.length],
  };
}
