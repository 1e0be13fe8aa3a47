/**
 * results.xlsx of a comparison: Summary (each KPI's mean under the baseline and under every
 * scenario), Differences (paired, with 95% intervals, for the whole run and each financial
 * year), then the baseline's Assumptions and the Method.
 */
import { kpiDefinition } from "../model/kpi-definitions.js";
import type { CompareInput } from "./charts/data.js";
import { includesZero } from "./charts/differences.js";
import { kpiLabel } from "./describe-scenario.js";
import { differenceUnit, displayUnit } from "./format.js";
import { orderedKpis } from "./run-table.js";
import { stressDesChecklist } from "./stress-des.js";
import { compareContext, runChecklistFacts } from "./stress-des-section.js";
import { assumptionsSheet, methodSheet, runSettings } from "./xlsx-run.js";
import { addSheet, kpiFormat, newWorkbook, workbookBytes } from "./xlsx-sheets.js";

const titleOf = (s: { title?: string; name: string }) => s.title ?? s.name;

export async function compareWorkbook(
  compare: CompareInput,
  provenance: string,
): Promise<Uint8Array> {
  const runAt = compare.baseline.manifest?.run_at;
  const workbook = newWorkbook(runAt);
  const model = compare.baseline.scenario.model;
  const names = orderedKpis(Object.keys(compare.baseline.kpis));

  const summary = addSheet(
    workbook,
    "Summary",
    [
      { header: "Measure", width: 44 },
      { header: `Baseline: ${titleOf(compare.baseline.scenario)}`, width: 20 },
      ...compare.scenarios.map((s) => ({ header: titleOf(s.summary.scenario), width: 20 })),
      { header: "Unit", width: 22 },
      { header: "KPI", width: 30 },
    ],
    "Means per year: the baseline and each scenario",
    provenance,
  );
  for (const name of names) {
    const values = [
      compare.baseline.kpis[name]?.mean,
      ...compare.scenarios.map((s) => s.summary.kpis[name]?.mean),
    ];
    const row = summary.row(
      [kpiLabel(name, model), ...values, displayUnit(name), name],
      [undefined, ...values.map((v) => kpiFormat(name, v ?? 0))],
    );
    if (kpiDefinition(name).headline) row.font = { bold: true };
  }

  const differences = addSheet(
    workbook,
    "Differences",
    [
      { header: "Scenario", width: 30 },
      { header: "Period", width: 20 },
      { header: "Measure", width: 44 },
      { header: "Difference (scenario − baseline)", width: 18 },
      { header: "95% CI low", width: 14 },
      { header: "95% CI high", width: 14 },
      { header: "Clear difference?", width: 12 },
      { header: "Unit", width: 22 },
      { header: "KPI", width: 30 },
    ],
    "Paired differences from the baseline, replication by replication",
    "Each scenario meets the same people as the baseline (common random numbers); where the 95% interval includes zero there is no clear difference. Differences in shares are in percentage points.",
  );
  for (const s of compare.scenarios) {
    const periods = [
      { period: "All years (per year)", values: s.differences },
      ...(s.differences_by_financial_year ?? []).map((y) => ({
        period: y.year,
        values: y.differences,
      })),
    ];
    for (const { period, values } of periods)
      for (const name of orderedKpis(Object.keys(values))) {
        const d = values[name];
        const format = kpiFormat(name, d.mean);
        differences.row(
          [
            titleOf(s.summary.scenario),
            period,
            kpiLabel(name, model),
            d.mean,
            d.ci95[0],
            d.ci95[1],
            includesZero(d.ci95) ? "no" : "yes",
            differenceUnit(name),
            name,
          ],
          [undefined, undefined, undefined, format, format, format],
        );
      }
  }

  assumptionsSheet(workbook, compare.baseline.scenario);
  methodSheet(
    workbook,
    stressDesChecklist(runChecklistFacts(compare.baseline), compareContext(compare)),
    [
      ...runSettings(compare.baseline),
      ...compare.scenarios.map((s, i): [string, string] => [
        `Scenario ${i + 1}`,
        `${s.name} (${s.summary.scenario.file ?? ""})`,
      ]),
    ],
    compare.baseline.manifest,
  );
  return workbookBytes(workbook, runAt);
}
