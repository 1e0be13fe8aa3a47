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
import { documentFiles, type ReportFiles } from "./document-files.js";

export function calibrationCharts(file: CalibrationFile): ChartSpec[] {
  return [...file.stays.map(staySurvivalChart), arrivalsFitChart(file)].filter(
    (c): c is ChartSpec => c !== undefined,
  );
}

export function renderCalibrationReport(file: CalibrationFile): ReportFiles {
  const footer = calibrationProvenance(file);
  const charts = calibrationCharts(file).map((spec) => renderChart(spec, footer));
  return documentFiles(charts, calibrationDocument(file, charts, footer));
}
