/**
 * What every report opens with (the executive summary) and ends with (the STRESS-DES
 * checklist, answered from the run), and the table fixes a board paper needs.
 */
import { describe, expect, it } from "vitest";
import type { RenderedChart } from "../../src/report/charts/render.js";
import { compareDocument, runDocument, sweepDocument } from "../../src/report/report-document.js";
import { renderMarkdown } from "../../src/report/report-md.js";
import { comparison, runSummary, sweep } from "./load-fixtures.js";

const chart = (name: string): RenderedChart => ({
  name,
  title: name,
  caption: "",
  png: Buffer.from([]),
  svg: "",
});
const CHARTS = ["occupancy", "out-of-area-over-time"].map(chart);

const section = (doc: ReturnType<typeof runDocument>, title: string) =>
  doc.sections.find((s) => s.title === title);
const texts = (doc: ReturnType<typeof runDocument>, title: string) =>
  (section(doc, title)?.blocks ?? []).flatMap((b) =>
    b.kind === "list" ? b.items : b.kind === "paragraph" ? [b.text] : [],
  );
const checklist = (doc: ReturnType<typeof runDocument>) => {
  const block = section(doc, "STRESS-DES reporting checklist")?.blocks.find(
    (b) => b.kind === "table",
  );
  return new Map(block?.kind === "table" ? block.table.rows.map((r) => [r[1], r[2]] as const) : []);
};

describe("executive summary", () => {
  it("comes first in every report: three to five findings with intervals, one chart, costs", () => {
    const docs = [
      runDocument(runSummary(), CHARTS, ""),
      compareDocument(comparison(), [chart("differences")], ""),
      sweepDocument(sweep(), [chart("sweep-oap_bed_days")], ""),
    ];
    for (const doc of docs) {
      expect(doc.sections[0].title).toBe("Executive summary");
      const findings = doc.sections[0].blocks.find((b) => b.kind === "list");
      const items = findings?.kind === "list" ? findings.items : [];
      expect(items.length).toBeGreaterThanOrEqual(2);
      expect(items.length).toBeLessThanOrEqual(5);
      expect(items.some((f) => f.includes("95% CI"))).toBe(true);
      expect(doc.sections[0].blocks.filter((b) => b.kind === "chart")).toHaveLength(1);
      expect(doc.sections[0].blocks.some((b) => b.kind === "table")).toBe(true);
    }
    expect(renderMarkdown(docs[0]).indexOf("## ")).toBe(
      renderMarkdown(docs[0]).indexOf("## Executive summary"),
    );
  });

  it("shows its chart once: the other charts follow later", () => {
    const doc = runDocument(runSummary(), CHARTS, "");
    const charts = doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart.name] : [])),
    );
    expect(charts.sort()).toEqual(CHARTS.map((c) => c.name).sort());
  });

  it("says what each plan costs or saves in each financial year", () => {
    const compare = comparison();
    const doc = compareDocument(compare, [], "");
    const table = doc.sections[0].blocks.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.table.rows.length).toBe(
      compare.baseline.by_financial_year.length,
    );
    const cells = table?.kind === "table" ? table.table.rows.flat().join(" ") : "";
    expect(cells).toMatch(/saves|costs|no clear difference/);

    // A year before the plan's first change costs exactly what the baseline does.
    const before = comparison();
    const first = before.scenarios[0].differences_by_financial_year?.[0];
    if (first) first.differences.total_cost = { mean: 0, ci95: [0, 0] };
    const row = compareDocument(before, [], "").sections[0].blocks.find((b) => b.kind === "table");
    expect(row?.kind === "table" && row.table.rows[0][2]).toBe("the same as the baseline");
  });
});

describe("STRESS-DES checklist", () => {
  it("answers each item from the run's own records", () => {
    const summary = runSummary();
    const items = checklist(runDocument(summary, [], ""));
    for (const item of [
      "Purpose of the model",
      "Model outputs",
      "Components",
      "Data sources",
      "Initialisation",
      "Run length",
      "Replications",
      "Common random numbers",
      "Software",
      "Random sampling",
      "System specification",
      "Code and inputs",
    ])
      expect(items.get(item), item).toBeTruthy();
    expect(items.get("Initialisation")).toContain(
      `${summary.scenario.run.warm_up_days.toLocaleString("en-GB")} days`,
    );
    expect(items.get("Replications")).toContain(`${summary.replications} replications`);
    expect(items.get("Software")).toContain(summary.manifest?.bedsim_version);

    // Change the run, and the answers change with it.
    summary.precision = {
      target_pct: 5,
      met: false,
      worst_kpi: "oap_bed_days",
      worst_pct: 7.5,
      max_replications: 200,
    };
    summary.warnings = ["The warm-up looks too short: MSER-5 suggests 900 days."];
    if (summary.manifest) summary.manifest.platform = "linux x64";
    const changed = checklist(runDocument(summary, [], ""));
    expect(changed.get("Replications")).toContain("not met");
    expect(changed.get("Replications")).toContain("out-of-area bed-days at ±7.5%");
    expect(changed.get("Initialisation")).toContain("MSER-5 suggests 900 days");
    expect(changed.get("System specification")).toContain("linux x64");
  });

  it("says how a comparison used common random numbers, and names its scenarios", () => {
    const compare = comparison();
    const items = checklist(compareDocument(compare, [], ""));
    expect(items.get("Common random numbers")).toMatch(/^Used/);
    for (const s of compare.scenarios)
      expect(items.get("Experimentation aims")).toContain(s.summary.scenario.title ?? s.name);
  });
});

