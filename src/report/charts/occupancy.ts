import type { ChartConfiguration } from "chart.js";
import type { RunSummaryInput } from "./data.js";
import { OKABE_ITO } from "./palette.js";
import {
  axis,
  bandDatasets,
  baseOptions,
  type ChartSpec,
  lineDataset,
  referenceDataset,
} from "./render.js";
import { monthAxis } from "./time-axis.js";

/** The Royal College of Psychiatrists' recommended maximum occupancy for acute wards. */
export const RECOMMENDED_MAX_OCCUPANCY = 0.85;

/** "Open beds (top panel): 154", or "…: 154 → 144 → 154" when beds open or close. */
function openBedsLabel(beds: number[]): string {
  const levels = beds.filter((b, i) => i === 0 || b !== beds[i - 1]).map((b) => Math.round(b));
  const shown = levels.length > 4 ? [levels[0], "…", levels[levels.length - 1]] : levels;
  return `Open beds (top panel): ${shown.join(" → ")}`;
}

const percent = (values: number[]) => values.map((v) => v * 100);

/**
 * (a) Local acute occupancy month by month: the median across replications with its P10–P90
 * band, the 85% recommended maximum, and the open beds as a step line on a second axis.
 */
export function occupancyChart(summary: RunSummaryInput): ChartSpec | undefined {
  const occupancy = summary.monthly.series.local_occupancy;
  if (!occupancy || summary.monthly.months.length === 0) return undefined;
  const openBeds = summary.monthly.series.open_beds;
  const { labels, scale: x } = monthAxis(summary.monthly.months);
  const low = Math.min(...occupancy.p10) * 100;
  const high = Math.max(...occupancy.p90) * 100;
  const yMin = Math.max(0, Math.min(70, Math.floor(low / 10) * 10 - 10));
  const yMax = Math.max(100, Math.ceil(high / 5) * 5);
  const maxBeds = openBeds ? Math.max(...openBeds.p50) : 0;
  const minBeds = openBeds ? Math.min(...openBeds.p50) : 0;
  const title = "Local acute bed occupancy";
  return {
    name: "occupancy",
    title,
    caption:
      "Average occupancy of local acute beds in each month: the line is the median across replications and the shaded band runs from the 10th to the 90th percentile. The dashed line is the 85% maximum the Royal College of Psychiatrists recommends; the stepped line in the top panel is the number of local acute beds open.",
    config: (): ChartConfiguration => ({
      type: "line",
      data: {
        labels,
        datasets: [
          ...bandDatasets(
            "P10–P90 across replications",
            percent(occupancy.p10),
            percent(occupancy.p90),
            OKABE_ITO.blue,
          ),
          lineDataset("Median occupancy", percent(occupancy.p50), OKABE_ITO.blue),
          referenceDataset(
            "85% recommended maximum",
            labels.map(() => RECOMMENDED_MAX_OCCUPANCY * 100),
          ),
          ...(openBeds
            ? [
                lineDataset(openBedsLabel(openBeds.p50), openBeds.p50, OKABE_ITO.vermillion, {
                  // Each point is a month: a change of beds shows from the month it happens.
                  stepped: "before",
                  borderWidth: 4,
                  yAxisID: "beds",
                }),
              ]
            : []),
        ],
      },
      options: {
        ...baseOptions(title, `${summary.scenario.title ?? summary.scenario.name}`),
        scales: {
          x,
          y: axis("Occupied (% of open beds)", {
            min: yMin,
            max: yMax,
            stack: "panels",
            stackWeight: 4,
            ticks: { callback: (v: number | string) => `${v}%` },
          }),
          ...(openBeds
            ? {
                beds: axis("Open beds", {
                  min: Math.max(0, Math.floor((minBeds - 0.15 * maxBeds) / 10) * 10),
                  max: Math.ceil((maxBeds * 1.05 + 5) / 10) * 10,
                  stack: "panels",
                  stackWeight: 1.3,
                  offset: true,
                  // The levels the beds actually take, with round numbers between the
                  // panel's ends (the panels touch, so the ends themselves are left bare).
                  afterBuildTicks: (scale: {
                    min: number;
                    max: number;
                    ticks: { value: number }[];
                  }) => {
                    scale.ticks = bedTicks(openBeds.p50, scale.min, scale.max).map((value) => ({
                      value,
                    }));
                  },
                  title: { font: { size: 20 } },
                }),
              }
            : {}),
        },
      },
    }),
  };
}

/**
 * Ticks for the open-beds panel: each level the median open beds takes (at most four), and
 * round numbers strictly inside the panel that are not crowding a level; so a constant bed
 * base still has a scale to read it against.
 */
export function bedTicks(openBeds: number[], min: number, max: number): number[] {
  const levels = [...new Set(openBeds.map((b) => Math.round(b)))].sort((a, b) => a - b);
  const shown = levels.length <= 4 ? levels : [levels[0], levels[levels.length - 1]];
  const range = max - min;
  const step = [1, 2, 5, 10, 20, 50, 100, 200, 500].find((s) => range / s <= 5) ?? 1000;
  const round: number[] = [];
  for (let v = Math.floor(min / step) * step + step; v < max; v += step)
    // The panel is short: a fifth of its range apart keeps two labels from touching.
    if (shown.every((level) => Math.abs(level - v) > range / 5)) round.push(v);
  return [...new Set([...shown, ...round])].filter((v) => v > min && v < max).sort((a, b) => a - b);
}
