/**
 * The report's "by cohort" table: for each cohort, admissions, out-of-area admissions and
 * bed-days, and realised length of stay (mean, median, P90), from the per-cohort KPIs.
 */
import { partKpi } from "../model/kpi-definitions.js";
import { COHORT_FAMILIES } from "../model/reported-kpis.js";
import type { KpiSummary } from "../results/kpis.js";
import type { Table } from "./describe-scenario.js";
import { formatRange, formatValue } from "./format.js";

const HEADERS: Record<(typeof COHORT_FAMILIES)[number], string> = {
  admissions: "Admissions a year",
  oap_admissions: "Out of area a year",
  oap_bed_days: "Out-of-area bed-days a year",
  mean_length_of_stay: "Average stay (days)",
  median_length_of_stay: "Median stay (days)",
  p90_length_of_stay: "90th percentile stay (days)",
};

export function byCohortTable(summary: {
  kpis: Record<string, KpiSummary>;
  scenario: { model: { cohorts: { id: string; name?: string }[] } };
}): Table | undefined {
  const cohorts = summary.scenario.model.cohorts.filter(
    (c) => summary.kpis[partKpi("admissions", c.id)],
  );
  if (cohorts.length === 0) return undefined;
  const cell = (name: string) => {
    const k = summary.kpis[name];
    return k ? `${formatValue(name, k.mean)} (${formatRange(name, k.ci95)})` : "–";
  };
  return {
    header: ["Cohort", ...COHORT_FAMILIES.map((f) => HEADERS[f])],
    numeric: [false, ...COHORT_FAMILIES.map(() => true)],
    rows: [
      ...cohorts.map((c) => [
        c.name ?? c.id,
        ...COHORT_FAMILIES.map((f) => cell(partKpi(f, c.id))),
      ]),
      ["All", ...COHORT_FAMILIES.map((f) => cell(f))],
    ],
  };
}
