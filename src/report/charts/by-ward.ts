import type { ChartConfiguration } from "chart.js";
import { kpiParts } from "../../model/kpi-definitions.js";
import type { RunSummaryInput } from "./data.js";
import { humanise } from "./labels.js";
import { OKABE_ITO, withAlpha } from "./palette.js";
import { axis, baseOptions, type ChartSpec } from "./render.js";

/** The bands each ward's days fall in, lowest occupancy first, with the KPIs that bound them. */
const BANDS = [
  { label: "85% or below", colour: OKABE_ITO.bluishGreen },
  { label: "Above 85%, up to 95%", colour: OKABE_ITO.yellow },
  { label: "Above 95%, not full", colour: OKABE_ITO.orange },
  { label: "Every bed full all day", colour: OKABE_ITO.vermillion },
] as const;

/**
 * (f) Each acute ward's year by how full it was: the share of days at or below 85% occupancy
 * (the Royal College of Psychiatrists' recommended maximum), above 85%, above 95%, and full,
 * one bar per ward side by side, from the per-ward KPIs `days_above_85pct.<ward>` etc.
 */
export function byWardChart(summary: RunSummaryInput): ChartSpec | undefined {
  const wards = Object.keys(summary.kpis)
    .map((name) => kpiParts(name))
    .filter((p) => p?.family === "days_above_85pct")
    .map((p) => p?.id ?? "");
  if (wards.length < 2) return undefined;
  const mean = (family: string, ward: string) => summary.kpis[`${family}.${ward}`]?.mean ?? 0;
  const name = (ward: string) =>
    summary.scenario.model.services.find((s) => s.id === ward)?.name ?? humanise(ward);
  // Days a year in each band, as a share of the year (the KPIs are days a year).
  const shares = wards.map((ward) => {
    const above85 = mean("days_above_85pct", ward);
    const above95 = mean("days_above_95pct", ward);
    const full = mean("days_full", ward);
    const year = 365.25;
    return [year - above85, above85 - above95, above95 - full, full].map((d) =>
      Math.max(0, (d / year) * 100),
    );
  });
  const title = "How full each acute ward was";
  return {
    name: "by-ward",
    title,
    caption:
      "For each local acute ward, the share of days (mean across replications) whose average occupancy was at or below 85% (the Royal College of Psychiatrists' recommended maximum), above 85%, above 95%, or with every bed full all day. Wards that share their patients (a pair for one cohort) fill alike.",
    config: (): ChartConfiguration => ({
      type: "bar",
      data: {
        labels: wards.map(name),
        datasets: BANDS.map((band, b) => ({
          label: band.label,
          data: shares.map((s) => s[b]),
          backgroundColor: withAlpha(band.colour, 0.85),
          borderColor: band.colour,
          borderWidth: 1,
          maxBarThickness: 60,
        })),
      },
      options: {
        ...baseOptions(title, summary.scenario.title),
        indexAxis: "y",
        scales: {
          x: axis("Share of days (%)", { stacked: true, min: 0, max: 100 }),
          y: axis("Ward", { stacked: true, grid: { display: false } }),
        },
      },
    }),
  };
}
