import type { Pathway, Service } from "./pathway.js";
import type { DischargeRoute } from "./routing.js";
import { SERVICE_KINDS } from "./service-kinds.js";

/**
 * Most services a model may have and still get KPIs for each service and ward: beyond it
 * (thousands of one-bed wards, say) the tables would run to thousands of rows and each
 * replication would keep megabytes of them, so only the totals and per-cohort KPIs are given.
 */
export const MOST_SERVICES_WITH_KPIS = 100;

/** Whether KPIs are reported for each service and ward of this pathway. */
export function reportsServiceKpis(pathway: Pick<Pathway, "services">): boolean {
  return pathway.services.length <= MOST_SERVICES_WITH_KPIS;
}

/** Services measured for each ward (delays held there) and each onward service (waits for it). */
export function isWard(s: Pick<Service, "kind">): boolean {
  return SERVICE_KINDS[s.kind].role === "acute";
}
export function isOnward(s: Pick<Service, "kind" | "capacity">): boolean {
  return SERVICE_KINDS[s.kind].role === "destination" && Number.isFinite(s.capacity);
}

/** Events counted per day. */
export const COUNT_METRICS = [
  "arrivals",
  "crisis_team_supported",
  "crisis_house_admissions",
  "crisis_house_turned_away",
  "crisis_house_step_downs",
  "admissions",
  "local_admissions",
  "oap_admissions",
  "waited",
  "waiting_days",
  "discharges",
  "readmissions_30d",
  "repatriations",
  "picu_admissions",
  "picu_oap_admissions",
  "picu_step_downs",
] as const;
export type CountMetric = (typeof COUNT_METRICS)[number];

/** Where each measured series lives in a replication's recorder. */
export interface MetricLayout {
  /** Level: beds or places occupied, per service. */
  occupied: number[];
  /** Level: beds or places open, per service (-1 for unlimited out-of-area services). */
  capacity: number[];
  /** Level: people in a delayed discharge, by discharge route name. */
  delayed: Map<string, number>;
  /** Level: people waiting for a local acute bed. */
  waiting: number;
  /** Level: people ready to leave intensive care, waiting in it for a local acute bed. */
  picuStepDownWaiting: number;
  /** Level: people of each cohort in the acute out-of-area service, per cohort. */
  cohortOutOfArea: number[];
  /**
   * Level: people in a delayed discharge, by the ward whose bed they hold; and people held in
   * an acute bed waiting for a place in each onward service. Every other service (or every
   * service, beyond MOST_SERVICES_WITH_KPIS) shares one series that nothing reads.
   */
  delayedIn: number[];
  waitingFor: number[];
  levelCount: number;
  /** Count metric index by name, then people entering each service. */
  counts: Record<CountMetric, number>;
  entries: number[];
  /** Count: admissions (local or out of area) of each cohort, then those out of area. */
  cohortAdmissions: number[];
  cohortOapAdmissions: number[];
  countCount: number;
}

export function metricLayout(pathway: Pathway): MetricLayout {
  let level = 0;
  const occupied = pathway.services.map(() => level++);
  const capacity = pathway.services.map((s) => (Number.isFinite(s.capacity) ? level++ : -1));
  const delayed = new Map<string, number>();
  for (const name of routeNames(pathway)) delayed.set(name, level++);
  const waiting = level++;
  const picuStepDownWaiting = level++;
  // Added after the older series, so their positions are unchanged.
  const cohortOutOfArea = pathway.cohorts.map(() => level++);
  const measured = reportsServiceKpis(pathway);
  const unread = level++;
  const delayedIn = pathway.services.map((s) => (measured && isWard(s) ? level++ : unread));
  const waitingFor = pathway.services.map((s) => (measured && isOnward(s) ? level++ : unread));
  let count = 0;
  const counts = Object.fromEntries(COUNT_METRICS.map((m) => [m, count++])) as Record<
    CountMetric,
    number
  >;
  const entries = pathway.services.map(() => count++);
  const cohortAdmissions = pathway.cohorts.map(() => count++);
  const cohortOapAdmissions = pathway.cohorts.map(() => count++);
  return {
    occupied,
    capacity,
    delayed,
    waiting,
    picuStepDownWaiting,
    cohortOutOfArea,
    delayedIn,
    waitingFor,
    levelCount: level,
    counts,
    entries,
    cohortAdmissions,
    cohortOapAdmissions,
    countCount: count,
  };
}

/** Every discharge route name used by any cohort or dated routing change, in first-seen order. */
export function routeNames(pathway: Pathway): string[] {
  return [...new Set(allRoutes(pathway).map((r) => r.name))];
}

/**
 * Routes on which a discharge can be delayed: those that keep the person in bed while their
 * destination is full, or that have delays outside the modelled services. The others (go home
 * or out of area when full) never delay anyone, so their delayed bed-days are left out.
 */
export function delayableRouteNames(pathway: Pathway): Set<string> {
  return new Set(
    allRoutes(pathway)
      .filter(canDelay)
      .map((r) => r.name),
  );
}

/** Whether a discharge by this route can be delayed (see `delayableRouteNames`). */
function canDelay(route: Pick<DischargeRoute, "to" | "whenFull" | "delay">): boolean {
  return (route.to !== undefined && route.whenFull === "stay_in_bed") || route.delay !== undefined;
}

/** Every discharge route of every cohort, and of every dated routing change. */
function allRoutes(pathway: Pathway): DischargeRoute[] {
  return [
    ...pathway.cohorts.flatMap((c) => c.routing.dischargeRoutes),
    ...pathway.changes.flatMap((c) =>
      c.kind === "routing" ? (c.routing.dischargeRoutes ?? []) : [],
    ),
  ];
}
