/**
 * Key findings in plain English, generated from the numbers: what a board paper would say
 * first. Every figure comes with its 95% interval; a difference whose interval includes zero
 * is called "no clear difference".
 */

import { DAYS_PER_YEAR } from "../model/calendar.js";
import { kpiDefinition, kpiParts, partKpi } from "../model/kpi-definitions.js";
import { serviceKind } from "../model/service-kinds.js";
import type {
  CompareInput,
  Interval,
  KpiSummary,
  RunSummaryInput,
  ScenarioComparisonInput,
  SweepInput,
  SweepPoint,
} from "./charts/data.js";
import { isPartYear } from "./charts/data.js";
import { headlineKpis, includesZero } from "./charts/differences.js";
import {
  type DisplayNames,
  formatNumber,
  parameterLabel,
  parameterValueLabel,
} from "./charts/labels.js";
import { RECOMMENDED_MAX_OCCUPANCY } from "./charts/occupancy.js";
import {
  meetsTarget,
  statisticWords,
  sweepHighlight,
  yearlyStatisticWords,
} from "./charts/sweep.js";
import { joinWords } from "./describe-scenario.js";
import { formatValue } from "./format.js";

/**
 * A number for a sentence: as in the tables, except that counts and days of 10 or more are
 * whole numbers ("about 95 people a year", not "94.8").
 */
function prose(name: string, value: number): string {
  const { format } = kpiDefinition(name);
  if ((format === "count" || format === "days") && Math.abs(value) >= 10)
    return formatNumber(Math.round(value));
  return formatValue(name, value);
}

/** "119 admissions a year (95% CI 109 to 129)": the value, its words, then its interval. */
function withInterval(name: string, kpi: KpiSummary | Interval, words = ""): string {
  const [lo, hi] = kpi.ci95.map((v) => prose(name, v));
  return `${prose(name, kpi.mean)}${words ? ` ${words}` : ""} (95% CI ${lo} to ${hi})`;
}

