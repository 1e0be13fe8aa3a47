/**
 * The board-paper outputs of a run, a comparison or a sweep: charts (PNG and SVG),
 * report.html and report.md, returned as file name → contents. Nothing is written here: the
 * caller writes the files (atomically, into its run folder), creating `charts/` first.
 */

import { byWardChart } from "./charts/by-ward.js";
import { compareByYearChart } from "./charts/compare-by-year.js";
import { costByServiceChart } from "./charts/cost-by-service.js";
import type { CompareInput, RunSummaryInput, SweepInput } from "./charts/data.js";
import { delayedDischargesChart } from "./charts/delayed-discharges.js";
import { differencesChart } from "./charts/differences.js";
import { type Provenance, provenanceLine, runProvenance } from "./charts/labels.js";
import { occupancyChart } from "./charts/occupancy.js";
import { outOfAreaByYearChart } from "./charts/out-of-area-by-year.js";
import { outOfAreaOverTimeChart } from "./charts/out-of-area-over-time.js";
import { type ChartSpec, type RenderedChart, renderChart } from "./charts/render.js";
import { sweepCharts } from "./charts/sweep.js";
import {
  compareDocument,
  type ReportDocument,
  runDocument,
  sweepDocument,
} from "./report-document.js";
import { renderHtml } from "./report-html.js";
import { renderMarkdown } from "./report-md.js";

/** Relative file name ("report.html", "charts/occupancy.png") → contents. */
export type ReportFiles = Record<string, Buffer | string>;

/** The charts of a run report, in report order; charts without data are left out. */
export function runCharts(summary: RunSummaryInput): ChartSpec[] {
  return [
    occupancyChart(summary),
    outOfAreaOverTimeChart(summary),
    outOfAreaByYearChart(summary),
    delayedDischargesChart(summary),
    byWardChart(summary),
    costByServiceChart(summary),
  ].filter((c): c is ChartSpec => c !== undefined);
}

export function compareCharts(compare: CompareInput): ChartSpec[] {
  return [differencesChart(compare), compareByYearChart(compare)].filter(
    (c): c is ChartSpec => c !== undefined,
  );
}

export function compareProvenance(compare: CompareInput): Provenance {
  return {
    version: compare.version,
    scenario: `${compare.baseline.scenario.name} vs ${compare.scenarios.map((s) => s.summary.scenario.name).join(", ")}`,
    seed: compare.seed,
    replications: compare.replications,
    runAt: compare.baseline.manifest?.run_at,
  };
}

export function sweepProvenance(sweep: SweepInput): Provenance {
  return {
    version: sweep.version,
    scenario: sweep.scenario.name,
    seed: sweep.seed,
    replications: sweep.replications,
    runAt: sweep.manifest?.run_at ?? sweep.run_at,
  };
}

function files(
  specs: ChartSpec[],
  provenance: Provenance,
  document: (charts: RenderedChart[], footer: string) => ReportDocument,
): ReportFiles {
  const footer = provenanceLine(provenance);
  const charts = specs.map((spec) => renderChart(spec, footer));
  const doc = document(charts, footer);
  const out: ReportFiles = {};
  for (const chart of charts) {
    out[`charts/${chart.name}.png`] = chart.png;
    out[`charts/${chart.name}.svg`] = chart.svg;
  }
  out["report.html"] = renderHtml(doc);
  out["report.md"] = renderMarkdown(doc);
  return out;
}

/** Charts and report for one run (its summary.json). */
export function renderRunReport(summary: RunSummaryInput): ReportFiles {
  return files(runCharts(summary), runProvenance(summary), (charts, footer) =>
    runDocument(summary, charts, footer),
  );
}

/** Charts and report for a comparison (compare.json). */
export function renderCompareReport(compare: CompareInput): ReportFiles {
  return files(compareCharts(compare), compareProvenance(compare), (charts, footer) =>
    compareDocument(compare, charts, footer),
  );
}

/** Charts and report for a sweep or right-size search (sweep.json). */
export function renderSweepReport(sweep: SweepInput): ReportFiles {
  return files(sweepCharts(sweep), sweepProvenance(sweep), (charts, footer) =>
    sweepDocument(sweep, charts, footer),
  );
}
