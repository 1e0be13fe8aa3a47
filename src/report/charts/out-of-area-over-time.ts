import type { ChartConfiguration } from "chart.js";
import type { RunSummaryInput } from "./data.js";
import { OKABE_ITO } from "./palette.js";
import { axis, bandDatasets, baseOptions, type ChartSpec, lineDataset } from "./render.js";
import { monthAxis } from "./time-axis.js";

/**
 * (b) People in out-of-area acute beds month by month: median and mean across replications
 * with the P10–P90 band (the mean is pulled up by the bad years, so both are shown).
 */
export function outOfAreaOverTimeChart(summary: RunSummaryInput): ChartSpec | undefined {
  const people = summary.monthly.series.oap_occupied;
  if (!people || summary.monthly.months.length === 0) return undefined;
  const { labels, scale: x } = monthAxis(summary.monthly.months);
  const title = "People in out-of-area acute beds";
  return {
    name: "out-of-area-over-time",
    title,
    caption:
      "Average number of people in an out-of-area acute bed on a day in each month. The solid line is the median across replications, the dotted line the mean, and the shaded band runs from the 10th to the 90th percentile: in one year in ten, expect more than the top of the band.",
    config: (): ChartConfiguration => ({
      type: "line",
      data: {
        labels,
        datasets: [
          ...bandDatasets("P10–P90 across replications", people.p10, people.p90, OKABE_ITO.orange),
          lineDataset("Median", people.p50, OKABE_ITO.vermillion),
          lineDataset("Mean", people.mean, OKABE_ITO.black, {
            borderWidth: 3,
            borderDash: [3, 6],
          }),
        ],
      },
      options: {
        ...baseOptions(title, summary.scenario.title ?? summary.scenario.name),
        scales: {
          x,
          y: axis("People out of area (average per day)", { beginAtZero: true }),
        },
      },
    }),
  };
}
