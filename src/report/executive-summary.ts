/**
 * The executive summary that opens every report: three to five findings in sentences with
 * their intervals, one chart, and what the plan costs (or saves) in each NHS financial year.
 * A board paper's first page; everything in it is repeated, with detail, further on.
 */

import { type Block, chartBlock, heading, list, paragraph, type Section, table } from "./blocks.js";
import type { CompareInput, RunSummaryInput, SweepInput } from "./charts/data.js";
import { isPartYear } from "./charts/data.js";
import { includesZero } from "./charts/differences.js";
import { formatDifference, formatDifferenceInterval, formatInterval } from "./charts/labels.js";
import type { RenderedChart } from "./charts/render.js";
import { pointLabel, runFindings, scenarioFindings, sweepFindings } from "./findings.js";
import { formatValue } from "./format.js";

export const EXECUTIVE_SUMMARY = "Executive summary";
const MAX_FINDINGS = 5;

/** The chart a reader should see first, by preference; else the report's first chart. */
function leadChart(charts: RenderedChart[], preferred: string[]): Block[] {
  const chart = preferred.map((n) => charts.find((c) => c.name === n)).find(Boolean) ?? charts[0];
  return chart ? [chartBlock(chart)] : [];
}

const yearHeading = (y: { year: string; days?: number }) =>
  isPartYear(y) ? `${y.year} (part year: ${y.days} days)` : y.year;

export function runExecutiveSummary(summary: RunSummaryInput, charts: RenderedChart[]): Section {
  const all = runFindings(summary);
  // The cost sentence is replaced by the table of cost by year below.
  const findings = all.filter((f) => !f.startsWith("The modelled cost")).slice(0, MAX_FINDINGS);
  const blocks: Block[] = [list(findings), ...leadChart(charts, ["out-of-area-over-time"])];
  const years = summary.by_financial_year.filter((y) => y.kpis.total_cost);
  if (years.length > 0)
    blocks.push(
      heading("What the system costs in each financial year"),
      table(
        {
          header: ["Financial year", "Total cost (mean)", "95% CI"],
          numeric: [false, true, true],
          rows: years.map((y) => [
            yearHeading(y),
            formatValue("total_cost", y.kpis.total_cost.mean),
            formatInterval("total_cost", y.kpis.total_cost.ci95).replace(/^95% CI /, ""),
          ]),
        },
        years.some(isPartYear)
          ? "A part year's cost covers only its days in the results period."
          : undefined,
      ),
    );
  return { title: EXECUTIVE_SUMMARY, blocks };
}

/** "saves £1.20m (95% CI …)" or "costs £0.40m more", or no clear difference. */
function costWords(d: { mean: number; ci95: readonly [number, number] }): string {
  // Before a plan's first change its people and costs are the baseline's exactly.
  if (Math.abs(d.ci95[0]) < 0.5 && Math.abs(d.ci95[1]) < 0.5) return "the same as the baseline";
  const interval = formatDifferenceInterval("total_cost", d.ci95).replace(/^95% CI /, "");
  if (includesZero(d.ci95)) return `no clear difference (${interval})`;
  const size = formatValue("total_cost", Math.abs(d.mean));
  return d.mean < 0 ? `saves ${size} (${interval})` : `costs ${size} more (${interval})`;
}

export function compareExecutiveSummary(compare: CompareInput, charts: RenderedChart[]): Section {
  // Each scenario's lead finding first, so every plan is seen, then their next ones in
  // turn; five in all, or one a scenario when there are more than five.
  const each = compare.scenarios.map((_, i) => scenarioFindings(compare, i));
  const findings: string[] = [];
  const limit = Math.max(MAX_FINDINGS, each.length);
  for (let rank = 0; findings.length < limit && each.some((f) => f.length > rank); rank++)
    for (const f of each) if (f[rank] && findings.length < limit) findings.push(f[rank]);
  const blocks: Block[] = [list(findings), ...leadChart(charts, ["differences"])];
  const years = compare.baseline.by_financial_year.filter((y) => y.kpis.total_cost);
  const byYear = (s: CompareInput["scenarios"][number], year: string) =>
    (s.differences_by_financial_year ?? []).find((y) => y.year === year)?.differences.total_cost;
  if (years.length > 0 && compare.scenarios.some((s) => byYear(s, years[0].year)))
    blocks.push(
      heading("What each plan costs or saves in each financial year, against the baseline"),
      table(
        {
          header: [
            "Financial year",
            "Baseline cost",
            ...compare.scenarios.map((s) => s.summary.scenario.title ?? s.summary.scenario.name),
          ],
          numeric: [false, true, ...compare.scenarios.map(() => true)],
          rows: years.map((y) => [
            yearHeading(y),
            formatValue("total_cost", y.kpis.total_cost.mean),
            ...compare.scenarios.map((s) => {
              const d = byYear(s, y.year);
              return d ? costWords(d) : "–";
            }),
          ]),
        },
        "Paired differences in total cost (mean and 95% CI); a negative difference is a saving.",
      ),
    );
  if (compare.scenarios.length > 1 && compare.scenarios.some((s) => s.differences.total_cost))
    blocks.push(
      paragraph(
        `On average a year: ${compare.scenarios
          .filter((s) => s.differences.total_cost)
          .map(
            (s) =>
              `“${s.summary.scenario.title ?? s.summary.scenario.name}” ${formatDifference("total_cost", s.differences.total_cost.mean)}`,
          )
          .join("; ")} against the baseline.`,
      ),
    );
  return { title: EXECUTIVE_SUMMARY, blocks };
}

export function sweepExecutiveSummary(sweep: SweepInput, charts: RenderedChart[]): Section {
  const blocks: Block[] = [
    list(sweepFindings(sweep).slice(0, MAX_FINDINGS)),
    ...leadChart(charts, []),
  ];
  const costed = sweep.points.filter((p) => p.kpis.total_cost);
  if (costed.length > 0)
    blocks.push(
      heading("What each value tried costs a year"),
      table(
        {
          header: ["Value tried", "Total cost a year (mean)", "95% CI"],
          numeric: [false, true, true],
          rows: costed.map((p) => [
            pointLabel(sweep, p),
            formatValue("total_cost", p.kpis.total_cost.mean),
            formatInterval("total_cost", p.kpis.total_cost.ci95).replace(/^95% CI /, ""),
          ]),
        },
        "A sweep reports yearly averages over the results period, not each financial year.",
      ),
    );
  return { title: EXECUTIVE_SUMMARY, blocks };
}
