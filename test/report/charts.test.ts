import { describe, expect, it } from "vitest";
import { monthLabel, provenanceLine, runProvenance } from "../../src/report/charts/labels.js";
import { type ChartSpec, renderChart } from "../../src/report/charts/render.js";
import { sweepCharts } from "../../src/report/charts/sweep.js";
import { compareCharts, runCharts } from "../../src/report/write-report.js";
import { comparison, runSummary, sweep } from "./load-fixtures.js";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function expectValidChart(spec: ChartSpec) {
  const chart = renderChart(spec, "bedsim test · scenario test · seed 1 · 2 replications");
  expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  // A blank 1600×900 PNG compresses to a few kB; a drawn chart is far larger.
  expect(chart.png.length).toBeGreaterThan(20_000);
  // IHDR holds the size: 1600 × 900 at device pixel ratio 1.
  expect(chart.png.readUInt32BE(16)).toBe(1600);
  expect(chart.png.readUInt32BE(20)).toBe(900);
  expect(chart.svg.trimStart()).toMatch(/^(<\?xml|<svg)/);
  expect(chart.svg).toContain("<svg");
  expect(chart.svg).toContain("</svg>");
  // Text is drawn as paths, so the SVG needs no fonts; it should still have plenty of paths.
  expect(chart.svg.match(/<path/g)?.length ?? 0).toBeGreaterThan(50);
  return chart;
}

describe("run charts", () => {
  const specs = runCharts(runSummary());

  it("makes every run chart when the summary has the data", () => {
    expect(specs.map((s) => s.name)).toEqual([
      "occupancy",
      "out-of-area-over-time",
      "out-of-area-by-year",
      "delayed-discharges",
      "cost-by-service",
    ]);
  });

  it.each(specs.map((s) => [s.name, s] as const))("renders %s as PNG and SVG", (_name, spec) => {
    const chart = expectValidChart(spec);
    expect(chart.title.length).toBeGreaterThan(5);
    expect(chart.caption.length).toBeGreaterThan(40);
  });

  it("leaves out the cost chart when the run has no costs", () => {
    const summary = runSummary();
    delete summary.cost;
    expect(runCharts(summary).map((s) => s.name)).not.toContain("cost-by-service");
  });

  it("renders all run charts quickly", () => {
    const start = performance.now();
    for (const spec of specs) renderChart(spec, "footer");
    // Well under 2 s on a laptop; generous here for slow CI machines.
    expect(performance.now() - start).toBeLessThan(8000);
  });
});

describe("comparison charts", () => {
  it.each(compareCharts(comparison()).map((s) => [s.name, s] as const))(
    "renders %s as PNG and SVG",
    (_name, spec) => {
      expectValidChart(spec);
    },
  );
});

describe("sweep charts", () => {
  const specs = sweepCharts(sweep());

  it("charts out-of-area bed-days and total cost (the target KPI among them)", () => {
    expect(specs.map((s) => s.name)).toEqual(["sweep-oap-bed-days", "sweep-total-cost"]);
  });

  it.each(specs.map((s) => [s.name, s] as const))("renders %s as PNG and SVG", (_name, spec) => {
    expectValidChart(spec);
  });

  it("charts a sweep of two parameters, one line per value of the second", () => {
    const two = sweep();
    two.parameters.push("services.beech_ward.beds");
    two.points = two.points.flatMap((p) =>
      [28, 30].map((beech) => ({
        ...p,
        values: { ...p.values, "services.beech_ward.beds": beech },
      })),
    );
    const [spec] = sweepCharts(two);
    const labels = spec.config().data.datasets.map((d) => d.label);
    expect(labels).toContain("28 beds on beech ward");
    expect(labels).toContain("30 beds on beech ward");
    // One legend entry per value (its mean line), and one for all the shaded intervals.
    const named = labels.filter((l) => l);
    expect(named.filter((l) => l?.includes("beech ward"))).toHaveLength(2);
    expect(named.filter((l) => l?.includes("confidence interval"))).toHaveLength(1);
    // No two lines share both colour and dash, even past the palette's length.
    const many = sweep();
    many.parameters.push("services.beech_ward.beds");
    many.points = many.points.flatMap((p) =>
      Array.from({ length: 14 }, (_, k) => ({
        ...p,
        values: { ...p.values, "services.beech_ward.beds": 20 + k },
      })),
    );
    const lines = sweepCharts(many)[0]
      .config()
      .data.datasets.filter((d) => String(d.label).includes("beech ward"))
      .map(
        (d) =>
          `${d.borderColor}|${JSON.stringify((d as { borderDash?: number[] }).borderDash ?? [])}`,
      );
    expect(new Set(lines).size).toBe(14);
    expectValidChart(spec);
  });
});

describe("labels", () => {
  it("labels months as dates and prints the provenance footer", () => {
    expect(monthLabel("2025-04")).toBe("Apr 2025");
    const summary = runSummary();
    expect(provenanceLine(runProvenance(summary))).toBe(
      `bedsim ${summary.version} · scenario ${summary.scenario.name} · seed ${summary.seed} · ${summary.replications} replications · run 22 Nov 2026 07:41 UTC`,
    );
  });
});
