/** The "by ward" chart (occupancy bands per ward) and the "by cohort" table of the run report. */
import { describe, expect, it } from "vitest";
import { byCohortTable } from "../../src/report/by-cohort-table.js";
import { byWardChart } from "../../src/report/charts/by-ward.js";
import { renderChart } from "../../src/report/charts/render.js";
import type { KpiSummary } from "../../src/results/kpis.js";
import { runSummary } from "./load-fixtures.js";

const kpi = (mean: number): KpiSummary => ({
  mean,
  ci95: [mean * 0.9, mean * 1.1],
  p10: mean,
  p50: mean,
  p90: mean,
  unit: "",
  half_width_pct: 10,
});

function withParts() {
  const summary = runSummary();
  const wards = summary.scenario.model.services.filter((s) => s.kind === "ward").map((s) => s.id);
  wards.forEach((ward, i) => {
    summary.kpis[`days_above_85pct.${ward}`] = kpi(200 + i);
    summary.kpis[`days_above_95pct.${ward}`] = kpi(100);
    summary.kpis[`days_full.${ward}`] = kpi(40);
  });
  for (const c of summary.scenario.model.cohorts) {
    summary.kpis[`admissions.${c.id}`] = kpi(300);
    summary.kpis[`mean_length_of_stay.${c.id}`] = kpi(35);
  }
  return { summary, wards };
}

describe("by-ward chart", () => {
  it("splits each ward's days into bands that add up to the whole year", () => {
    const { summary, wards } = withParts();
    const spec = byWardChart(summary);
    expect(spec).toBeDefined();
    const { data } = spec?.config() ?? { data: { datasets: [], labels: [] } };
    expect(data.labels).toHaveLength(wards.length);
    const bands = data.datasets.map((d) => d.data as number[]);
    wards.forEach((_, w) => {
      expect(bands.reduce((a, b) => a + b[w], 0)).toBeCloseTo(100, 9);
      // Full days are the last band; above 95% but not full the one before.
      expect(bands[3][w]).toBeCloseTo((40 / 365.25) * 100, 9);
      expect(bands[2][w]).toBeCloseTo((60 / 365.25) * 100, 9);
    });
    const chart = renderChart(spec as NonNullable<typeof spec>, "bedsim test");
    expect(chart.png.length).toBeGreaterThan(20_000);
  });

  it("is left out when the summary has no per-ward figures", () => {
    expect(byWardChart(runSummary())).toBeUndefined();
  });
});

describe("by-cohort table", () => {
  it("has a row per cohort and one for everyone, with intervals", () => {
    const { summary } = withParts();
    const table = byCohortTable(summary);
    const cohorts = summary.scenario.model.cohorts;
    expect(table?.rows).toHaveLength(cohorts.length + 1);
    expect(table?.rows[0][0]).toBe(cohorts[0].name ?? cohorts[0].id);
    expect(table?.rows[0][1]).toBe("300 (270 to 330)");
    expect(table?.rows.at(-1)?.[0]).toBe("All");
  });
});
