import { type Reinvestment, reinvest } from "../finance/reinvestment.js";
import { dayOffset, financialYearOf } from "../model/calendar.js";
import { capacityChangeOf, type DatedChange, openAfter } from "../model/dated-changes.js";
import type { Finance, Pathway, Service } from "../model/pathway.js";
import type { DischargeRoute, Routing } from "../model/routing.js";
import { SERVICE_KINDS } from "../model/service-kinds.js";
import { runHorizon } from "./horizon.js";
import { InputError } from "./input-error.js";
import type { LoadedScenario } from "./scenario-types.js";
import type { ChangeInput, ModelInput, ServiceInput } from "./schema.js";

type RouteInput = ModelInput["pathway"]["discharge_routes"][number];

export interface ResolvedReinvestment extends Reinvestment {
  date: string;
  share: number;
}

/** Turns validated YAML into the simulation's pathway, resolving reinvestment into capacity. */
export function buildPathway(loaded: LoadedScenario): {
  pathway: Pathway;
  reinvestments: ResolvedReinvestment[];
} {
  const { model, run } = loaded;
  const { warmUpDays, days } = runHorizon(run);
  const defaults: Routing = {
    crisisTeamSupportAtHome: model.pathway.crisis_team_support_at_home,
    crisisHouseInsteadOfAdmission: model.pathway.crisis_house_instead_of_admission,
    wardStay: model.pathway.length_of_stay,
    dischargeRoutes: model.pathway.discharge_routes.map(toRoute),
    picuShare: model.pathway.picu?.share ?? 0,
  };
  const cohortIds = model.cohorts.map((c) => c.id);
  const services: Service[] = model.services.map((s) => toService(s, cohortIds));
  const changes: DatedChange[] = [];
  const reinvestments: ResolvedReinvestment[] = [];
  // By date; on the same date, beds close before their money is reinvested.
  const ordered = [...loaded.changes].sort(
    (a, b) =>
      (a.change.date ?? "").localeCompare(b.change.date ?? "") ||
      Number(a.change.reinvest !== undefined) - Number(b.change.reinvest !== undefined),
  );
  // Closed beds whose money earlier reinvestments already spent, by service: a later
  // reinvestment only spends the savings of beds closed since.
  const claimed = new Map<string, number>();
  for (const { change, locate } of ordered) {
    const day = change.date ? dayOffset(run.start, change.date) : -warmUpDays;
    const converted = toChange(change, day);
    if (converted?.kind === "routing" && converted.cohort === undefined)
      changes.push(...pathwayWideRouting(converted, model));
    else if (converted) changes.push(converted);
    if (change.reinvest) {
      const r = resolveReinvestment(change, day, changes, services, claimed);
      if (r.releasedPerYear <= 0)
        throw new InputError([
          locate(
            ["reinvest"],
            claimed.size > 0
              ? "no beds close between the previous reinvestment and this one, so there is no new money to reinvest; close beds first (a change with close_beds on or before this date) or remove this reinvestment"
              : "no beds have closed by this date, so there is no money to reinvest; close beds first (a change with close_beds on or before this date, in the services named by of_savings_from) or remove this reinvestment",
            true,
          ),
        ]);
      reinvestments.push({ ...r, date: change.date ?? run.start, share: change.reinvest.share });
      for (const b of r.bought)
        if (b.capacity > 0)
          changes.push({ day, kind: "capacity", service: b.service, add: b.capacity });
    }
  }
  const pathway: Pathway = {
    cohorts: model.cohorts.map((c) => ({
      id: c.id,
      name: c.name ?? c.id,
      arrivalsPerYear: c.arrivals_per_year,
      seasonality: c.seasonality ?? new Array(12).fill(1),
      growthPerYear: c.growth_per_year,
      routing: {
        crisisTeamSupportAtHome: c.crisis_team_support_at_home ?? defaults.crisisTeamSupportAtHome,
        crisisHouseInsteadOfAdmission:
          c.crisis_house_instead_of_admission ?? defaults.crisisHouseInsteadOfAdmission,
        wardStay: c.length_of_stay ?? defaults.wardStay,
        dischargeRoutes: c.discharge_routes?.map(toRoute) ?? defaults.dischargeRoutes,
        picuShare: c.picu_share ?? defaults.picuShare,
      },
    })),
    services,
    acuteOutOfArea: model.pathway.out_of_area,
    maxWaitForLocalBedDays: model.pathway.max_wait_for_local_bed_days,
    repatriateIfRemainingDaysAtLeast: model.pathway.repatriate_if_remaining_days_at_least,
    readmissionWindowDays: model.pathway.readmission_window_days,
    changes,
    horizon: { warmUpDays, days, startDate: run.start },
    ...(model.pathway.picu && {
      picu: {
        afterDays: model.pathway.picu.after_days,
        stay: model.pathway.picu.length_of_stay,
        outOfArea: model.pathway.picu.out_of_area,
      },
    }),
    ...financeOf(loaded, warmUpDays),
    ...(loaded.census && {
      census: loaded.census.map((row) => ({
        key: row.person,
        cohort: row.cohort,
        service: row.service,
        daysIn: dayOffset(row.admitted, run.start),
        ...(row.delayedSince !== undefined && {
          daysDelayed: dayOffset(row.delayedSince, run.start),
        }),
        ...(row.waitingFor !== undefined && { waitingFor: row.waitingFor }),
      })),
    }),
  };
  return { pathway, reinvestments };
}

