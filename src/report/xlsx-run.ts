/**
 * results.xlsx of a run: Summary (every KPI with its 95% interval), By financial year,
 * Monthly, Replications, Assumptions (every parameter with its source) and Method (the
 * STRESS-DES checklist and what reproduces the run). The sheets other workbooks share
 * (Assumptions, Method) are exported for them.
 */
import { kpiDefinition, kpiParts } from "../model/kpi-definitions.js";
import { assumptionRows } from "./assumptions.js";
import type { KpiSummary, ManifestInput, RunSummaryInput, ScenarioInput } from "./charts/data.js";
import { isPartYear } from "./charts/data.js";
import { costRows, costYears, inCostOrder } from "./cost-rows.js";
import { kpiLabel } from "./describe-scenario.js";
import { displayUnit } from "./format.js";
import { monthlySeries } from "./monthly-series.js";
import { orderedKpis } from "./run-table.js";
import type { ChecklistItem } from "./stress-des.js";
import { stressDesChecklist } from "./stress-des.js";
import { runChecklistFacts, runContext } from "./stress-des-section.js";
import {
  addSheet,
  FORMAT,
  kpiFormat,
  newWorkbook,
  type Workbook,
  workbookBytes,
} from "./xlsx-sheets.js";

/** One replication's KPI values, as replications.csv has them (unrounded here). */
export type ReplicationKpis = Record<string, number>[];

const STATS = ["mean", "ci95_low", "ci95_high", "p10", "p50", "p90"] as const;
const statValues = (k: KpiSummary) => [k.mean, k.ci95[0], k.ci95[1], k.p10, k.p50, k.p90];

function summarySheet(workbook: Workbook, summary: RunSummaryInput, title: string, note: string) {
  const sheet = addSheet(
    workbook,
    "Summary",
    [
      { header: "Measure", width: 44 },
      { header: "Mean", width: 14 },
      { header: "95% CI low", width: 14 },
      { header: "95% CI high", width: 14 },
      { header: "P10", width: 14 },
      { header: "P50", width: 14 },
      { header: "P90", width: 14 },
      { header: "Unit", width: 22 },
      { header: "What it means", width: 70 },
      { header: "KPI", width: 30 },
    ],
    title,
    note,
  );
  const model = summary.scenario.model;
  const names = inCostOrder(orderedKpis(Object.keys(summary.kpis)), summary.kpis, model.services);
  for (const name of names) {
    const k = summary.kpis[name];
    const format = kpiFormat(name, k.mean);
    const row = sheet.row(
      [
        kpiLabel(name, model),
        ...statValues(k),
        displayUnit(name),
        kpiDefinition(name).description,
        name,
      ],
      [undefined, ...STATS.map(() => format)],
    );
    if (kpiDefinition(name).headline) row.font = { bold: true };
  }
}

function byYearSheet(workbook: Workbook, summary: RunSummaryInput) {
  const years = summary.by_financial_year;
  if (years.length === 0) return;
  const heading = (y: (typeof years)[number]) =>
    isPartYear(y) ? `${y.year} (part year: ${y.days} days)` : y.year;
  const sheet = addSheet(
    workbook,
    "By financial year",
    [
      { header: "Measure or service", width: 44 },
      { header: "Unit", width: 22 },
      ...years.map((y) => ({ header: heading(y), width: isPartYear(y) ? 16 : 13 })),
      { header: "KPI", width: 30 },
    ],
    "Means by NHS financial year (April to March)",
    "A part year's figures cover only its days in the results period, not a whole year.",
  );
  const model = summary.scenario.model;
  const costs = costRows(summary);
  // Each service's cost is in the cost block below (in cost order), when the file has one.
  const shown = orderedKpis(Object.keys(years[0].kpis)).filter(
    (n) => costs.length === 0 || kpiParts(n)?.family !== "cost",
  );
  for (const name of shown) {
    const values = years.map((y) => y.kpis[name]?.mean);
    sheet.row(
      [kpiLabel(name, model), displayUnit(name), ...values, name],
      [undefined, undefined, ...values.map((v) => kpiFormat(name, v))],
    );
  }
  const costYear = costYears(summary);
  if (costs.length === 0) return;
  sheet.subheading("Cost by service (£ in the year)");
  for (const row of costs) {
    const r = sheet.row(
      [
        row.name,
        "£",
        ...years.map((y) => (costYear.includes(y.year) ? row.years.get(y.year)?.mean : undefined)),
        row.id === "total" ? "total_cost" : `cost.${row.id}`,
      ],
      [undefined, undefined, ...years.map(() => FORMAT.money)],
    );
    if (row.id === "total") r.font = { bold: true };
  }
}

