import type { ChartConfiguration } from "chart.js";
import type { BacktestFile } from "../../results/backtest.js";
import { capitalise, longDate } from "./labels.js";
import { OKABE_ITO } from "./palette.js";
import { axis, bandDatasets, baseOptions, type ChartSpec, lineDataset } from "./render.js";
import { monthAxis } from "./time-axis.js";

/**
 * One back-test measure month by month: the simulated median with its P10–P90 band, and what
 * was observed as points on a line, so the months that fall outside the band stand out.
 */
export function backtestChart(backtest: BacktestFile, measure: string): ChartSpec {
  const m = backtest.measures[measure];
  const { labels, scale: x } = monthAxis(backtest.months);
  const title = `${m.label}: observed against simulated`;
  return {
    name: `backtest-${measure.replaceAll("_", "-")}`,
    title,
    caption: `${m.label} (${m.unit}): ${m.what}. The shaded band runs from the 10th to the 90th percentile of ${backtest.replications} simulated replications started from the census on ${longDate(backtest.from)}, the solid line is their median, and the black points are what the extract shows. ${Math.round(m.inside * 100)}% of months fall inside the band; a model that fits has about 80%.`,
    config: (): ChartConfiguration => ({
      type: "line",
      data: {
        labels,
        datasets: [
          ...bandDatasets("Simulated P10–P90", m.p10, m.p90, OKABE_ITO.skyBlue),
          lineDataset("Simulated median", m.p50, OKABE_ITO.blue),
          lineDataset("Observed", m.observed, OKABE_ITO.black, {
            borderWidth: 2,
            pointRadius: 6,
            pointStyle: "circle",
          }),
        ],
      },
      options: {
        ...baseOptions(title, backtest.scenario.title ?? backtest.scenario.name),
        scales: { x, y: axis(capitalise(m.unit), { beginAtZero: true }) },
      },
    }),
  };
}
