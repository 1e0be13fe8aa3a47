/**
 * results.xlsx, opened with exceljs as Excel would read it: the sheets, figures equal to the
 * result file's, real dates, Excel number formats, frozen headers, and user text that stays
 * text.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
// The workbooks as the command line writes them (Buffers).
import {
  compareWorkbookFile,
  runWorkbookFile,
  sweepWorkbookFile,
} from "../../src/cli/report-writers.js";
import { comparison, runSummary, sweep } from "./load-fixtures.js";

async function open(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares an older Buffer type than Node 20's.
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

/** The row whose last column names `kpi` (the sheets end each row with the KPI id). */
function rowOf(sheet: ExcelJS.Worksheet, column: number, value: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(column).value === value) found = row;
  });
  if (!found) throw new Error(`no row with ${value} in ${sheet.name}`);
  return found;
}

const summary = runSummary();
summary.scenario.model.services[0].name = "=1+1";
summary.scenario.model_sources = {
  cohorts: "Arrival rates: assumption (BSW strategy).",
  "cohorts.older_adults.growth_per_year": "ONS projections.",
};
const replications = [
  { admissions: 1200.4, mean_local_occupancy: 0.91 },
  { admissions: 1190.6, mean_local_occupancy: 0.89 },
];
const runBytes = await runWorkbookFile(summary, replications);
const run = await open(runBytes);

describe("results.xlsx of a run", () => {
  it("has the six sheets, each with a frozen header row", () => {
    expect(run.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "By financial year",
      "Monthly",
      "Replications",
      "Assumptions",
      "Method",
    ]);
    for (const sheet of run.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: "frozen" });
      expect((sheet.views[0] as { ySplit: number }).ySplit).toBeGreaterThan(0);
    }
  });

  it("gives every KPI of summary.json, with the same mean and 95% interval", () => {
    const sheet = run.getWorksheet("Summary") as ExcelJS.Worksheet;
    for (const [name, kpi] of Object.entries(summary.kpis)) {
      const row = rowOf(sheet, 10, name);
      expect(row.getCell(2).value).toBe(kpi.mean);
      expect(row.getCell(3).value).toBe(kpi.ci95[0]);
      expect(row.getCell(4).value).toBe(kpi.ci95[1]);
      expect(row.getCell(7).value).toBe(kpi.p90);
    }
  });

  it("formats shares as Excel percentages, money in £ with separators, counts whole", () => {
    const sheet = run.getWorksheet("Summary") as ExcelJS.Worksheet;
    const occupancy = rowOf(sheet, 10, "mean_local_occupancy").getCell(2);
    expect(occupancy.value).toBeLessThan(1);
    expect(occupancy.numFmt).toBe("0.0%");
    expect(rowOf(sheet, 10, "total_cost").getCell(2).numFmt).toMatch(/^"£"#,##0/);
    expect(rowOf(sheet, 10, "admissions").getCell(2).numFmt).toBe("#,##0");
  });

  it("puts years across and cost by service down, part years marked", () => {
    const sheet = run.getWorksheet("By financial year") as ExcelJS.Worksheet;
    const header = sheet.getRow(4).values as unknown[];
    expect(header.slice(3, 3 + summary.by_financial_year.length)).toEqual(
      summary.by_financial_year.map((y) => y.year),
    );
    const total = rowOf(sheet, 3 + summary.by_financial_year.length, "total_cost");
    const first = summary.cost?.by_financial_year.find(
      (r) => r.service === "total" && r.year === summary.by_financial_year[0].year,
    );
    expect(total.getCell(3).value).toBe(first?.mean);
    expect(total.getCell(3).numFmt).toMatch(/£/);

    const part = runSummary();
    part.by_financial_year[0].days = 200;
    return runWorkbookFile(part).then(async (bytes) => {
      const partSheet = (await open(bytes)).getWorksheet("By financial year") as ExcelJS.Worksheet;
      expect(partSheet.getRow(4).getCell(3).value).toBe(
        `${part.by_financial_year[0].year} (part year: 200 days)`,
      );
    });
  });

  it("dates months as real Excel dates and shows occupancy as a percentage", () => {
    const sheet = run.getWorksheet("Monthly") as ExcelJS.Worksheet;
    const first = sheet.getRow(5);
    expect(first.getCell(1).value).toBeInstanceOf(Date);
    expect((first.getCell(1).value as Date).toISOString()).toBe(
      `${summary.monthly.months[0]}-01T00:00:00.000Z`,
    );
    expect(first.getCell(1).numFmt).toBe("mmm yyyy");
    const occupancy = Object.keys(summary.monthly.series).indexOf("local_occupancy");
    const cell = first.getCell(2 + occupancy * 4);
    expect(cell.value).toBe(summary.monthly.series.local_occupancy.mean[0]);
    expect(cell.numFmt).toBe("0.0%");
  });

  it("lists every replication's values", () => {
    const sheet = run.getWorksheet("Replications") as ExcelJS.Worksheet;
    expect(sheet.getRow(5).getCell(2).value).toBe(1200.4);
    expect(sheet.getRow(6).getCell(3).value).toBe(0.89);
    expect(sheet.getRow(6).getCell(3).numFmt).toBe("0.0%");
  });

  it("stores a user's text that looks like a formula as text", () => {
    const sheet = run.getWorksheet("By financial year") as ExcelJS.Worksheet;
    const cell = rowOf(sheet, 1, "=1+1").getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.numFmt).toBe("@");
  });

  it("gives every parameter with its source, its own or its section's", () => {
    const sheet = run.getWorksheet("Assumptions") as ExcelJS.Worksheet;
    const growth = rowOf(sheet, 5, "cohorts.older_adults.growth_per_year");
    expect(growth.getCell(3).value).toBe("ONS projections.");
    expect(growth.getCell(4).value).toBe("figure");
    expect(growth.getCell(2).numFmt).toBe("0.0%");
    const arrivals = rowOf(sheet, 5, "cohorts.older_adults.arrivals_per_year");
    expect(arrivals.getCell(2).value).toBe(
      summary.scenario.model.cohorts.find((c) => c.id === "older_adults")?.arrivals_per_year,
    );
    expect(arrivals.getCell(3).value).toBe("Arrival rates: assumption (BSW strategy).");
    expect(arrivals.getCell(4).value).toBe("section");
  });

  it("answers the STRESS-DES items from the run on the Method sheet", () => {
    const sheet = run.getWorksheet("Method") as ExcelJS.Worksheet;
    expect(String(rowOf(sheet, 2, "Random sampling").getCell(3).value)).toContain(
      `Seed ${summary.seed}`,
    );
    expect(String(rowOf(sheet, 2, "Run length").getCell(3).value)).toContain(
      `${summary.scenario.run.years} years`,
    );
  });

  it("is the same bytes every time from the same result file", async () => {
    expect((await runWorkbookFile(summary, replications)).equals(runBytes)).toBe(true);
  });
});

