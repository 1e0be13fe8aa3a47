/**
 * A scenario in plain English for the report: its dated changes and reinvestments as
 * sentences, and the model's assumptions (cohorts, services, discharge routes) as tables.
 */
import { ALL_CHANGE_ACTIONS, type ChangeAction } from "../model/dated-changes.js";
import { kpiDefinition, kpiParts } from "../model/kpi-definitions.js";
import { serviceKind } from "../model/service-kinds.js";
import type {
  ChangeInput,
  DischargeRouteInput,
  DistributionInput,
  ModelInput,
  ReinvestmentInput,
  ServiceInput,
} from "./charts/data.js";
import { capitalise, formatNumber, humanise, longDate } from "./charts/labels.js";
import { formatMoney } from "./format.js";

/** A table for the report: header, rows, and which columns hold numbers (right-aligned). */
export interface Table {
  header: string[];
  rows: string[][];
  numeric?: boolean[];
}

/** "30%", "12.5%" */
export function percent(share: number): string {
  const value = share * 100;
  return `${formatNumber(value, Number.isInteger(Math.round(value * 10) / 10) ? 0 : 1)}%`;
}

const days = (n: number) => `${formatNumber(n, Number.isInteger(n) ? 0 : 1)} days`;

/** A KPI's label, with the service's own name for its cost ("Cost: Oakwood (men)"). */
export function kpiLabel(name: string, model?: ModelInput): string {
  const parts = kpiParts(name);
  const label = kpiDefinition(name).label;
  // A service's or cohort's KPI by its name in the model: "Occupancy: Oakwood (men)".
  const owner = parts
    ? [...(model?.services ?? []), ...(model?.cohorts ?? [])].find((s) => s.id === parts.id)?.name
    : undefined;
  return owner ? `${label.slice(0, label.lastIndexOf(": "))}: ${owner}` : label;
}

/** "oakwood_ward (Oakwood (men))", or the id alone when the service has no name. */
function serviceRef(model: ModelInput, id: string): string {
  const name = model.services.find((s) => s.id === id)?.name;
  return name ? `${id} (${name})` : id;
}

function cohortName(model: ModelInput, id: string): string {
  return model.cohorts.find((c) => c.id === id)?.name ?? humanise(id);
}

/** A length-of-stay distribution in words: "lognormal, mean 12 days, sd 9 days". */
export function describeDistribution(d: DistributionInput): string {
  switch (d.distribution) {
    case "mixture":
      return `mixture of ${(d.components ?? [])
        .map((c) => `${percent(c.weight)} ${describeDistribution(c.of)}`)
        .join(" and ")}`;
    case "triangular":
      return `triangular, ${formatNumber(d.min ?? 0)} to ${days(d.max ?? 0)}, most often ${formatNumber(d.mode ?? 0)}`;
    case "uniform":
      return `uniform, ${formatNumber(d.min ?? 0)} to ${days(d.max ?? 0)}`;
    case "fixed":
      return `fixed, ${days(d.value ?? 0)}`;
    case "empirical": {
      const values = d.values ?? [];
      const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
      return `empirical, ${formatNumber(values.length)} values, mean ${days(mean)}`;
    }
    case "erlang":
      return `Erlang-${d.k ?? "k"}${d.mean !== undefined ? `, mean ${days(d.mean)}` : ""}`;
    default: {
      const parts = [d.distribution];
      if (d.mean !== undefined) parts.push(`mean ${days(d.mean)}`);
      if (d.sd !== undefined) parts.push(`sd ${days(d.sd)}`);
      if (d.shape !== undefined) parts.push(`shape ${formatNumber(d.shape, 2)}`);
      if (d.scale !== undefined) parts.push(`scale ${days(d.scale)}`);
      return parts.join(", ");
    }
  }
}

/** Discharge routes in one line: "home 82%, community rehab 6%, …". */
function routesInBrief(routes: DischargeRouteInput[]): string {
  return routes.map((r) => `${humanise(r.route)} ${percent(r.share)}`).join(", ");
}

interface ActionWords {
  change: ChangeInput;
  model: ModelInput;
  /** The service a capacity change applies to, named as in the report. */
  service: string;
  /** " for older adults", " on oakwood_ward (…)" or nothing. */
  who: string;
}

const count = (n: number, what: string) => `${formatNumber(n)} ${what}${n === 1 ? "" : "s"}`;

/**
 * Each action a dated change can take, in words; typed by the one list of actions
 * (`model/dated-changes.ts`), so a new action without words here does not compile.
 */