/** Key findings for one run. */
export function runFindings(summary: RunSummaryInput): string[] {
  const k = summary.kpis;
  const findings: string[] = [];

  const occupancy = k.mean_local_occupancy;
  if (occupancy) {
    const side = occupancy.mean > RECOMMENDED_MAX_OCCUPANCY ? "above" : "below";
    let text = `Local acute beds were ${withInterval("mean_local_occupancy", occupancy, "occupied on average")}, ${side} the 85% the Royal College of Psychiatrists recommends`;
    const above85 = k.days_above_85pct;
    if (above85 && above85.mean >= 0.5) {
      text += `; occupancy was above 85% on ${withInterval("days_above_85pct", above85, "days a year")}`;
      const above95 = k.days_above_95pct;
      if (above95 && above95.mean >= 0.5)
        text += ` and above 95% on ${prose("days_above_95pct", above95.mean)} days`;
    }
    findings.push(`${text}.`);
  }

  const oap = k.oap_admissions;
  if (oap) {
    if (oap.mean < 0.5 && oap.ci95[1] < 0.5) {
      findings.push("Almost no one was admitted to an out-of-area acute bed.");
    } else {
      let text = `About ${withInterval("oap_admissions", oap, "acute admissions a year")} were out of area`;
      if (k.oap_share)
        text += `, ${formatValue("oap_share", k.oap_share.mean)} of all acute admissions`;
      if (k.oap_bed_days)
        text += `, using ${withInterval("oap_bed_days", k.oap_bed_days, "out-of-area bed-days a year")}`;
      if (k.mean_oap_occupied)
        text += `; on an average day ${prose("mean_oap_occupied", k.mean_oap_occupied.mean)} people were in an out-of-area acute bed`;
      findings.push(`${text}.`);
    }
  }

  const waited = k.waited_for_bed;
  if (waited && waited.mean >= 0.5) {
    const wait = k.mean_wait_days
      ? `, for ${prose("mean_wait_days", k.mean_wait_days.mean)} days on average`
      : "";
    findings.push(
      `${withInterval("waited_for_bed", waited, "people a year")} waited for a local acute bed${wait}.`,
    );
  }

  const delayed = k.delayed_discharge_bed_days;
  if (delayed && delayed.mean >= 0.5) {
    const beds = delayed.mean / DAYS_PER_YEAR;
    let text = `Delayed discharges took ${withInterval("delayed_discharge_bed_days", delayed, "bed-days a year")}, the same as ${formatNumber(beds, beds < 10 ? 1 : 0)} beds occupied every day`;
    const routes = Object.entries(k)
      .filter(([name]) => kpiParts(name)?.family === "delayed_discharge_bed_days")
      .sort((a, b) => b[1].mean - a[1].mean);
    if (routes.length > 1 && routes[0][1].mean > 0) {
      const [name, top] = routes[0];
      const route = (kpiParts(name)?.id ?? name).replaceAll("_", " ");
      const share = top.mean / delayed.mean;
      text += `; ${share > 0.5 ? "most" : "the largest part"} (${prose(name, top.mean)} bed-days a year) were people waiting to go ${route === "home" ? "home" : `to ${route}`}`;
    }
    findings.push(`${text}.`);
  }

  const crisis = k.crisis_house_admissions;
  if (crisis && crisis.mean >= 0.5) {
    const steps = k.crisis_house_step_downs;
    const stepText =
      steps && steps.mean >= 0.5
        ? `, and ${prose("crisis_house_step_downs", steps.mean)} people a year stepped down to one from a ward`
        : "";
    findings.push(
      `Crisis houses took about ${withInterval("crisis_house_admissions", crisis, "people a year")} instead of admission${stepText}.`,
    );
  }

  const readmissions = k.readmissions_30d;
  if (readmissions)
    findings.push(
      `${withInterval("readmissions_30d", readmissions, "people a year")} were readmitted within 30 days of leaving an acute bed.`,
    );

  const rehab = k.rehab_oap_bed_days;
  if (rehab && rehab.mean >= 0.5)
    findings.push(
      `Out-of-area rehabilitation placements used ${withInterval("rehab_oap_bed_days", rehab, "bed-days a year")}.`,
    );

  const picu = k.picu_admissions;
  if (picu && picu.mean >= 0.5) {
    const away = k.picu_oap_admissions;
    const awayText =
      away && away.mean >= 0.5
        ? `; ${withInterval("picu_oap_admissions", away, "people a year")} went out of area because the local PICU was full, using ${prose("picu_oap_bed_days", k.picu_oap_bed_days?.mean ?? 0)} out-of-area PICU bed-days a year`
        : "; none went out of area";
    const waits = k.picu_step_down_delay_bed_days;
    const waitText =
      waits && waits.mean >= 0.5
        ? `. People ready to leave intensive care waited ${withInterval("picu_step_down_delay_bed_days", waits, "bed-days a year")} in it for a local acute bed`
        : "";
    findings.push(
      `${withInterval("picu_admissions", picu, "people a year")} needed psychiatric intensive care${awayText}${waitText}.`,
    );
  }

  const cost = k.total_cost;
  if (cost) {
    let text = `The modelled cost was ${withInterval("total_cost", cost, "a year")}`;
    const outOfArea = summary.scenario.model.services
      .filter(
        (s) =>
          serviceKind(s.kind)?.role === "out_of_area" && (k[partKpi("cost", s.id)]?.mean ?? 0) > 0,
      )
      .map(
        (s) =>
          `${lowerFirst(s.name ?? s.id)} ${prose("total_cost", k[partKpi("cost", s.id)].mean)}`,
      );
    if (outOfArea.length > 0) text += `, of which ${joinWords(outOfArea)}`;
    // Whole years only: a part year's cost is not a yearly cost.
    const years = summary.by_financial_year.filter((y) => y.kpis.total_cost && !isPartYear(y));
    if (years.length > 1) {
      const first = years[0];
      const last = years[years.length - 1];
      text += `; ${prose("total_cost", first.kpis.total_cost.mean)} in ${first.year} and ${prose("total_cost", last.kpis.total_cost.mean)} in ${last.year}`;
    }
    findings.push(`${text}.`);
  }

  const imprecise = Object.entries(k).filter(
    ([name, kpi]) => kpiDefinition(name).headline && (kpi.half_width_pct ?? 0) > 10,
  );
  if (imprecise.length > 0)
    findings.push(
      `The 95% intervals for ${joinWords(imprecise.map(([name]) => lowerFirst(kpiDefinition(name).label)))} are wider than ±10% of the mean; more replications would narrow them.`,
    );
  return findings.map(capitalFirst);
}

/** Differences below these are not worth a sentence, whatever their interval. */
const TRIVIAL = { count: 0.05, days: 0.05, fraction: 0.0005, money: 500 };

