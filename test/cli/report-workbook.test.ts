/**
 * The finance outputs through the built command line: a run writes results.xlsx (with each
 * replication's values) even with --no-charts, `bedsim report` draws report.docx beside the
 * other reports, and on a folder from before bedsim made a workbook it adds one, while
 * keeping a run's own workbook as it was.
 * Needs `npm run build` first.
 */
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { bedsim, requireBuild, SHORT, written } from "./built-cli.js";

requireBuild();

async function sheets(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    readFileSync(file) as unknown as Parameters<typeof workbook.xlsx.load>[0],
  );
  return workbook;
}

describe("results.xlsx through the command line", () => {
  it("a run writes it with every replication, and report keeps it or adds it", async () => {
    const { folder } = written(["run", "scenarios/baseline.yaml", ...SHORT]);
    const workbook = path.join(folder, "results.xlsx");
    const summary = JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8"));
    const run = await sheets(workbook);
    // Header on row 4, then one row per replication.
    expect(run.getWorksheet("Replications")?.rowCount).toBe(4 + summary.replications);
    expect(existsSync(path.join(folder, "report.docx"))).toBe(false);

    const before = readFileSync(workbook);
    expect(bedsim(["report", folder]).status).toBe(0);
    expect(readFileSync(workbook).equals(before)).toBe(true);
    expect(statSync(path.join(folder, "report.docx")).size).toBeGreaterThan(0);

    // A folder from before workbooks: report adds one, without the Replications sheet.
    rmSync(workbook);
    expect(bedsim(["report", folder]).status).toBe(0);
    const added = await sheets(workbook);
    expect(added.worksheets.map((s) => s.name)).not.toContain("Replications");
    expect(added.getWorksheet("Summary")).toBeDefined();
  }, 120_000);
});