const ACTION_WORDS: Record<ChangeAction, (w: ActionWords) => string> = {
  open_beds: ({ change, service }) => `open ${count(change.open_beds ?? 0, "bed")} on ${service}`,
  close_beds: ({ change, service }) =>
    `close ${count(change.close_beds ?? 0, "bed")} on ${service}`,
  set_beds: ({ change, service }) => `set ${service} to ${count(change.set_beds ?? 0, "bed")}`,
  add_places: ({ change, service }) =>
    `add ${count(change.add_places ?? 0, "place")} to ${service}`,
  remove_places: ({ change, service }) =>
    `remove ${count(change.remove_places ?? 0, "place")} from ${service}`,
  set_places: ({ change, service }) =>
    `set ${service} to ${count(change.set_places ?? 0, "place")}`,
  scale_arrivals: ({ change, who }) =>
    `scale arrivals${who} to ${percent(change.scale_arrivals ?? 1)} of their level`,
  scale_length_of_stay: ({ change, who }) =>
    `scale lengths of stay${who} to ${percent(change.scale_length_of_stay ?? 1)} of their level`,
  scale_delays: ({ change, who }) =>
    `scale discharge delays${who} to ${percent(change.scale_delays ?? 1)} of their level`,
  crisis_team_support_at_home: ({ change, who }) =>
    `have the crisis team support ${percent(change.crisis_team_support_at_home ?? 0)} of people at home${who}`,
  crisis_house_instead_of_admission: ({ change, who }) =>
    `offer a crisis house instead of admission to ${percent(change.crisis_house_instead_of_admission ?? 0)} of people${who}`,
  length_of_stay: ({ change, who }) =>
    change.length_of_stay
      ? `set the length of stay${who} to ${describeDistribution(change.length_of_stay)}`
      : "",
  discharge_routes: ({ change, who }) =>
    `set discharge routes${who} to ${routesInBrief(change.discharge_routes ?? [])}`,
  picu_share: ({ change, who }) =>
    `send ${percent(change.picu_share ?? 0)} of acute patients${who} to intensive care`,
  one_off_cost: ({ change, service }) =>
    `spend ${formatMoney(change.one_off_cost ?? 0)} once on ${service}`,
  reinvest: ({ change, model }) => {
    const r = change.reinvest;
    if (!r) return "";
    const from = r.of_savings_from?.length
      ? ` from ${r.of_savings_from.map((id) => serviceRef(model, id)).join(", ")}`
      : "";
    const into = r.into
      .map((i) => `${serviceRef(model, i.service)} (${percent(i.share)})`)
      .join(" and ");
    return `reinvest ${percent(r.share)} of the money released by closing beds${from} into ${into}`;
  },
};

/**
 * One dated change as a sentence: "From 1 April 2027, close 10 beds on oakwood_ward
 * (Oakwood (men)) — Oakwood reduces from 30 to 20 beds."
 */
export function describeChange(change: ChangeInput, model: ModelInput): string {
  const service = change.service ? serviceRef(model, change.service) : "the service";
  const who = change.cohort
    ? ` for ${cohortName(model, change.cohort)}`
    : change.service
      ? ` on ${service}`
      : "";
  const words = { change, model, service, who };
  const actions = ALL_CHANGE_ACTIONS.filter((action) => change[action] !== undefined).map(
    (action) => ACTION_WORDS[action](words),
  );
  const when = change.date ? `From ${longDate(change.date)}` : "From the start";
  const what = actions.length > 0 ? joinWords(actions) : "make a change";
  const why = change.description ? ` — ${change.description}` : "";
  return `${when}, ${what}${why}.`;
}

/** "a, b and c" */
export function joinWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "place" for services counted in places, otherwise "bed". */
function unitWord(service: ServiceInput | undefined): string {
  return service && serviceKind(service.kind)?.unit === "place" ? "place" : "bed";
}