/** Which routing setting each field of a routing change is, in the model file's words. */
const ROUTING_FIELDS = {
  crisisTeamSupportAtHome: "crisis_team_support_at_home",
  crisisHouseInsteadOfAdmission: "crisis_house_instead_of_admission",
  wardStay: "length_of_stay",
  dischargeRoutes: "discharge_routes",
  picuShare: "picu_share",
} as const;

/**
 * A routing change for the whole pathway changes the pathway's own settings, so it reaches
 * the cohorts that use them and not those with a setting of their own (older adults' own
 * discharge routes, say): one change per cohort, with only the fields it inherits.
 */
function pathwayWideRouting(
  change: Extract<DatedChange, { kind: "routing" }>,
  model: ModelInput,
): DatedChange[] {
  return model.cohorts.flatMap((cohort) => {
    const routing: Partial<Routing> = {};
    for (const [field, key] of Object.entries(ROUTING_FIELDS) as [keyof Routing, string][])
      if (
        change.routing[field] !== undefined &&
        (cohort as Record<string, unknown>)[key] === undefined
      )
        Object.assign(routing, { [field]: change.routing[field] });
    return Object.keys(routing).length > 0 ? [{ ...change, cohort: cohort.id, routing }] : [];
  });
}

function toRoute(r: RouteInput): DischargeRoute {
  return {
    name: r.route,
    share: r.share,
    to: r.to,
    whenFull: r.when_full,
    outOfArea: r.out_of_area,
    readmissionWithin30Days: r.readmission_within_30_days,
    delay: r.delay,
  };
}

function toService(s: ServiceInput, cohortIds: string[]): Service {
  return {
    id: s.id,
    name: s.name ?? s.id,
    kind: s.kind,
    capacity:
      SERVICE_KINDS[s.kind].unit === "unlimited"
        ? Number.POSITIVE_INFINITY
        : (s.beds ?? s.places ?? 0),
    accepts: s.accepts ?? cohortIds,
    stay: s.length_of_stay,
    stayMultiplier: s.stay_multiplier,
    repatriateTo: s.repatriate_to,
    cost: {
      perBedPerYear: s.cost.per_bed_per_year ?? s.cost.per_place_per_year ?? 0,
      perOccupiedBedDay: s.cost.per_occupied_bed_day ?? s.cost.per_day ?? 0,
      perEpisode: s.cost.per_episode ?? 0,
    },
  };
}

