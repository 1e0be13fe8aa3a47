/**
 * The back-test report: does the model, started from the census on a date, reproduce what
 * happened after it? The validation section of a model's evidence, built from backtest.json.
 */
import type { BacktestFile } from "../results/backtest.js";
import { backtestChart } from "./charts/backtest.js";
import { longDate, monthLabel, provenanceLine } from "./charts/labels.js";
import { type RenderedChart, renderChart } from "./charts/render.js";
import { documentFiles, type ReportFiles } from "./document-files.js";
import type { ReportDocument } from "./report-document.js";

/** Inside-band shares this far from 80% or more are called out (about 2 standard errors on 24 months). */
const CLOSE_TO_EIGHTY = 0.15;

export function backtestReport(backtest: BacktestFile): ReportFiles {
  const footer = provenanceLine({
    version: backtest.version,
    scenario: backtest.scenario.name,
    seed: backtest.seed,
    replications: backtest.replications,
    runAt: backtest.run_at,
  });
  const names = Object.keys(backtest.measures);
  const charts = names.map((name) => renderChart(backtestChart(backtest, name), footer));
  return documentFiles(charts, backtestDocument(backtest, charts, footer));
}

function verdict(inside: number): string {
  if (inside < 0.8 - CLOSE_TO_EIGHTY) return "fewer months inside than a fitting model gives";
  if (inside > 0.8 + CLOSE_TO_EIGHTY)
    return "more months inside than expected: the band may be too wide";
  return "about what a fitting model gives";
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** One sentence a measure: months inside the band and the typical error, with a verdict. */
export function backtestFindings(backtest: BacktestFile): string[] {
  return Object.values(backtest.measures).map(
    (m) =>
      `${m.label}: ${pct(m.inside)} of ${backtest.months.length} months inside the simulated P10–P90 band (${verdict(m.inside)})${m.mape === null ? "" : `; the simulated median is ${pct(m.mape)} from the observed value in an average month`}.`,
  );
}

export function backtestDocument(
  backtest: BacktestFile,
  charts: RenderedChart[],
  provenance: string,
): ReportDocument {
  const names = Object.keys(backtest.measures);
  const findings = backtestFindings(backtest);
  return {
    title: `Back-test: ${backtest.scenario.title ?? backtest.scenario.name}`,
    subtitle: `${longDate(backtest.from)} to ${longDate(backtest.to)}, against ${backtest.observed.file}`,
    provenance,
    sections: [
      {
        title: "Does the model reproduce the period?",
        blocks: [
          {
            kind: "paragraph",
            text: `The model was started from the people in hospital on ${longDate(backtest.from)} as the extract shows them (${backtest.census.local} on local wards, ${backtest.census.out_of_area} out of area, ${backtest.census.delayed} of them delayed), then simulated ${backtest.replications} times to ${longDate(backtest.to)}. Each month's observed figure is set against the band that 80% of simulated months fall in: if the model is right, about 80% of observed months land inside it, and a long run outside it in one direction shows a bias.`,
          },
          { kind: "list", items: findings },
          {
            kind: "table",
            caption: "Summary by measure",
            table: {
              header: ["Measure", "Months inside P10–P90", "Mean absolute % error of the median"],
              rows: names.map((name) => {
                const m = backtest.measures[name];
                return [m.label, pct(m.inside), m.mape === null ? "–" : pct(m.mape)];
              }),
              numeric: [false, true, true],
            },
          },
        ],
      },
      ...names.map((name, i) => ({
        title: backtest.measures[name].label,
        blocks: [
          { kind: "chart" as const, chart: charts[i] },
          {
            kind: "table" as const,
            caption: `${backtest.measures[name].label} by month (${backtest.measures[name].unit})`,
            table: {
              header: ["Month", "Observed", "Simulated P10", "Median", "P90", "Inside"],
              rows: backtest.months.map((month, j) => {
                const m = backtest.measures[name];
                const f = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(1));
                const inside = m.observed[j] >= m.p10[j] && m.observed[j] <= m.p90[j];
                return [
                  monthLabel(month),
                  f(m.observed[j]),
                  f(m.p10[j]),
                  f(m.p50[j]),
                  f(m.p90[j]),
                  inside ? "yes" : "no",
                ];
              }),
              numeric: [false, true, true, true, true, false],
            },
          },
        ],
      })),
      {
        title: "How the back-test was made",
        blocks: [
          {
            kind: "list",
            items: [
              `Observed: ${backtest.observed.spells.toLocaleString("en-GB")} spells in ${backtest.observed.file} (extract date ${longDate(backtest.observed.extract_date)}).`,
              `Simulated: ${backtest.scenario.file}, run from ${longDate(backtest.from)} with no warm-up, seed ${backtest.seed}, ${backtest.replications} replications. Each replication's stays are turned into hospital spells and counted by the same code as the extract, so both sides are measured alike.`,
              ...backtest.notes,
            ],
          },
        ],
      },
    ],
  };
}