/** "2025-04" → 1 April 2025 as a date (UTC midnight, which Excel reads as that day). */
function monthDate(month: string): Date {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

function monthlySheet(workbook: Workbook, summary: RunSummaryInput) {
  const { months, series } = summary.monthly;
  const names = Object.keys(series);
  if (months.length === 0 || names.length === 0) return;
  const sheet = addSheet(
    workbook,
    "Monthly",
    [
      { header: "Month", width: 12, format: FORMAT.month },
      ...names.flatMap((n) =>
        ["mean", "P10", "P50", "P90"].map((s) => ({
          header: `${monthlySeries(n).label}: ${s}${monthlySeries(n).unit ? ` (${monthlySeries(n).unit})` : ""}`,
          width: 16,
          format: monthlySeries(n).share ? FORMAT.percent : FORMAT.oneDecimal,
        })),
      ),
    ],
    "Monthly averages across replications, with the P10 to P90 band",
    "Each month's mean across replications, and the 10th, 50th and 90th percentiles: eight months in ten fall between P10 and P90.",
  );
  months.forEach((month, m) => {
    sheet.row([
      monthDate(month),
      ...names.flatMap((n) => {
        const s = series[n];
        return [s.mean[m], s.p10[m], s.p50[m], s.p90[m]];
      }),
    ]);
  });
}

function replicationsSheet(workbook: Workbook, summary: RunSummaryInput, rows: ReplicationKpis) {
  if (rows.length === 0) return;
  const names = Object.keys(rows[0]);
  const model = summary.scenario.model;
  const sheet = addSheet(
    workbook,
    "Replications",
    [
      { header: "Replication", width: 12, format: FORMAT.whole },
      ...names.map((n) => ({ header: `${kpiLabel(n, model)} (${displayUnit(n)})`, width: 18 })),
    ],
    "Every replication's results (per year over the results period)",
    `Replication 0 to ${rows.length - 1}, each from seed ${summary.seed}; KPI ids are in the Summary sheet.`,
  );
  rows.forEach((kpis, i) => {
    const values = names.map((n) => kpis[n]);
    sheet.row([i, ...values], [undefined, ...names.map((n, j) => kpiFormat(n, values[j]))]);
  });
}

export function assumptionsSheet(workbook: Workbook, scenario: ScenarioInput) {
  const sheet = addSheet(
    workbook,
    "Assumptions",
    [
      { header: "Parameter", width: 60 },
      { header: "Value", width: 14 },
      { header: "Source (as written in the model file)", width: 90 },
      { header: "Source written beside", width: 14 },
      { header: "Path in the model", width: 50 },
    ],
    `Every parameter of the model “${scenario.model.name}”, with its source`,
    scenario.model_sources
      ? "The source is the comment written beside the figure in the model file or, failing that, beside its section. Values are before the scenario's dated changes."
      : "This result file was written before sources were recorded: see the comments in the model file.",
  );
  for (const row of assumptionRows(scenario)) {
    const r = sheet.row(
      [row.parameter, row.value, row.source, row.sourceAt === "none" ? "" : row.sourceAt, row.key],
      [undefined, row.share ? FORMAT.percent : undefined],
    );
    r.getCell(3).alignment = { wrapText: true, vertical: "top" };
  }
}

/** Method: the STRESS-DES checklist, then what reproduces the run. */
export function methodSheet(
  workbook: Workbook,
  checklist: ChecklistItem[],
  settings: [string, string | number][],
  manifest?: ManifestInput,
) {
  const sheet = addSheet(
    workbook,
    "Method",
    [
      { header: "Section", width: 24 },
      { header: "Item", width: 28 },
      { header: "This study", width: 110 },
    ],
    "Method: the STRESS-DES checklist (Monks et al. 2019), answered from this run",
  );
  for (const item of checklist)
    sheet.row([item.section, item.item, item.answer]).getCell(3).alignment = {
      wrapText: true,
      vertical: "top",
    };
  sheet.subheading("Settings");
  for (const [name, value] of settings) sheet.row(["", name, value]);
  if (manifest && manifest.files.length > 0) {
    sheet.subheading("Input files and their SHA-256 hashes");
    for (const f of manifest.files) sheet.row(["", f.path, f.sha256]);
  }
}

export function runSettings(summary: RunSummaryInput): [string, string | number][] {
  const { scenario, manifest } = summary;
  const settings: [string, string | number][] = [
    ["Scenario", scenario.name],
    ["Title", scenario.title ?? scenario.name],
    ["Scenario file", scenario.file ?? ""],
    ["Model file", scenario.model_file ?? ""],
    ["Start", scenario.run.start],
    ["Years of results", scenario.run.years],
    ["Warm-up days", scenario.run.warm_up_days],
    ["Replications", summary.replications],
    ["Seed", summary.seed],
    ["bedsim version", manifest?.bedsim_version ?? summary.version],
  ];
  if (manifest?.node_version) settings.push(["Node.js", manifest.node_version]);
  if (manifest?.platform) settings.push(["Platform", manifest.platform]);
  if (manifest?.run_at) settings.push(["Run at (UTC)", manifest.run_at]);
  return settings;
}

/** results.xlsx for a run; `replications` (each replication's KPIs) fill its sheet when given. */
export async function runWorkbook(
  summary: RunSummaryInput,
  provenance: string,
  replications: ReplicationKpis = [],
): Promise<Uint8Array> {
  const workbook = newWorkbook(summary.manifest?.run_at);
  const title = summary.scenario.title ?? summary.scenario.name;
  summarySheet(workbook, summary, title, provenance);
  byYearSheet(workbook, summary);
  monthlySheet(workbook, summary);
  replicationsSheet(workbook, summary, replications);
  assumptionsSheet(workbook, summary.scenario);
  methodSheet(
    workbook,
    stressDesChecklist(runChecklistFacts(summary), runContext(summary)),
    runSettings(summary),
    summary.manifest,
  );
  return workbookBytes(workbook, summary.manifest?.run_at);
}
