/** The report's account of a search over several settings: the path, one step down, the final check. */
import { describe, expect, it } from "vitest";
import { searchSections } from "../../src/report/search-path.js";

const interval = { statistic: "p90", estimate: 300, ci95: [250, 350] as [number, number] };
const values = (a: number, b: number) => ({ "services.a.beds": a, "services.b.beds": b });

describe("searchSections", () => {
  const sections = searchSections({
    parameters: ["services.a.beds", "services.b.beds"],
    names: { a: "Ash (men)" },
    targets: [
      { kpi: "oap_bed_days", operator: "<=", value: 365, percentile: 90, statistic: "p90" },
    ],
    overrides: ["run.years=2"],
    search: {
      method: "greedy marginal allocation with common random numbers",
      objective: "total of the settings",
      budget: 100,
      replications_used: 60,
      steps: [
        { values: values(20, 20), move: "start", objective: 40, met: false, estimates: [interval] },
        { values: values(21, 20), move: "up", objective: 41, met: true, estimates: [interval] },
      ],
      neighbours: [{ path: "services.a.beds", value: 20, met: false, objective: 40 }],
    },
    final_check: {
      first_replication: 10,
      replications: 10,
      estimates: [{ ...interval, kpi: "oap_bed_days", met: true }],
      met: true,
      met_confidently: true,
      kpis: {},
    },
  });

  it("shows each step, naming the setting that moved", () => {
    const [path] = sections;
    expect(path.title).toBe("Path taken");
    const table = path.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.table.rows.map((r) => r[1])).toEqual([
      "start",
      "Ash (men): 20 → 21",
    ]);
    const text = JSON.stringify(path.blocks);
    expect(text).toContain("60 replications of a budget of 100");
    expect(text).toContain("--set run.years=2");
    expect(text).toContain("a target is missed");
  });

  it("gives the final check's intervals on fresh replications", () => {
    const check = sections[1];
    expect(check.title).toBe("Final check");
    expect(JSON.stringify(check.blocks)).toContain("fresh replications (10 to 19)");
    const table = check.blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.table.rows[0].slice(1)).toEqual([
      "300",
      "250 to 350",
      "yes",
    ]);
  });

  it("adds nothing for a sweep or a search over one setting", () => {
    expect(searchSections({ parameters: ["x"] })).toEqual([]);
  });
});
