import { describe, expect, it } from "vitest";
import { OutcomeTable } from "../../src/experiment/outcome-table.js";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";

/** A made-up outcome whose every figure says which replication and which place it came from. */
function outcome(r: number): ReplicationOutcome {
  return {
    kpis: { admissions: 1000 + r, oap_share: r / 7, total_cost: -r },
    monthly: { local_occupancy: [r + 0.1, r + 0.2, r + 0.3], waiting: [r, 2 * r, 3 * r] },
    byFinancialYear: [
      { kpis: { admissions: 500 + r, total_cost: r * 3 }, services: {} },
      { kpis: { admissions: 600 + r, total_cost: r * 5 }, services: {} },
    ],
    dailyOccupancy: new Float64Array(4),
    dailyOtherOccupied: new Float64Array(4),
    events: r,
  };
}

describe("OutcomeTable (outcomes kept as rows of numbers)", () => {
  // More than one block of rows (256), so reading across a block boundary is covered.
  const outcomes = Array.from({ length: 600 }, (_, r) => outcome(r));
  const table = OutcomeTable.of(outcomes);

  it("gives back every KPI, yearly KPI and monthly value exactly, replication by replication", () => {
    expect(table.length).toBe(600);
    const kpis = table.kpis();
    expect(kpis.names).toEqual(["admissions", "oap_share", "total_cost"]);
    for (const name of kpis.names)
      expect(Array.from(kpis.column(name) ?? [])).toEqual(outcomes.map((o) => o.kpis[name]));
    for (const y of [0, 1]) {
      const year = table.yearKpis(y);
      expect(year.names).toEqual(["admissions", "total_cost"]);
      for (const name of year.names)
        expect(Array.from(year.column(name) ?? [])).toEqual(
          outcomes.map((o) => o.byFinancialYear[y].kpis[name]),
        );
    }
    expect(table.monthlyNames).toEqual(["local_occupancy", "waiting"]);
    for (const name of table.monthlyNames)
      for (const m of [0, 1, 2])
        expect(Array.from(table.monthly(name, m))).toEqual(outcomes.map((o) => o.monthly[name][m]));
    expect(table.kpiRow(300)).toEqual(outcomes[300].kpis);
  });

  it("has no column for a KPI it does not hold", () => {
    expect(table.kpis().column("picu_admissions")).toBeUndefined();
    expect(() => table.monthly("picu_occupied", 0)).toThrow(/no monthly series/);
  });

  it("refuses a replication shaped unlike the first", () => {
    const other = OutcomeTable.of([outcome(0)]);
    const extraKpi = outcome(1);
    extraKpi.kpis.repatriations = 3;
    expect(() => other.add(extraKpi)).toThrow(/other KPIs/);
    const renamed = outcome(1);
    delete renamed.kpis.oap_share;
    renamed.kpis.oap_admissions = 1;
    expect(() => other.add(renamed)).toThrow(/other KPIs/);
    const fewerYears = outcome(1);
    fewerYears.byFinancialYear.pop();
    expect(() => other.add(fewerYears)).toThrow(/other financial years/);
    const shortMonths = outcome(1);
    shortMonths.monthly.waiting.pop();
    expect(() => other.add(shortMonths)).toThrow(/other months/);
  });

  it("is empty before any replication is added", () => {
    const empty = new OutcomeTable();
    expect(empty.length).toBe(0);
    expect(empty.kpis().names).toEqual([]);
    expect(empty.monthlyNames).toEqual([]);
  });
});
