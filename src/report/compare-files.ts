/** The CSV of a comparison: paired differences, rounded as the run's CSVs are. */
import type { CompareInput } from "./charts/data.js";
import { csvValue, toCsv } from "./csv.js";
import { differenceUnit } from "./format.js";

/** differences.csv: one row per scenario, period (whole run or financial year) and KPI. */
export function differencesCsv(result: CompareInput): string {
  const rows = result.scenarios.flatMap((s) => {
    const periods = [
      { period: "all years (per year)", differences: s.differences },
      ...(s.differences_by_financial_year ?? []).map((y) => ({
        period: y.year,
        differences: y.differences,
      })),
    ];
    return periods.flatMap(({ period, differences }) =>
      Object.entries(differences).map(([kpi, d]) => [
        s.name,
        period,
        kpi,
        ...[d.mean, ...d.ci95].map((v) => csvValue(kpi, v)),
        differenceUnit(kpi),
      ]),
    );
  });
  return toCsv(["scenario", "period", "kpi", "difference", "ci95_low", "ci95_high", "unit"], rows);
}
