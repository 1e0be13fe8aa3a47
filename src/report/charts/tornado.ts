import type { ChartConfiguration } from "chart.js";
import { kpiDefinition } from "../../model/kpi-definitions.js";
import type { SensitivityFile } from "../../results/sensitivity.js";
import { formatValue } from "../format.js";
import { capitalise } from "./labels.js";
import { OKABE_ITO, withAlpha } from "./palette.js";
import { axis, baseOptions, type ChartSpec } from "./render.js";

const MILLION = 1e6;
/** More bars than this crowd the chart; the table lists every input. */
const MOST_BARS = 15;

/**
 * A tornado chart for each KPI measured: for every input (largest swing at the top), a bar
 * from the scenario's value to the KPI with the input low, and one to the KPI with it high.
 */
export function tornadoCharts(result: SensitivityFile): ChartSpec[] {
  return result.kpis_measured.map((kpi) => tornadoChart(result, kpi));
}

function tornadoChart(result: SensitivityFile, kpi: string): ChartSpec {
  const definition = kpiDefinition(kpi);
  const money = definition.format === "money";
  const percent = definition.format === "fraction";
  const scale = money ? 1 / MILLION : percent ? 100 : 1;
  const inputs = [...result.inputs]
    .sort((a, b) => Math.abs(b.effects[kpi].swing) - Math.abs(a.effects[kpi].swing))
    .slice(0, MOST_BARS);
  const title = `What moves ${definition.label.toLowerCase()} most`;
  const base = result.base[kpi]?.mean ?? 0;
  const unit = money ? "£ million a year" : percent ? "percentage points" : definition.unit;
  const bars = (which: "low" | "high") =>
    inputs.map((i) => [0, i.effects[kpi][which].mean * scale] as [number, number]);
  return {
    name: `tornado-${kpi.replaceAll(".", "-").replaceAll("_", "-")}`,
    title,
    caption: `Change in ${definition.label.toLowerCase()} (${definition.unit}) from the scenario's ${formatValue(kpi, base)} when each input alone is set to its low value (blue) or its high value (orange), everything else unchanged and the same people in every run (common random numbers); the inputs that move it most are at the top.`,
    config: (): ChartConfiguration => ({
      type: "bar",
      data: {
        labels: inputs.map(
          (i) =>
            `${capitalise(i.label)} (${i.factor ? "×" : ""}${formatNumberish(i.low)} – ${i.factor ? "×" : ""}${formatNumberish(i.high)})`,
        ),
        datasets: (["low", "high"] as const).map((which) => ({
          label: which === "low" ? "Input at its low value" : "Input at its high value",
          data: bars(which) as unknown as number[],
          backgroundColor: withAlpha(which === "low" ? OKABE_ITO.blue : OKABE_ITO.orange, 0.85),
          borderColor: which === "low" ? OKABE_ITO.blue : OKABE_ITO.orange,
          borderWidth: 1,
          grouped: false,
          maxBarThickness: 40,
        })),
      },
      options: {
        ...baseOptions(title, result.scenario.title ?? result.scenario.name),
        indexAxis: "y",
        scales: {
          x: axis(`Change in ${definition.label.toLowerCase()} (${unit})`, {
            ticks: money ? { callback: (v: number | string) => `£${v}m` } : {},
          }),
          y: axis("Input (low – high)", { grid: { display: false } }),
        },
      },
    }),
  };
}

/** Values as typed in files: whole numbers plain, others to three significant figures. */
function formatNumberish(value: number): string {
  return Number.isInteger(value)
    ? value.toLocaleString("en-GB")
    : String(Number(value.toPrecision(3)));
}