/**
 * A difference not worth a finding: under 0.5% of the baseline's value, or too small to
 * matter in its own units (0.05 of a person or day, 0.05 percentage points, £500).
 */
export function negligible(name: string, d: Interval, baseline?: number): boolean {
  const size = Math.abs(d.mean);
  if (baseline !== undefined && size < 0.005 * Math.abs(baseline)) return true;
  return size < TRIVIAL[kpiDefinition(name).format];
}

/**
 * A paired difference as a phrase: "out-of-area admissions higher by 41 a year (95% CI 35 to
 * 47)", or "no clear difference in total cost (95% CI −£133k to £13k)" when the interval
 * includes zero. A fall's interval is given as the size of the fall.
 */
export function describeDifference(name: string, d: Interval): string {
  const label = lowerFirst(kpiDefinition(name).label);
  const fraction = kpiDefinition(name).format === "fraction";
  const amount = (v: number) => {
    const text = prose(name, v);
    return fraction ? text.replace(/%$/, "") : text;
  };
  const points = fraction ? " percentage points" : "";
  if (includesZero(d.ci95)) {
    const [lo, hi] = d.ci95.map((v) => (v < 0 ? `−${amount(-v)}` : amount(v)));
    return `no clear difference in ${label} (95% CI ${lo} to ${hi}${points})`;
  }
  const up = d.mean > 0;
  const [lo, hi] = up ? d.ci95 : [-d.ci95[1], -d.ci95[0]];
  return `${label} ${up ? "higher" : "lower"} by ${amount(Math.abs(d.mean))}${points}${yearly(name)} (95% CI ${amount(lo)} to ${amount(hi)})`;
}

/** " a year" for yearly counts and money; nothing for levels such as occupancy. */
function yearly(name: string): string {
  const unit = kpiDefinition(name).unit;
  return unit.endsWith("a year") ? " a year" : "";
}

function scenarioTitle(s: ScenarioComparisonInput): string {
  return s.summary.scenario.title ?? s.summary.scenario.name;
}

/** Key findings for a comparison: per scenario, the headline differences from the baseline. */
export function compareFindings(compare: CompareInput): string[] {
  return compare.scenarios.flatMap((_, i) => scenarioFindings(compare, i));
}

/** Key findings for one scenario of a comparison. */
export function scenarioFindings(compare: CompareInput, index: number): string[] {
  const scenario = compare.scenarios[index];
  const kpis = headlineKpis(compare);
  const years = compare.baseline.by_financial_year.map((y) => y.year);
  const period =
    years.length > 1 ? `${years[0]} to ${years[years.length - 1]}` : (years[0] ?? "the period");
  const title = scenarioTitle(scenario);
  const lead = ["oap_admissions", "oap_bed_days", "total_cost"].filter(
    (name) => scenario.differences[name],
  );
  const findings: string[] = [];
  const phrases = (names: string[], differences: Record<string, Interval>) =>
    joinWords(names.map((name) => describeDifference(name, differences[name])));
  if (lead.length > 0)
    findings.push(
      `Under “${title}”, compared with the baseline on average over ${period}: ${phrases(lead, scenario.differences)}.`,
    );
  const lastYear = (scenario.differences_by_financial_year ?? []).at(-1);
  if (lastYear && years.length > 1) {
    const last = ["oap_admissions", "total_cost"].filter((name) => lastYear.differences[name]);
    if (last.length > 0)
      findings.push(
        `In ${lastYear.year}, the last year modelled: ${phrases(last, lastYear.differences)}.`,
      );
  }
  const others = kpis.filter((name) => !lead.includes(name) && scenario.differences[name]);
  const clear = others.filter(
    (name) =>
      !includesZero(scenario.differences[name].ci95) &&
      !negligible(name, scenario.differences[name], compare.baseline.kpis[name]?.mean),
  );
  const unclear = others.filter((name) => !clear.includes(name));
  if (clear.length > 0)
    findings.push(`Also under “${title}”: ${phrases(clear, scenario.differences)}.`);
  if (unclear.length > 0)
    findings.push(
      `No clear or only a negligible difference under “${title}” in ${joinWords(unclear.map((name) => lowerFirst(kpiDefinition(name).label)))}.`,
    );
  return findings;
}

/** "36 beds on oakwood ward" or, for two parameters, "… and …". */
export function pointLabel(sweep: SweepInput, point: SweepPoint): string {
  return sweep.parameters
    .map((p) => parameterValueLabel(p, point.values[p], sweep.names))
    .join(" and ");
}

