// What people write in a sweep: ranges of values ("10..50:2") and targets
// ("oap_bed_days <= 100 at p90"). A leaf, so that the schema can check them.
import type { Target } from "../experiment/rightsize.js";
import { KPI_DEFINITIONS, kpiDefinition, kpiParts } from "../model/kpi-definitions.js";

/** Most points one swept parameter may take; a finer grid is rarely worth its run time. */
const MAX_VALUES = 1000;

/**
 * "10..50" or "10..50:2" (from, to, step; step 1 by default) → the values, both ends
 * included. Returns a plain-English problem instead when the range is malformed.
 */
export function parseRange(text: string): number[] | string {
  const match = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*(?::\s*([\d.]+))?\s*$/.exec(text);
  const example = 'write it as from..to or from..to:step, e.g. "10..50" or "0.5..1.5:0.1"';
  if (!match) return `"${text}" is not a range; ${example}`;
  const [from, to, step] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 1)];
  if (![from, to, step].every(Number.isFinite)) return `"${text}" is not a range; ${example}`;
  if (step <= 0) return `the step in "${text}" must be more than 0`;
  if (to <= from) return `in "${text}" the end must be greater than the start`;
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_VALUES)
    return `"${text}" has ${count.toLocaleString("en-GB")} values; use a larger step (at most ${MAX_VALUES} values)`;
  // Rounded so that 0.1-steps give 0.3, not 0.30000000000000004.
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
}

/**
 * "oap_bed_days <= 100", optionally "… at p90" (the 90th percentile of yearly values). Shares
 * and occupancy may be written as percentages, "oap_share <= 10%", or as fractions, 0.1.
 * Returns a plain-English problem instead when it cannot be read.
 */
export function parseTarget(text: string): Target | string {
  const match =
    /^\s*([a-z][\w.]*)\s*(<=|>=|≤|≥)\s*(-?[\d.]+(?:e[+-]?\d+)?)\s*(%?)\s*(?:at\s+p(\d{1,2}))?\s*$/i.exec(
      text,
    );
  if (!match)
    return `"${text}" is not a target; write a KPI, <= or >=, and a number, optionally "at p90", e.g. "oap_bed_days <= 100 at p90" or "oap_share <= 10%"`;
  const [, kpi, operator, number, percent, p] = match;
  const written = Number(number);
  if (!Number.isFinite(written)) return `"${number}" in "${text}" is not a number`;
  // A registry KPI or one of a family ("occupancy.oakwood_ward"): its unit says whether a
  // percentage makes sense; an unknown name is left for the KPI check to report.
  const known = Boolean(KPI_DEFINITIONS[kpi] || kpiParts(kpi));
  const definition = kpiDefinition(kpi);
  const fraction = known && definition.format === "fraction";
  if (percent && known && !fraction)
    return `${kpi} is measured in ${definition.unit}, not as a percentage; write a plain number in "${text}"`;
  if (fraction && !percent && written > 1)
    return `${kpi} is a fraction, so ${written} in "${text}" is more than 100%; write "${written}%" or ${written / 100}`;
  const value = percent ? Number((written / 100).toPrecision(12)) : written;
  const percentile = p === undefined ? undefined : Number(p);
  if (percentile !== undefined && (percentile < 1 || percentile > 99))
    return `the percentile in "${text}" must be between p1 and p99`;
  return {
    kpi,
    operator: operator === "<=" || operator === "≤" ? "<=" : ">=",
    value,
    ...(percentile === undefined ? {} : { percentile }),
  };
}

/** A `target:` as written: one condition, or a list of them that must all hold. */
export function targetTexts(target: string | readonly string[] | undefined): string[] {
  if (target === undefined) return [];
  return typeof target === "string" ? [target] : [...target];
}
