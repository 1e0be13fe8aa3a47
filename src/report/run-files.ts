import type { ReplicationOutcome } from "../model/outcomes.js";
import type { RunSummaryFile } from "../results/run-summary.js";
import { toCsv } from "./csv.js";

/** replications.csv: one row per replication, one column per KPI. */
export function replicationsCsv(outcomes: ReplicationOutcome[]): string {
  const names = Object.keys(outcomes[0]?.kpis ?? {});
  return toCsv(
    ["replication", ...names],
    outcomes.map((o, i) => [i, ...names.map((n) => o.kpis[n])]),
  );
}

/** monthly.csv: each monthly series with its mean and P10/P50/P90 band across replications. */
export function monthlyCsv(results: Pick<RunSummaryFile, "monthly">): string {
  const names = Object.keys(results.monthly.series);
  const header = [
    "month",
    ...names.flatMap((n) => [`${n}_mean`, `${n}_p10`, `${n}_p50`, `${n}_p90`]),
  ];
  const rows = results.monthly.months.map((month, m) => [
    month,
    ...names.flatMap((n) => {
      const s = results.monthly.series[n];
      return [s.mean[m], s.p10[m], s.p50[m], s.p90[m]];
    }),
  ]);
  return toCsv(header, rows);
}

/** financial-years.csv: every KPI per NHS financial year (mean and 95% interval). */
export function financialYearsCsv(results: Pick<RunSummaryFile, "by_financial_year">): string {
  const rows = results.by_financial_year.flatMap(({ year, kpis }) =>
    Object.entries(kpis).map(([name, k]) => [
      year,
      name,
      k.mean,
      k.ci95[0],
      k.ci95[1],
      k.p10,
      k.p50,
      k.p90,
      k.unit,
    ]),
  );
  return toCsv(
    ["financial_year", "kpi", "mean", "ci95_low", "ci95_high", "p10", "p50", "p90", "unit"],
    rows,
  );
}
