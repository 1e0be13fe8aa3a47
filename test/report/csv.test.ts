/** The CSVs open in Excel as written: a byte-order mark, rounded numbers, shares in %. */
import { describe, expect, it } from "vitest";
import { differencesCsv } from "../../src/report/compare-files.js";
import { BYTE_ORDER_MARK, csvValue, toCsv } from "../../src/report/csv.js";
import { costByYearCsv, financialYearsCsv, monthlyCsv } from "../../src/report/run-files.js";
import { comparison, runSummary } from "./load-fixtures.js";

const lines = (csv: string) => csv.slice(1).trimEnd().split("\r\n");

describe("CSV files", () => {
  it("start with a UTF-8 byte-order mark, so Excel reads £ as £", () => {
    const csv = toCsv(["cost"], [["£1"]]);
    expect(csv.startsWith(BYTE_ORDER_MARK)).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("round to what the figures support: pounds, 0.1 of a percent, whole counts from 10", () => {
    expect(csvValue("total_cost", 39785095.937142104)).toBe(39785096);
    expect(csvValue("mean_local_occupancy", 0.91234)).toBe(91.2);
    expect(csvValue("admissions", 91.74)).toBe(92);
    expect(csvValue("mean_oap_occupied", 2.44)).toBe(2.4);
    expect(csvValue("admissions", -0.01)).toBe(0);
  });

  it("write text that looks like a formula so a spreadsheet shows it as text", () => {
    expect(lines(toCsv(["name"], [["=1+1"], ["@SUM(A1)"], ["Oakwood"]]))).toEqual([
      "name",
      "'=1+1",
      "'@SUM(A1)",
      "Oakwood",
    ]);
  });

  it("cost-by-year.csv is wide: services down in cost order, years across, total last", () => {
    const summary = runSummary();
    const rows = lines(costByYearCsv(summary) ?? "").map((l) => l.split(","));
    const years = [...new Set(summary.cost?.by_financial_year.map((r) => r.year))];
    expect(rows[0]).toEqual(["service", "service_id", ...years]);
    expect(rows.at(-1)?.[1]).toBe("total");
    const total = summary.cost?.by_financial_year.find(
      (r) => r.service === "total" && r.year === years[0],
    );
    expect(Number(rows.at(-1)?.[2])).toBe(Math.round(total?.mean ?? Number.NaN));
    // Wards (the first kind in the registry) first, the biggest first among them.
    const kinds = new Map(summary.scenario.model.services.map((s) => [s.id, s.kind]));
    const body = rows.slice(1, -1);
    const wardRows = body.filter((r) => kinds.get(r[1]) === "ward");
    expect(body.slice(0, wardRows.length)).toEqual(wardRows);
    const wardTotals = wardRows.map((r) => r.slice(2).reduce((s, v) => s + Number(v), 0));
    expect(wardTotals).toEqual([...wardTotals].sort((a, b) => b - a));
    // The services add up to the total, to within rounding: the fixture keeps six
    // significant figures (±£5 on a £1m figure) and the CSV rounds each to the pound.
    for (let y = 0; y < years.length; y++) {
      const sum = body.reduce((s, r) => s + Number(r[2 + y] || 0), 0);
      const total = Number(rows.at(-1)?.[2 + y]);
      expect(Math.abs(sum - total)).toBeLessThanOrEqual(body.length * 5.5 + total * 5e-6);
    }
  });

  it("marks a part year in the wide CSV's heading", () => {
    const summary = runSummary();
    summary.by_financial_year[0].days = 90;
    const header = lines(costByYearCsv(summary) ?? "")[0];
    expect(header).toContain(`${summary.by_financial_year[0].year} (part year: 90 days)`);
  });

  it("give occupancy in %, by month and by financial year", () => {
    const summary = runSummary();
    const monthly = lines(monthlyCsv(summary)).map((l) => l.split(","));
    const column = monthly[0].indexOf("local_occupancy_pct_mean");
    expect(column).toBeGreaterThan(0);
    expect(Number(monthly[1][column])).toBeCloseTo(
      summary.monthly.series.local_occupancy.mean[0] * 100,
      1,
    );
    const yearly = lines(financialYearsCsv(summary)).find((l) =>
      l.includes(",mean_local_occupancy,"),
    );
    expect(yearly?.endsWith("% of open beds")).toBe(true);
  });

  it("differences.csv gives shares' differences in percentage points", () => {
    const compare = comparison();
    const row = lines(differencesCsv(compare)).find((l) =>
      l.startsWith(`${compare.scenarios[0].name},all years (per year),mean_local_occupancy,`),
    );
    const d = compare.scenarios[0].differences.mean_local_occupancy;
    expect(Number(row?.split(",")[3])).toBeCloseTo(d.mean * 100, 1);
    expect(row?.endsWith("percentage points")).toBe(true);
  });
});
