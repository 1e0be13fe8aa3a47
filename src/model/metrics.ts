import type { Pathway } from "./pathway.js";
import type { DischargeRoute } from "./routing.js";

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
  /** Level: people in a delayed discharge, by the service whose bed they hold. */
  delayedIn: number[];
  /** Level: people held in an acute bed waiting for a place in each service. */
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
  const delayedIn = pathway.services.map(() => level++);
  const waitingFor = pathway.services.map(() => level++);
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