describe("table fixes", () => {
  it("a comparison of several scenarios is not titled with their titles joined", () => {
    const doc = compareDocument(comparison(), [], "");
    expect(doc.title).toBe("2 scenarios compared with the baseline");
    expect(doc.subtitle).toContain("scenarios:");
  });

  it("orders cost rows by kind of service, the largest first, the total last", () => {
    const summary = runSummary();
    const doc = runDocument(summary, [], "");
    const results = section(doc, "Results")?.blocks ?? [];
    const costs = results.find((b) => b.kind === "table" && b.table.header[0] === "Service");
    const names = costs?.kind === "table" ? costs.table.rows.map((r) => r[0]) : [];
    expect(names.at(-1)).toBe("Total");
    const byName = new Map(summary.scenario.model.services.map((s) => [s.name ?? s.id, s.kind]));
    const kinds = names.slice(0, -1).map((n) => byName.get(n));
    // Kinds come in blocks: once a kind is left it does not return.
    const seen = kinds.filter((k, i) => i === 0 || k !== kinds[i - 1]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(kinds[0]).toBe("ward");
  });

  it("lists the sources written in the model file in the assumptions", () => {
    const summary = runSummary();
    summary.scenario.model_sources = { "services.crisis_houses": "Campbell Tickell." };
    const md = renderMarkdown(runDocument(summary, [], ""));
    expect(md).toContain("Sources written in the model file");
    expect(md).toContain("| Services › Crisis houses | Campbell Tickell. |");
    expect(texts(runDocument(runSummary(), [], ""), "Assumptions").join(" ")).not.toContain(
      "cites no sources",
    );
  });
});

describe("notes under the KPI table", () => {
  it("explains a peak of 100.0% beside no day with every bed full", () => {
    const summary = runSummary();
    summary.kpis.peak_local_occupancy = { ...summary.kpis.mean_local_occupancy, mean: 0.9996 };
    summary.kpis.days_full = { ...summary.kpis.days_above_85pct, mean: 0, ci95: [0, 0] };
    const md = renderMarkdown(runDocument(summary, [], ""));
    expect(md).toContain("Peak daily occupancy of 100.0% beside 0 days with every bed full");
    delete summary.kpis.days_full;
    expect(renderMarkdown(runDocument(summary, [], ""))).not.toContain("is not a contradiction");
  });

  it("says whether --precision met its target and which measure needed most runs", () => {
    const summary = runSummary();
    const precision = { target_pct: 5, worst_kpi: "oap_bed_days", max_replications: 500 };
    summary.precision = { ...precision, met: true, worst_pct: 4.2 };
    expect(renderMarkdown(runDocument(summary, [], ""))).toContain(
      "Precision target met: with 30 replications every measure checked has a 95% interval within ±5.0% of its mean; out-of-area bed-days needed the most replications (±4.2%).",
    );
    summary.precision = { ...precision, met: false, worst_pct: 6.1 };
    expect(renderMarkdown(runDocument(summary, [], ""))).toContain(
      "Precision target not met: after 30 replications",
    );
  });
});

describe("cost rows of the KPI tables", () => {
  it("come by kind of service, the largest first, in the terminal table too", async () => {
    const { runTable } = await import("../../src/report/run-table.js");
    const summary = runSummary();
    const table = runTable({
      ...summary,
      scenario: { ...summary.scenario, title: "t", reinvestments: [] },
    });
    const costLines = table.split("\n").filter((l) => l.trim().startsWith("Cost: "));
    const byName = new Map(summary.scenario.model.services.map((s) => [s.name ?? s.id, s]));
    const services = costLines.map((l) => byName.get(/Cost: (.+?)\s{2,}/.exec(l)?.[1] ?? ""));
    expect(services.every(Boolean)).toBe(true);
    const kinds = services.map((s) => s?.kind);
    const blocks = kinds.filter((k, i) => i === 0 || k !== kinds[i - 1]);
    expect(new Set(blocks).size).toBe(blocks.length);
    expect(kinds[0]).toBe("ward");
    const wards = services
      .filter((s) => s?.kind === "ward")
      .map((s) => summary.kpis[`cost.${s?.id}`].mean);
    expect(wards).toEqual([...wards].sort((a, b) => b - a));
  });
});
