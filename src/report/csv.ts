/**
 * CSV that opens cleanly in Excel: a UTF-8 byte-order mark (without it Excel reads "£" as
 * "Â£"), quoted where needed, CRLF line ends, and numbers rounded to what they can support.
 */
import { BYTE_ORDER_MARK } from "../data/csv-line.js";
import { kpiDefinition } from "../model/kpi-definitions.js";

export { BYTE_ORDER_MARK };

/**
 * Text that a spreadsheet would run as a formula (a service named "=HYPERLINK(…)") is
 * written with a leading apostrophe, which Excel shows as plain text.
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const text = typeof v === "number" ? (Number.isFinite(v) ? String(v) : "") : inertText(v);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${BYTE_ORDER_MARK}${[header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

/**
 * A KPI's value as a CSV holds it: money to the pound, shares as percentages to 0.1,
 * counts and days whole from 10 up and to 0.1 below (2.4 people out of area on an average
 * day is a real figure; 91.7 admissions a year is false precision).
 */
export function csvValue(name: string, value: number): number {
  if (!Number.isFinite(value)) return value;
  switch (kpiDefinition(name).format) {
    case "money":
      return Math.round(value) || 0;
    case "fraction":
      return Math.round(value * 1000) / 10 || 0;
    default:
      return (Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10) || 0;
  }
}

/** A KPI's column name: shares get "_pct", since the CSV holds them as percentages. */
export function csvColumn(name: string): string {
  return kpiDefinition(name).format === "fraction" ? `${name}_pct` : name;
}
