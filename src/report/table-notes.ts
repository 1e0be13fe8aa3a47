/**
 * Sentences printed under the KPI table (in the terminal and the report) where two figures
 * side by side would puzzle a reader, and what `--precision` achieved.
 */
import { kpiDefinition } from "../model/kpi-definitions.js";
import type { KpiSummary } from "../results/kpis.js";
import { formatValue } from "./format.js";

export interface PrecisionInput {
  target_pct: number;
  met: boolean;
  worst_kpi: string;
  worst_pct: number;
  max_replications: number;
}

/** "Peak 100.0%" beside "Days with every bed full: 0" needs a word of explanation. */
export function kpiNotes(kpis: Record<string, KpiSummary>): string[] {
  const notes: string[] = [];
  const peak = kpis.peak_local_occupancy;
  const full = kpis.days_full;
  if (peak && full && formatValue("peak_local_occupancy", peak.mean) === "100.0%" && full.mean < 1)
    notes.push(
      `Peak daily occupancy of ${formatValue("peak_local_occupancy", peak.mean)} beside ${formatValue("days_full", full.mean)} days with every bed full is not a contradiction: the peak is the fullest day's average occupancy, rounded, and a day counts as full only if every open bed was occupied for the whole day.`,
    );
  return notes;
}

/** Whether --precision met its target, and which measure needed the most replications. */
export function precisionNote(
  precision: PrecisionInput | undefined,
  replications: number,
): string[] {
  if (!precision) return [];
  const label = kpiDefinition(precision.worst_kpi).label;
  const worst = /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  const pct = (v: number) => `±${v.toFixed(1)}%`;
  return [
    precision.met
      ? `Precision target met: with ${replications.toLocaleString("en-GB")} replications every measure checked has a 95% interval within ${pct(precision.target_pct)} of its mean; ${worst} needed the most replications (${pct(precision.worst_pct)}).`
      : `Precision target not met: after ${replications.toLocaleString("en-GB")} replications (the most allowed is ${precision.max_replications.toLocaleString("en-GB")}) the 95% interval for ${worst} is still ${pct(precision.worst_pct)} of its mean, wider than the ${pct(precision.target_pct)} asked for.`,
  ];
}