describe("results.xlsx of a comparison and of a sweep", () => {
  it("has a sheet of paired differences equal to compare.json's", async () => {
    const compare = comparison();
    const workbook = await open(await compareWorkbookFile(compare));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Summary",
      "Differences",
      "Assumptions",
      "Method",
    ]);
    const sheet = workbook.getWorksheet("Differences") as ExcelJS.Worksheet;
    const d = compare.scenarios[1].differences.oap_admissions;
    let found = false;
    sheet.eachRow((row) => {
      if (
        row.getCell(9).value === "oap_admissions" &&
        row.getCell(2).value === "All years (per year)" &&
        row.getCell(1).value ===
          (compare.scenarios[1].summary.scenario.title ?? compare.scenarios[1].name)
      ) {
        found = true;
        expect(row.getCell(4).value).toBe(d.mean);
        expect(row.getCell(5).value).toBe(d.ci95[0]);
        expect(row.getCell(6).value).toBe(d.ci95[1]);
      }
    });
    expect(found).toBe(true);
  });

  it("has the grid of a sweep, one row per value tried, the answer marked", async () => {
    const s = sweep();
    const workbook = await open(await sweepWorkbookFile(s));
    const sheet = workbook.getWorksheet("Grid") as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(4 + s.points.length);
    const values = Array.from(
      { length: s.points.length },
      (_, i) => sheet.getRow(5 + i).getCell(1).value,
    );
    expect(values).toEqual(s.points.map((p) => p.values[s.parameters[0]]).sort((a, b) => a - b));
    let answers = 0;
    sheet.eachRow((row) => {
      if (String(row.getCell(2).value).includes("(answer)")) answers += 1;
    });
    expect(answers).toBe(s.answer ? 1 : 0);
  });
});
