import type { Calendar } from "../model/calendar.js";
import { kpiDefinition, partKpi } from "../model/kpi-definitions.js";
import type { Pathway } from "../model/pathway.js";
import type { KpiColumns } from "../stats/paired-differences.js";
import { relativeHalfWidth, type Summary, summarise } from "../stats/summary.js";
import type { OutcomeTable } from "./outcome-table.js";

/** A KPI as it appears in summary.json. */
export interface KpiSummary {
  mean: number;
  ci95: [number, number];
  p10: number;
  p50: number;
  p90: number;
  unit: string;
  /** Half-width of the 95% interval as a percentage of the mean. */
  half_width_pct: number | null;
}

export interface Band {
  mean: number[];
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface ResultsSummary {
  replications: number;
  kpis: Record<string, KpiSummary>;
  /** `days`: results days in the year, fewer than 365 for a part year (its totals too). */
  by_financial_year: { year: string; days: number; kpis: Record<string, KpiSummary> }[];
  cost?: {
    by_financial_year: { year: string; service: string; mean: number; ci95: [number, number] }[];
  };
  monthly: { months: string[]; series: Record<string, Band> };
}

export function kpiSummary(name: string, values: ArrayLike<number>): KpiSummary {
  const s: Summary = summarise(values);
  const relative = relativeHalfWidth(s);
  return {
    mean: s.mean,
    ci95: s.ci95,
    p10: s.p10,
    p50: s.p50,
    p90: s.p90,
    unit: kpiDefinition(name).unit,
    half_width_pct: Number.isFinite(relative) ? relative * 100 : null,
  };
}

/** Summarises replication outcomes: every KPI across replications, by year and by month. */
export function summariseResults(
  pathway: Pathway,
  calendar: Calendar,
  outcomes: OutcomeTable,
): ResultsSummary {
  const { months, financialYears } = calendar;
  const byYear = financialYears.map((year, i) => ({
    year,
    days: calendar.financialYearDays[i],
    kpis: kpiSummaries(outcomes.yearKpis(i)),
  }));
  const series: Record<string, Band> = {};
  for (const name of outcomes.monthlyNames) {
    const band: Band = { mean: [], p10: [], p50: [], p90: [] };
    months.forEach((_, m) => {
      const s = summarise(outcomes.monthly(name, m));
      band.mean.push(s.mean);
      band.p10.push(s.p10);
      band.p50.push(s.p50);
      band.p90.push(s.p90);
    });
    series[name] = band;
  }
  const summary: ResultsSummary = {
    replications: outcomes.length,
    kpis: kpiSummaries(outcomes.kpis()),
    by_financial_year: byYear,
    monthly: { months, series },
  };
  if (summary.kpis.total_cost) {
    summary.cost = {
      by_financial_year: byYear.flatMap(({ year, kpis }) =>
        [...pathway.services.map((s) => s.id), "total"].map((service) => {
          const k = kpis[service === "total" ? "total_cost" : partKpi("cost", service)];
          return { year, service, mean: k.mean, ci95: k.ci95 };
        }),
      ),
    };
  }
  return summary;
}

/** Every KPI of some columns, summarised across replications. */
export function kpiSummaries(columns: KpiColumns): Record<string, KpiSummary> {
  const result: Record<string, KpiSummary> = {};
  for (const name of columns.names) result[name] = kpiSummary(name, columns.column(name) ?? []);
  return result;
}