function capacityWord(service: ServiceInput | undefined, n: number): string {
  const word = unitWord(service);
  return `${formatNumber(n)} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * A reinvestment as a sentence: "From 1 April 2027, closing beds releases £1.20m a year; 80%
 * (£0.96m a year) is reinvested, buying 4 beds in crisis_houses (Crisis houses) at £150k a
 * bed a year …".
 */
export function describeReinvestment(r: ReinvestmentInput, model: ModelInput): string {
  const when = r.date ? `From ${longDate(r.date)}, closing` : "Closing";
  const bought = r.bought.map((b) => {
    const service = model.services.find((s) => s.id === b.service);
    const unit = unitWord(service);
    return `${capacityWord(service, b.capacity)} in ${serviceRef(model, b.service)} at ${formatMoney(b.unit_cost_per_year)} a ${unit} a year (${formatMoney(b.cost_per_year)})`;
  });
  const buying = bought.length > 0 ? `, buying ${joinWords(bought)}` : "";
  const unspent =
    r.unspent_per_year > 0.5 ? `; ${formatMoney(r.unspent_per_year)} a year is left unspent` : "";
  return `${when} beds releases ${formatMoney(r.released_per_year)} a year; ${percent(r.share_reinvested)} (${formatMoney(r.reinvested_per_year)} a year) is reinvested${buying}${unspent}.`;
}

function describeCosts(service: ServiceInput): string {
  const c = service.cost ?? {};
  const parts: string[] = [];
  if (c.per_bed_per_year) parts.push(`${formatMoney(c.per_bed_per_year)} a bed a year`);
  if (c.per_place_per_year) parts.push(`${formatMoney(c.per_place_per_year)} a place a year`);
  if (c.per_occupied_bed_day)
    parts.push(`${formatMoney(c.per_occupied_bed_day)} an occupied bed-day`);
  if (c.per_day) parts.push(`${formatMoney(c.per_day)} a day`);
  if (c.per_episode) parts.push(`${formatMoney(c.per_episode)} an episode`);
  return parts.join("; ") || "none";
}

/** The pathway's settings as sentences. */
export function pathwaySettings(model: ModelInput): string[] {
  const p = model.pathway;
  const settings = [
    `Length of stay in a local acute bed: ${describeDistribution(p.length_of_stay)}.`,
    `Out-of-area acute beds are ${serviceRef(model, p.out_of_area)}, used when no suitable local bed is free within ${days(p.max_wait_for_local_bed_days ?? 0)}.`,
  ];
  if (p.crisis_team_support_at_home !== undefined)
    settings.push(
      `The crisis team supports ${percent(p.crisis_team_support_at_home)} of people referred at home.`,
    );
  if (p.crisis_house_instead_of_admission !== undefined)
    settings.push(
      `${percent(p.crisis_house_instead_of_admission)} of people are offered a crisis house instead of admission.`,
    );
  if (p.repatriate_if_remaining_days_at_least !== undefined)
    settings.push(
      `People out of area are brought back when a local bed frees, if at least ${days(p.repatriate_if_remaining_days_at_least)} of their stay remain.`,
    );
  if (p.readmission_window_days !== undefined)
    settings.push(`Readmissions are counted within ${days(p.readmission_window_days)}.`);
  if (p.picu)
    settings.push(
      `${percent(p.picu.share)} of acute patients need psychiatric intensive care (PICU), ${days(p.picu.after_days ?? 0)} into their stay (or half-way through a shorter one), for ${describeDistribution(p.picu.length_of_stay)}; when no local PICU bed is free they go to ${serviceRef(model, p.picu.out_of_area)}. Afterwards they step down to a local acute bed for the rest of their stay, waiting in the PICU until one is free.`,
    );
  return settings;
}

export function cohortTable(model: ModelInput): Table {
  return {
    header: [
      "Cohort",
      "Arrivals a year",
      "Growth a year",
      "Seasonal",
      "Crisis team at home",
      "Crisis house instead",
      "Length of stay",
    ],
    numeric: [false, true, true, false, true, true, false],
    rows: model.cohorts.map((c) => [
      c.name ?? humanise(c.id),
      formatNumber(c.arrivals_per_year),
      percent(c.growth_per_year ?? 0),
      c.seasonality ? "yes" : "no",
      c.crisis_team_support_at_home !== undefined
        ? percent(c.crisis_team_support_at_home)
        : "as pathway",
      c.crisis_house_instead_of_admission !== undefined
        ? percent(c.crisis_house_instead_of_admission)
        : "as pathway",
      c.length_of_stay ? describeDistribution(c.length_of_stay) : "as pathway",
    ]),
  };
}

export function serviceTable(model: ModelInput): Table {
  return {
    header: ["Service", "Id", "Kind", "Beds or places", "Length of stay", "Costs"],
    numeric: [false, false, false, true, false, false],
    rows: model.services.map((s) => [
      s.name ?? humanise(s.id),
      s.id,
      serviceKind(s.kind)?.label ?? humanise(s.kind),
      s.beds !== undefined
        ? capacityWord(undefined, s.beds)
        : s.places !== undefined
          ? `${formatNumber(s.places)} places`
          : "no limit",
      [
        s.length_of_stay ? describeDistribution(s.length_of_stay) : "",
        s.stay_multiplier !== undefined && s.stay_multiplier !== 1
          ? `stays × ${formatNumber(s.stay_multiplier, 2)}`
          : "",
      ]
        .filter(Boolean)
        .join("; ") || "as pathway",
      describeCosts(s),
    ]),
  };
}

const WHEN_FULL: Record<string, string> = {
  stay_in_bed: "stays in bed (delayed discharge)",
  go_home: "goes home",
  out_of_area: "goes out of area",
};

export function routeTable(model: ModelInput, routes: DischargeRouteInput[]): Table {
  return {
    header: [
      "Discharge route",
      "Share",
      "Goes to",
      "If full",
      "Readmitted within 30 days",
      "Delay",
    ],
    numeric: [false, true, false, false, true, false],
    rows: routes.map((r) => [
      capitalise(humanise(r.route)),
      percent(r.share),
      r.to ? serviceRef(model, r.to) : "home",
      WHEN_FULL[r.when_full ?? "stay_in_bed"] ?? humanise(r.when_full ?? ""),
      percent(r.readmission_within_30_days ?? 0),
      r.delay
        ? `${percent(r.delay.share)} wait ${describeDistribution(r.delay.length)}${r.delay.reason ? ` (${r.delay.reason})` : ""}`
        : "none",
    ]),
  };
}
