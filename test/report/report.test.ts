import { describe, expect, it } from "vitest";
import type { ModelInput } from "../../src/report/charts/data.js";
import {
  describeChange,
  describeDistribution,
  describeReinvestment,
} from "../../src/report/describe-scenario.js";
import { escapeMarkdown } from "../../src/report/report-md.js";
import {
  renderCompareReport,
  renderRunReport,
  renderSweepReport,
  runCharts,
} from "../../src/report/write-report.js";
import { comparison, runSummary, sweep } from "./load-fixtures.js";

const chartNames = (files: Record<string, unknown>) =>
  Object.keys(files)
    .filter((f) => f.startsWith("charts/") && f.endsWith(".png"))
    .map((f) => f.slice("charts/".length, -".png".length));

function expectSelfContained(html: string) {
  // No network: no http(s) URL anywhere (in src, href, url(), @import), no scripts.
  expect(html).not.toMatch(/https?:\/\//);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link/i);
  expect(html).not.toMatch(/@import/);
  for (const [, src] of html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g))
    expect(src.startsWith("data:image/png;base64,")).toBe(true);
}

const runReport = { summary: runSummary() };
const runReportFiles = await renderRunReport(runReport.summary);
const compareReportFiles = await renderCompareReport(comparison());

describe("run report", () => {
  const { summary } = runReport;
  const files = runReportFiles;
  const html = files["report.html"] as string;
  const md = files["report.md"] as string;
  const names = chartNames(files);

  it("returns a PNG and an SVG for every chart, and the three reports", () => {
    expect(names).toEqual(runCharts(summary).map((c) => c.name));
    for (const name of names) {
      expect(Buffer.isBuffer(files[`charts/${name}.png`])).toBe(true);
      expect(typeof files[`charts/${name}.svg`]).toBe("string");
    }
    expect(Buffer.isBuffer(files["report.docx"])).toBe(true);
    expect(Object.keys(files)).toHaveLength(names.length * 2 + 3);
  });

  it("links every chart from report.md by relative path", () => {
    for (const name of names) expect(md).toContain(`](charts/${name}.png)`);
  });

  it("inlines every chart in report.html and loads nothing from the network", () => {
    expectSelfContained(html);
    expect(html.match(/<img /g)).toHaveLength(names.length);
  });

  it("has the title, findings, KPI table, assumptions, method and manifest", () => {
    for (const text of [summary.scenario.title ?? "", "Key findings", "Assumptions", "Method"])
      expect(md).toContain(text);
    expect(md).toContain("| Measure | Mean | 95% CI | P10 | P90 | Unit |");
    expect(md).toContain("| **Out-of-area admissions** |");
    for (const file of summary.manifest?.files ?? []) {
      expect(md).toContain(file.sha256);
      expect(html).toContain(file.sha256);
    }
    expect(md).toContain(`seed ${summary.seed}`);
    expect(md).toContain("Working-age men (18-64)");
    expect(md).toContain("This scenario makes no changes");
  });
});

describe("comparison report", () => {
  const files = compareReportFiles;
  const md = files["report.md"] as string;

  it("has both charts, linked and inlined, and nothing from the network", () => {
    const names = chartNames(files);
    expect(names).toEqual(["differences", "compare-by-year"]);
    for (const name of names) expect(md).toContain(`](charts/${name}.png)`);
    expectSelfContained(files["report.html"] as string);
  });

  it("lists each scenario's changes in plain English, and explains paired differences", () => {
    expect(md).toContain(
      "From 1 April 2027, close 10 beds on oakwood_ward (Oakwood (men)) — Oakwood reduces from 30 to 20 beds.",
    );
    expect(md).toContain("add 20 places to supported_housing (Supported housing)");
    expect(md).toContain("common random numbers");
    expect(md).toContain("paired");
  });
});

describe("sweep report", () => {
  it("has a chart per KPI, the table of values tried and the answer", async () => {
    const s = sweep();
    const files = await renderSweepReport(s);
    const md = files["report.md"] as string;
    for (const name of chartNames(files)) expect(md).toContain(`](charts/${name}.png)`);
    expect(chartNames(files)).toHaveLength(2);
    expect(md).toContain("yes (answer)");
    expect(md.match(/^\| \d+ \|/gm)).toHaveLength(s.points.length);
    expectSelfContained(files["report.html"] as string);
  });
});

describe("plain English", () => {
  const model = runSummary().scenario.model as ModelInput;

  it("describes changes", () => {
    expect(
      describeChange({ date: "2027-04-01", service: "oakwood_ward", close_beds: 10 }, model),
    ).toBe("From 1 April 2027, close 10 beds on oakwood_ward (Oakwood (men)).");
    expect(
      describeChange(
        { date: "2026-10-01", cohort: "working_age_men", crisis_house_instead_of_admission: 0.15 },
        model,
      ),
    ).toBe(
      "From 1 October 2026, offer a crisis house instead of admission to 15% of people for Working-age men (18-64).",
    );
    expect(describeChange({ scale_delays: 0.5 }, model)).toBe(
      "From the start, scale discharge delays to 50% of their level.",
    );
  });

  it("describes a reinvestment", () => {
    expect(
      describeReinvestment(
        {
          date: "2027-04-01",
          share_reinvested: 0.8,
          released_per_year: 1_200_000,
          reinvested_per_year: 960_000,
          bought: [
            {
              service: "crisis_houses",
              capacity: 4,
              unit_cost_per_year: 150_000,
              cost_per_year: 600_000,
            },
            {
              service: "community_rehab",
              capacity: 20,
              unit_cost_per_year: 18_000,
              cost_per_year: 360_000,
            },
          ],
          unspent_per_year: 0,
        },
        model,
      ),
    ).toBe(
      "From 1 April 2027, closing beds releases £1.20m a year; 80% (£960k a year) is reinvested, buying 4 beds in crisis_houses (Crisis houses) at £150k a bed a year (£600k) and 20 places in community_rehab (Community rehabilitation team) at £18k a place a year (£360k).",
    );
  });

  it("describes distributions", () => {
    expect(describeDistribution(model.pathway.length_of_stay)).toBe(
      "mixture of 58% lognormal, mean 12 days, sd 9 days and 42% lognormal, mean 69 days, sd 50 days",
    );
    expect(describeDistribution({ distribution: "triangular", min: 7, mode: 18, max: 35 })).toBe(
      "triangular, 7 to 35 days, most often 18",
    );
  });

  it("escapes Markdown without mangling ids", () => {
    expect(escapeMarkdown("oakwood_ward *x* [y] _z_")).toBe("oakwood_ward \\*x\\* \\[y\\] \\_z\\_");
  });
});

describe("sparse inputs", () => {
  it("renders a run with no costs, no monthly series and no manifest", async () => {
    const summary = runSummary();
    delete summary.cost;
    delete summary.manifest;
    summary.monthly = { months: [], series: {} };
    for (const name of Object.keys(summary.kpis))
      if (name === "total_cost" || name.startsWith("cost.")) delete summary.kpis[name];
    const files = await renderRunReport(summary);
    expect(chartNames(files)).toEqual(["out-of-area-by-year", "delayed-discharges"]);
    expect(files["report.md"]).toContain("## Key findings");
    expect(files["report.md"]).not.toContain("modelled cost");
  });

  it("renders a comparison without yearly differences", async () => {
    const compare = comparison();
    for (const s of compare.scenarios) delete s.differences_by_financial_year;
    const md = (await renderCompareReport(compare))["report.md"] as string;
    expect(md).toContain("## Key findings");
    expect(md).not.toContain("the last year modelled");
  });
});
