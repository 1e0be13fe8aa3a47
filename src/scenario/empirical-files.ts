import { InputError, type Problem, quote } from "./input-error.js";
import {
  MAX_FILE_BYTES,
  refusalMessage,
  resolveWith,
  STAYS_FILE,
  type TextFiles,
} from "./text-files.js";
import type { DataPath, YamlSource } from "./yaml-source.js";

/**
 * An empirical length of stay can name a CSV of observed stays instead of listing them:
 * `{ distribution: empirical, file: stays.csv, column: los_days }`, the file relative to
 * the YAML that names it. Each such `file` (and `column`) is replaced, in the parsed data,
 * by the `values` read from it, before the data is validated. Returns the files read, for
 * the run's manifest.
 */
export function readEmpiricalFiles(source: YamlSource, files: TextFiles): string[] {
  const read: string[] = [];
  const problems: Problem[] = [];
  const visit = (node: unknown, at: DataPath) => {
    if (Array.isArray(node)) {
      // Only lists and blocks can hold a distribution (a list of values is long).
      for (const [i, item] of node.entries())
        if (item && typeof item === "object") visit(item, [...at, i]);
      return;
    }
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if ("column" in record && !("file" in record) && "distribution" in record)
      problems.push(
        source.problem([...at, "column"], "column: goes with file:, to pick a column of the CSV"),
      );
    if ("file" in record && "distribution" in record) {
      const problem = (key: string, message: string) =>
        problems.push(source.problem([...at, key], message));
      if (record.distribution !== "empirical")
        problem(
          "file",
          "file: is only for an empirical distribution; remove it or write distribution: empirical",
        );
      else if ("values" in record) problem("file", "give either values: or file:, not both");
      else if (typeof record.file !== "string" || record.file.trim() === "")
        problem("file", "file: names a CSV file of observed stays in days, e.g. file: stays.csv");
      else {
        const file = resolveWith(files, record.file, source.file);
        const column = typeof record.column === "string" ? record.column : undefined;
        const result = readStays(files, file, record.file, column);
        if (typeof result === "string")
          problem(result.startsWith("column") ? "column" : "file", result);
        else {
          record.values = result;
          delete record.file;
          delete record.column;
          read.push(file);
        }
      }
    }
    for (const [key, value] of Object.entries(record)) visit(value, [...at, key]);
  };
  visit(source.data, []);
  if (problems.length > 0) throw new InputError(problems);
  return read;
}

/**
 * Stays in days from a CSV: one per row, in `column` (by its header) or the first column.
 * Messages name the file as the YAML names it (`written`).
 */
function readStays(
  files: TextFiles,
  file: string,
  written: string,
  column: string | undefined,
): number[] | string {
  const shown = quote(written);
  const text = files.read(file, MAX_FILE_BYTES);
  if (typeof text !== "string") return refusalMessage(text, shown, STAYS_FILE);
  const rows = text
    .split(/\r?\n/)
    .map((line) => line.split(",").map((cell) => cell.trim().replace(/^"(.*)"$/, "$1")));
  // A first row that is not a number is a header.
  const header = rows[0] && Number.isNaN(Number(rows[0][0])) ? rows[0] : undefined;
  let index = 0;
  if (column !== undefined) {
    index = header ? header.indexOf(column) : -1;
    if (index < 0)
      return `column ${quote(column)} is not in the header row of ${shown}${header ? ` (it has ${header.map((h) => quote(h)).join(", ")})` : ", which has no header row"}`;
  }
  const where = `column ${index + 1}${header ? ` (${quote(header[index])})` : ""}`;
  const values: number[] = [];
  for (const [i, row] of rows.entries()) {
    if ((i === 0 && header) || row.every((cell) => cell === "")) continue;
    const cell = row[index] ?? "";
    const value = Number(cell);
    // Number() also reads 0x10 as 16 (and 0b, 0o); a stay is written in decimal.
    if (cell !== "" && /^[+-]?0[xob]/i.test(cell))
      return `row ${i + 1} of ${shown} has ${quote(cell)} in ${where}, which is not a decimal number; write the stay in days as a plain number like 16 or 3.5`;
    if (cell === "" || !DECIMAL.test(cell) || !Number.isFinite(value) || value < 0)
      return `row ${i + 1} of ${shown} has ${quote(cell)} where a stay in days (a number, 0 or more) should be, in ${where}`;
    values.push(value);
  }
  if (values.length === 0) return `${shown} has no stays in it; give one number of days per row`;
  return values;
}

/** A decimal number as a spreadsheet writes it: 12, 3.5, .5, or 1.2E+03 in scientific form. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