function toChange(c: ChangeInput, day: number): DatedChange | undefined {
  // Money only: read by finance (pathway.finance), not the simulation.
  if (c.one_off_cost !== undefined) return undefined;
  if (c.service !== undefined)
    return { day, kind: "capacity", service: c.service, ...capacityChangeOf(c) };
  if (c.scale_arrivals !== undefined)
    return { day, kind: "scale_arrivals", cohort: c.cohort, factor: c.scale_arrivals };
  if (c.scale_length_of_stay !== undefined)
    return { day, kind: "scale_length_of_stay", cohort: c.cohort, factor: c.scale_length_of_stay };
  if (c.scale_delays !== undefined) return { day, kind: "scale_delays", factor: c.scale_delays };
  const routing: Partial<Routing> = {};
  if (c.crisis_team_support_at_home !== undefined)
    routing.crisisTeamSupportAtHome = c.crisis_team_support_at_home;
  if (c.crisis_house_instead_of_admission !== undefined)
    routing.crisisHouseInsteadOfAdmission = c.crisis_house_instead_of_admission;
  if (c.length_of_stay !== undefined) routing.wardStay = c.length_of_stay;
  if (c.discharge_routes !== undefined) routing.dischargeRoutes = c.discharge_routes.map(toRoute);
  if (c.picu_share !== undefined) routing.picuShare = c.picu_share;
  return Object.keys(routing).length > 0
    ? { day, kind: "routing", cohort: c.cohort, routing }
    : undefined;
}

/**
 * Money released a year = beds closed (net, on or before the reinvestment date, and not
 * already spent by an earlier reinvestment) × their cost per bed per year, over the services
 * named (all beds by default). Records the beds it spends in `claimed`.
 */
function resolveReinvestment(
  change: ChangeInput,
  day: number,
  earlier: DatedChange[],
  services: Service[],
  claimed: Map<string, number>,
): Reinvestment {
  const r = change.reinvest as NonNullable<ChangeInput["reinvest"]>;
  const from = new Set(
    r.of_savings_from ??
      services.filter((s) => SERVICE_KINDS[s.kind].unit !== "unlimited").map((s) => s.id),
  );
  const byId = new Map(services.map((s) => [s.id, s]));
  const capacity = new Map(services.map((s) => [s.id, s.capacity]));
  for (const c of earlier) {
    if (c.kind !== "capacity" || c.day > day) continue;
    capacity.set(c.service, openAfter(capacity.get(c.service) ?? 0, c));
  }
  let released = 0;
  for (const id of from) {
    const s = byId.get(id);
    if (!s) continue;
    const closed = Math.max(0, s.capacity - (capacity.get(id) ?? s.capacity));
    const unspent = Math.max(0, closed - (claimed.get(id) ?? 0));
    released += unspent * s.cost.perBedPerYear;
    if (unspent > 0) claimed.set(id, closed);
  }
  return reinvest(
    released,
    r.share,
    r.into.map((t) => ({
      service: t.service,
      share: t.share,
      unitCostPerYear: byId.get(t.service)?.cost.perBedPerYear ?? 0,
    })),
  );
}

/** Prices and one-off costs, when the model or its changes have any. */
function financeOf(loaded: LoadedScenario, warmUpDays: number): { finance?: Finance } {
  const { model, run } = loaded;
  const oneOffCosts = loaded.changes.flatMap(({ change }) =>
    change.one_off_cost !== undefined && change.service !== undefined
      ? [
          {
            day: change.date ? dayOffset(run.start, change.date) : -warmUpDays,
            service: change.service,
            amount: change.one_off_cost,
          },
        ]
      : [],
  );
  if (!model.finance && oneOffCosts.length === 0) return {};
  return {
    finance: {
      inflationPerYear: model.finance?.inflation_per_year ?? 0,
      pricesOf: model.finance?.prices_of ?? financialYearOf(run.start),
      oneOffCosts,
    },
  };
}
