/**
 * The monthly series of summary.json as a reader sees them: a label, and whether the values
 * are shares (shown as percentages). A series not listed here (a newer bedsim's) is still
 * shown, under its own name, as a plain number.
 */
import { humanise } from "./charts/labels.js";

interface MonthlySeries {
  label: string;
  unit: string;
  share?: true;
}

const SERIES: Record<string, MonthlySeries> = {
  local_occupancy: { label: "Local acute bed occupancy", unit: "% of open beds", share: true },
  open_beds: { label: "Local acute beds open", unit: "beds" },
  local_occupied: { label: "Local acute beds occupied", unit: "beds" },
  oap_occupied: { label: "People in out-of-area acute beds", unit: "people" },
  delayed_discharges: { label: "People in a bed awaiting discharge", unit: "people" },
  waiting: { label: "People waiting for a local bed", unit: "people" },
};

export function monthlySeries(name: string): MonthlySeries {
  return SERIES[name] ?? { label: humanise(name), unit: "" };
}

/** A monthly value as a CSV holds it: shares as percentages to 0.1, levels to 0.1. */
export function monthlyCsvValue(name: string, value: number): number {
  if (!Number.isFinite(value)) return value;
  return (
    (monthlySeries(name).share ? Math.round(value * 1000) / 10 : Math.round(value * 10) / 10) || 0
  );
}
