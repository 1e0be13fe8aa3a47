/** The CSVs of a run: per replication, per month, per financial year (long and wide). */

import type { RunSummaryFile } from "../results/run-summary.js";
import type { KpiColumns } from "../stats/paired-differences.js";
import { isPartYear } from "./charts/data.js";
import { costRows, costYears } from "./cost-rows.js";
import { csvColumn, csvValue, toCsv } from "./csv.js";
import { displayUnit } from "./format.js";
import { monthlyCsvValue, monthlySeries } from "./monthly-series.js";

/** replications.csv: one row per replication, one column per KPI (shares in %). */
export function replicationsCsv(kpis: KpiColumns): string {
  const { names, column } = kpis;
  const columns = names.map((n) => column(n) ?? []);
  return toCsv(
    ["replication", ...names.map(csvColumn)],
    Array.from({ length: kpis.length }, (_, i) => [
      i,
      ...names.map((n, k) => csvValue(n, columns[k][i])),
    ]),
  );
}

/** monthly.csv: each monthly series with its mean and P10/P50/P90 band (occupancy in %). */
export function monthlyCsv(results: Pick<RunSummaryFile, "monthly">): string {
  const names = Object.keys(results.monthly.series);
  const column = (n: string) => (monthlySeries(n).share ? `${n}_pct` : n);
  const header = [
    "month",
    ...names.flatMap((n) => ["mean", "p10", "p50", "p90"].map((s) => `${column(n)}_${s}`)),
  ];
  const rows = results.monthly.months.map((month, m) => [
    month,
    ...names.flatMap((n) => {
      const s = results.monthly.series[n];
      return [s.mean[m], s.p10[m], s.p50[m], s.p90[m]].map((v) => monthlyCsvValue(n, v));
    }),
  ]);
  return toCsv(header, rows);
}

/** financial-years.csv: every KPI per NHS financial year, one row each (mean, 95% CI, bands). */
export function financialYearsCsv(results: Pick<RunSummaryFile, "by_financial_year">): string {
  const rows = results.by_financial_year.flatMap((y) =>
    Object.entries(y.kpis).map(([name, k]) => [
      y.year,
      y.days ?? "",
      name,
      ...[k.mean, k.ci95[0], k.ci95[1], k.p10, k.p50, k.p90].map((v) => csvValue(name, v)),
      displayUnit(name),
    ]),
  );
  return toCsv(
    [
      "financial_year",
      "days_in_results",
      "kpi",
      "mean",
      "ci95_low",
      "ci95_high",
      "p10",
      "p50",
      "p90",
      "unit",
    ],
    rows,
  );
}

/**
 * cost-by-year.csv: what finance pivots by hand otherwise: one row per service (in cost
 * order, total last), one column per financial year, £ means rounded to the pound; part years
 * are marked in their heading.
 */
export function costByYearCsv(
  results: Pick<RunSummaryFile, "cost" | "scenario" | "by_financial_year">,
): string | undefined {
  const years = costYears(results);
  if (years.length === 0) return undefined;
  const heading = (year: string) => {
    const row = results.by_financial_year.find((y) => y.year === year);
    return row && isPartYear(row) ? `${year} (part year: ${row.days} days)` : year;
  };
  return toCsv(
    ["service", "service_id", ...years.map(heading)],
    costRows(results).map((row) => [
      row.name,
      row.id,
      ...years.map((y) => {
        const v = row.years.get(y);
        return v ? csvValue("total_cost", v.mean) : "";
      }),
    ]),
  );
}
