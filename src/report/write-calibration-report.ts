/**
 * The calibration report's files: calibration charts (PNG and SVG), report.html and
 * report.md, as file name → contents, for the caller to write atomically with
 * calibration.json. A chart is one file in charts/ and one line in `calibrationCharts`.
 */
import type { CalibrationFile } from "../results/calibration.js";
import { calibrationDocument, calibrationProvenance } from "./calibration-document.js";
import { arrivalsFitChart } from "./charts/arrivals-fit.js";
import { type ChartSpec, renderChart } from "./charts/render.js";
import { staySurvivalChart } from "./charts/stay-survival.js";
import { renderHtml } from "./report-html.js";
import { renderMarkdown } from "./report-md.js";
import type { ReportFiles } from "./write-report.js";

export function calibrationCharts(file: CalibrationFile): ChartSpec[] {
  return [...file.stays.map(staySurvivalChart), arrivalsFitChart(file)].filter(
    (c): c is ChartSpec => c !== undefined,
  );
}

export function renderCalibrationReport(file: CalibrationFile): ReportFiles {
  const footer = calibrationProvenance(file);
  const charts = calibrationCharts(file).map((spec) => renderChart(spec, footer));
  const out: ReportFiles = {};
  for (const chart of charts) {
    out[`charts/${chart.name}.png`] = chart.png;
    out[`charts/${chart.name}.svg`] = chart.svg;
  }
  const doc = calibrationDocument(file, charts, footer);
  out["report.html"] = renderHtml(doc);
  out["report.md"] = renderMarkdown(doc);
  return out;
}