/** Key findings for a sweep or right-size search. */
export function sweepFindings(sweep: SweepInput): string[] {
  const findings: string[] = [];
  const target = sweep.target;
  const highlight = sweepHighlight(sweep);
  const targetText = target
    ? `${target.statistic === "mean" ? "mean " : ""}${lowerFirst(kpiDefinition(target.kpi).label)}${target.statistic === "mean" ? "" : ` at the ${statisticWords(target.statistic)}`} ${target.operator === "<=" ? "at most" : "at least"} ${formatValue(target.kpi, target.value)}${yearly(target.kpi)}`
    : "";
  const describe = (point: SweepPoint) =>
    ["oap_bed_days", "total_cost", target?.kpi]
      .filter((name, i, all): name is string => Boolean(name) && all.indexOf(name) === i)
      .filter((name) => point.kpis[name])
      .map(
        (name) =>
          `${lowerFirst(kpiDefinition(name).label)} ${withInterval(name, point.kpis[name], yearly(name).trim())}`,
      )
      .join(", ");
  if (highlight) {
    const why = sweep.answer
      ? target
        ? `, which meets the target (${targetText})`
        : ""
      : `, which has the lowest ${lowerFirst(kpiDefinition(sweep.minimise ?? "total_cost").label)}${target ? ` of those meeting the target (${targetText})` : ""}`;
    findings.push(`The answer is ${pointLabel(sweep, highlight)}${why}: ${describe(highlight)}.`);
  } else if (target) {
    const met = sweep.points.some((p) => meetsTarget(sweep, p));
    findings.push(
      met
        ? `Some of the values tried meet the target of ${targetText}; see the table.`
        : `None of the values tried meets the target of ${targetText}.`,
    );
  }
  const [first] = sweep.parameters;
  if (first && sweep.parameters.length === 1 && sweep.points.length > 1) {
    const sorted = [...sweep.points].sort((a, b) => a.values[first] - b.values[first]);
    const low = sorted[0];
    const high = sorted[sorted.length - 1];
    const changes = ["oap_bed_days", "oap_admissions", "total_cost"]
      .filter((name) => low.kpis[name] && high.kpis[name])
      .map(
        (name) =>
          `mean ${lowerFirst(kpiDefinition(name).label)} goes from ${prose(name, low.kpis[name].mean)} to ${prose(name, high.kpis[name].mean)}${yearly(name)}`,
      );
    if (changes.length > 0)
      findings.push(
        `${capitalFirst(parameterRange(first, low.values[first], high.values[first], sweep.names))}, ${joinWords(changes)}.`,
      );
  }
  const costed = sweep.points.filter((p) => p.kpis.total_cost);
  if (costed.length > 1 && !(highlight && !sweep.answer)) {
    const cheapest = costed.reduce((a, b) =>
      b.kpis.total_cost.mean < a.kpis.total_cost.mean ? b : a,
    );
    findings.push(
      `Of the values tried, total cost is lowest with ${pointLabel(sweep, cheapest)}: ${withInterval("total_cost", cheapest.kpis.total_cost, "a year")}${target ? (meetsTarget(sweep, cheapest) ? ", which meets the target" : ", which does not meet the target") : ""}.`,
    );
  }
  if (target && target.statistic !== "mean") {
    findings.push(
      `The target applies to the ${yearlyStatisticWords(target.statistic)} over every replication, not the mean: it asks that bad years, not only the average year, stay within it.`,
    );
  }
  if (first)
    findings.push(
      `${formatNumber(sweep.points.length)} ${sweep.parameters.length > 1 ? "combinations" : "values"} of ${sweep.parameters.map((p) => parameterLabel(p, sweep.names)).join(" and ")} were tried, each with ${formatNumber(sweep.replications)} replications.`,
    );
  return findings;
}

/** "from 20 to 40 beds on Oakwood (men)", "from max wait … = 1 to 3" */
function parameterRange(path: string, low: number, high: number, names?: DisplayNames): string {
  const label = parameterLabel(path, names);
  const n = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 2);
  return /^(beds|places) /.test(label)
    ? `from ${n(low)} to ${n(high)} ${label}`
    : `from ${label} = ${n(low)} to ${n(high)}`;
}

function lowerFirst(text: string): string {
  // Keep acronyms and proper nouns such as "NHS" or "Oakwood" as written.
  if (/^[A-Z]{2}/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function capitalFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
