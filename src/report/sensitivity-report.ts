/**
 * The report of `bedsim sensitivity`: the inputs tried, a table and a tornado chart for each
 * KPI measured, and how it was done.
 */
import { kpiDefinition } from "../model/kpi-definitions.js";
import type { SensitivityFile } from "../results/sensitivity.js";
import {
  formatDifference,
  formatDifferenceInterval,
  formatNumber,
  provenanceLine,
} from "./charts/labels.js";
import { renderChart } from "./charts/render.js";
import { tornadoCharts } from "./charts/tornado.js";
import { documentFiles, type ReportFiles } from "./document-files.js";
import { formatValue } from "./format.js";
import type { ReportDocument } from "./report-document.js";

/** The ranked table for one KPI: each input's low and high values and the change each makes. */
export function sensitivityRows(result: SensitivityFile, kpi: string): string[][] {
  return [...result.inputs]
    .sort((a, b) => Math.abs(b.effects[kpi].swing) - Math.abs(a.effects[kpi].swing))
    .map((input, i) => {
      const e = input.effects[kpi];
      return [
        String(i + 1),
        input.label,
        `${input.factor ? "×" : ""}${formatNumber(input.low, Number.isInteger(input.low) ? 0 : 2)} – ${input.factor ? "×" : ""}${formatNumber(input.high, Number.isInteger(input.high) ? 0 : 2)}`,
        `${formatDifference(kpi, e.low.mean)} (${formatDifferenceInterval(kpi, e.low.ci95).replace(/^95% CI /, "")})`,
        `${formatDifference(kpi, e.high.mean)} (${formatDifferenceInterval(kpi, e.high.ci95).replace(/^95% CI /, "")})`,
        formatDifference(kpi, e.swing),
      ];
    });
}

export const SENSITIVITY_HEADER = ["Rank", "Input", "Low – high", "At low", "At high", "Swing"];

export function renderSensitivityReport(result: SensitivityFile): ReportFiles {
  const footer = provenanceLine({
    version: result.version,
    scenario: result.scenario.name,
    seed: result.seed,
    replications: result.replications,
    runAt: result.manifest?.run_at,
  });
  const charts = tornadoCharts(result).map((spec) => renderChart(spec, footer));
  const doc: ReportDocument = {
    title: `Sensitivity of ${result.scenario.title ?? result.scenario.name}`,
    subtitle: `Scenario: ${result.scenario.name} · ${result.inputs.length} inputs, each set low and high`,
    provenance: footer,
    sections: [
      {
        title: "What was tried",
        blocks: [
          {
            kind: "paragraph",
            text: `Each input was set to a low and a high value (by default ${Math.round(result.spread * 100)}% either side of the scenario's own value, whole beds rounded), one at a time, with everything else as the scenario. Every run used the same ${formatNumber(result.replications)} replications from seed ${result.seed}, so the same people arrive with the same needs in each, and each effect is a paired difference from the scenario with its 95% confidence interval.${result.overrides?.length ? ` Run with ${result.overrides.map((o) => `--set ${o}`).join(" ")}.` : ""}`,
          },
        ],
      },
      ...result.kpis_measured.map((kpi) => ({
        title: kpiDefinition(kpi).label,
        blocks: [
          {
            kind: "paragraph" as const,
            text: `In the scenario: ${formatValue(kpi, result.base[kpi]?.mean ?? 0)} (${kpiDefinition(kpi).unit}). Inputs ranked by how far they move it from low to high.`,
          },
          {
            kind: "table" as const,
            table: {
              header: SENSITIVITY_HEADER,
              numeric: [true, false, true, true, true, true],
              rows: sensitivityRows(result, kpi),
            },
            caption: "Changes from the scenario, with paired 95% confidence intervals.",
          },
          ...charts
            .filter((c) => c.name === `tornado-${kpi.replaceAll(".", "-").replaceAll("_", "-")}`)
            .map((chart) => ({ kind: "chart" as const, chart })),
        ],
      })),
    ],
  };
  return documentFiles(charts, doc);
}
