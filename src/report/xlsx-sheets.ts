/// <reference path="./exceljs-bundle.d.ts" />
/**
 * What every sheet of results.xlsx shares: a title block, a bold frozen header row, column
 * widths, number formats a finance lead expects (£ with thousands separators, real Excel
 * percentages, whole counts) and user text that can never become a formula.
 */
// exceljs's prebuilt bundle rather than its main entry: the same library, but one file for
// Node to load instead of hundreds (about 80 ms less to write a small run's workbook).
import type ExcelJS from "exceljs";
import Excel from "exceljs/dist/exceljs.bare.min.js";
import { kpiDefinition } from "../model/kpi-definitions.js";
import { stableZipBytes } from "./stable-zip.js";

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;
export type CellValue = string | number | Date | null | undefined;

export const FORMAT = {
  money: '"£"#,##0;-"£"#,##0',
  percent: "0.0%",
  whole: "#,##0",
  oneDecimal: "#,##0.0",
  month: "mmm yyyy",
  text: "@",
} as const;

/** A KPI value's number format: counts and days whole from 10 up, to 0.1 below. */
export function kpiFormat(name: string, value?: number): string {
  switch (kpiDefinition(name).format) {
    case "money":
      return FORMAT.money;
    case "fraction":
      return FORMAT.percent;
    default:
      return value !== undefined && Math.abs(value) < 10 ? FORMAT.oneDecimal : FORMAT.whole;
  }
}

export function newWorkbook(runAt?: string): Workbook {
  const workbook = new Excel.Workbook();
  workbook.creator = "bedsim";
  const at = runAt ? new Date(runAt) : undefined;
  if (at && !Number.isNaN(at.getTime())) {
    workbook.created = at;
    workbook.modified = at;
  }
  return workbook;
}

export interface Column {
  header: string;
  width: number;
  /** A number format for the whole column (a cell's own format wins). */
  format?: string;
}

/** A sheet being written: its rows go below a frozen header, numbers in their formats. */
export class Sheet {
  constructor(
    readonly sheet: Worksheet,
    private readonly formats: (string | undefined)[],
  ) {}

  /** Appends a row; numbers take `formats[i]` (or the column's), text stays text. */
  row(values: CellValue[], formats: (string | undefined)[] = []): ExcelJS.Row {
    const row = this.sheet.addRow([]);
    values.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      if (value === undefined || value === null) return;
      if (typeof value === "string") {
        setText(cell, value);
        return;
      }
      if (typeof value === "number" && !Number.isFinite(value)) return;
      cell.value = value;
      const format = formats[i] ?? this.formats[i];
      if (format) cell.numFmt = format;
    });
    return row;
  }

  /** A bold row of text between blocks of rows ("Cost by service"). */
  subheading(text: string): void {
    this.sheet.addRow([]);
    this.row([text]).font = { bold: true };
  }
}

/**
 * A sheet with `title` (and `note`) above a bold header row, frozen with the first column so
 * both stay in view while scrolling.
 */
export function addSheet(
  workbook: Workbook,
  name: string,
  columns: Column[],
  title: string,
  note?: string,
): Sheet {
  const headerRow = note ? 4 : 3;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 1, ySplit: headerRow }],
  });
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  setText(sheet.getCell(1, 1), title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  if (note) {
    setText(sheet.getCell(2, 1), note);
    sheet.getCell(2, 1).font = { italic: true, color: { argb: "FF555555" } };
  }
  const header = sheet.getRow(headerRow);
  for (const [i, c] of columns.entries()) setText(header.getCell(i + 1), c.header);
  header.font = { bold: true };
  header.alignment = { vertical: "top", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F4F7" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF9AA7B4" } } };
  });
  return new Sheet(
    sheet,
    columns.map((c) => c.format),
  );
}

/**
 * Text as text: a string is stored as a string, never as a formula, and one that starts like
 * a formula (= + - @) gets Excel's Text format, so that editing the cell in Excel does not
 * turn it into one either.
 */
export function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  if (/^[=+\-@]/.test(text)) cell.numFmt = FORMAT.text;
}

/**
 * The workbook as bytes, re-stamped with the run's time so the same input gives the same file.
 * Plain bytes, not a Node Buffer: the explorer page builds the same workbook.
 */
export async function workbookBytes(workbook: Workbook, runAt?: string): Promise<Uint8Array> {
  const bytes = await workbook.xlsx.writeBuffer();
  return stableZipBytes(new Uint8Array(bytes as ArrayBuffer), runAt);
}
