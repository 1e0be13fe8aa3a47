import type { ChartConfiguration } from "chart.js";
import type { CalibrationFile } from "../../results/calibration.js";
import { capitalise, humanise, longDate } from "./labels.js";
import { seriesColour } from "./palette.js";
import { axis, baseOptions, type ChartSpec, lineDataset } from "./render.js";
import { monthAxis } from "./time-axis.js";

/**
 * Admissions month by month for each cohort: the extract's counts as dots, and what the fitted
 * model expects (its yearly rate with seasonality and growth) as a line in the same colour.
 */
export function arrivalsFitChart(file: CalibrationFile): ChartSpec | undefined {
  const { months, cohorts } = file.arrivals;
  if (months.length === 0 || cohorts.length === 0) return undefined;
  const { labels, scale: x } = monthAxis(months);
  const title = "Admissions a month: observed and fitted";
  return {
    name: "arrivals-fit",
    title,
    caption:
      "Dots are the admissions in the extract each month, not counting readmissions within 30 days (the model makes those from each discharge route's readmission share). Lines are the admissions the fitted model expects: its yearly rate, with seasonality and growth where the data show them. The fitted line dips in short months (February) because it counts admissions in the month, not a day; a first or last month only partly covered by the extract is low in both.",
    config: (): ChartConfiguration => ({
      type: "line",
      data: {
        labels,
        datasets: cohorts.flatMap((c, i) => [
          lineDataset(`${capitalise(humanise(c.cohort))}, observed`, c.observed, seriesColour(i), {
            showLine: false,
            pointRadius: 6,
            pointStyle: "circle",
          }),
          lineDataset(`${capitalise(humanise(c.cohort))}, fitted`, c.fitted, seriesColour(i), {
            borderWidth: 4,
          }),
        ]),
      },
      options: {
        ...baseOptions(
          title,
          `${longDate(file.extract.arrivals_from)} to ${longDate(file.extract.extract_date)}`,
          { markerWidth: 28 },
        ),
        scales: { x, y: axis("Admissions in the month", { beginAtZero: true }) },
      },
    }),
  };
}
