import { kpiDefinition } from "../model/kpi-definitions.js";

/**
 * Numbers as a board paper prints them: thousands separators, % for fractions, £ for money;
 * counts and days whole from 10 up ("92 admissions", not "91.7") and none at zero ("0 days",
 * not "0.0"), with a decimal kept below 10, where 2.4 people a day is a real figure.
 */
export function formatValue(name: string, value: number): string {
  if (!Number.isFinite(value)) return "–";
  switch (kpiDefinition(name).format) {
    case "fraction":
      return `${(value * 100).toFixed(1)}%`;
    case "money":
      return formatMoney(value);
    default:
      if (value === 0) return "0";
      return Math.abs(value) >= 10 ? Math.round(value).toLocaleString("en-GB") : small(value);
  }
}

/**
 * One decimal, but a small non-zero value keeps two significant figures: a clear difference
 * of 0.04 days must not read "0.0".
 */
export function small(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 0.05 || abs === 0) return value.toFixed(1);
  if (abs < 0.001) return value > 0 ? "<0.001" : ">-0.001";
  return value.toPrecision(2);
}

/** A KPI's unit as a reader sees the numbers: fractions are shown as percentages. */
export function displayUnit(name: string): string {
  const { unit, format } = kpiDefinition(name);
  return format === "fraction" ? unit.replace(/^fraction of/, "% of") : unit;
}

/** The unit of a difference: a difference of percentages is in percentage points. */
export function differenceUnit(name: string): string {
  return kpiDefinition(name).format === "fraction" ? "percentage points" : displayUnit(name);
}

/** A 95% interval as "1,651 to 1,794", each end formatted as its KPI's values are. */
export function formatRange(name: string, ci95: readonly [number, number]): string {
  return `${formatValue(name, ci95[0])} to ${formatValue(name, ci95[1])}`;
}

export function formatMoney(value: number): string {
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${sign}£${(abs / 1e6).toFixed(2)}m`;
  if (abs >= 1e3) return `${sign}£${Math.round(abs / 1e3).toLocaleString("en-GB")}k`;
  return `${sign}£${Math.round(abs)}`;
}

/** A plain-text table with columns padded to width; the first column left-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
