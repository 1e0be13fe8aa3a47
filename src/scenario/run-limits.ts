import { makeDistribution } from "../engine/distributions.js";
import { COUNT_METRICS, MOST_SERVICES_WITH_KPIS } from "../model/metrics.js";
import { SERVICE_KINDS } from "../model/service-kinds.js";
import { horizonProblem, runHorizon } from "./horizon.js";
import type { Problem } from "./input-error.js";
import type { LoadedScenario } from "./scenario-types.js";
import type { ChangeInput, CohortInput, ModelInput } from "./schema.js";

/**
 * Refuses runs that would exhaust memory or take absurdly long, before anything runs: a
 * mistyped growth rate, arrivals in the wrong units, readmission shares that never let anyone
 * go, thousands of services or an extra zero on replications should be an error message now,
 * not a crash or a frozen laptop an hour later.
 *
 * The estimate follows what the simulation does (src/model): every arrival is an event; a
 * person admitted has about EVENTS_PER_EPISODE more (stay ends, delays, step-downs, waits),
 * and each readmission repeats them; every admission tries each ward that takes the cohort;
 * and every replication records one number a simulated day for each of its daily series
 * (beds occupied and open per service, people delayed per route, entries per service and the
 * fixed counts), then keeps its results (KPIs and costs over the results period and per
 * financial year, and monthly series, as doubles: experiment/outcome-table.ts) until the run
 * is summarised.
 *
 * Calibration, measured with `npm run build` and replications timed in one thread (best of
 * three, on a shared 2-core machine), and memory as what the outcome table keeps and peak RSS:
 * - baseline (15 services, 15,100 arrivals over 5 years and a 1,460-day warm-up): 36,500
 *   events, 16-26 ms a replication (0.47-0.79 µs an event); 9.3 KB kept per replication
 *   (1,158 figures of 8 bytes: estimate 9.7 KB); 5,000 replications on 2 workers peaked at
 *   275 MB RSS, 200 at 190 MB;
 * - every readmission share 90%, 0.01-day stays: 264,000 events (estimate 257,000), 0.16 s;
 *   at 100%: 1.06 million events in 0.46 s (0.43 µs each; estimate 2.6 million, as people
 *   then wait in bed for full community places and go round less often, which the estimate
 *   cannot know), and over 4 and 1 years without warm-up 375,000 and 27,000 events (estimates
 *   510,000 and 34,000: four times the years, fourteen times the work); with the bundled
 *   stays at 100%: 711,000 events (estimate 800,000);
 * - 3,012 services (3,000 one-bed wards added): 0.36 s a replication with almost no arrivals
 *   (29.8 million recorded service-days: 12 ns each), 0.47 s with the baseline arrivals (the
 *   rest is each admission trying 3,002 wards, about 3 ns each); a cost a service for the
 *   whole period and each year kept per replication (test/scenario/run-limits.test.ts checks
 *   the estimate against what the table keeps); a replication in flight holds about 238 MB of
 *   daily series. A worker thread adds about 33 MB (baseline, 1 vs 2 workers).
 * They are meant to be within a factor of two or so (and rather over than under): enough to
 * tell a 10-minute run from a 10-day one.
 */

/** Seconds of one core per event: 0.47-0.79 µs measured. */
const SECONDS_PER_EVENT = 0.6e-6;
/** Events after the arrival for each admission (fitted to the baseline's 33,000). */
const EVENTS_PER_EPISODE = 1.4;
/** Seconds per recorded number (one series, one day): allocating, filling and summing it. */
const SECONDS_PER_SERIES_DAY = 12e-9;
/** Seconds for an admission to look at one ward for a free bed. */
const SECONDS_PER_WARD_TRIED = 3e-9;
/** Kept bytes per KPI, cost or monthly figure of a replication (a double in the outcome table). */
const BYTES_PER_RESULT = 8;
/** A worker thread's own memory: its JavaScript engine, code and copy of the pathway. */
const BYTES_PER_THREAD = 32e6;
/** The KPIs every replication reports whatever the model (outcomes.ts), and total_cost. */
const FIXED_KPIS = 36;
/** KPIs reported for each cohort, and at most for each service (reported-kpis.ts). */
const KPIS_PER_COHORT = 6;
const KPIS_PER_SERVICE = 5;
/** Monthly series kept per replication (outcomes.ts). */
const MONTHLY_SERIES = 6;

/** The most memory a run may plan to use, before the host says how much heap it has. */
const MAX_BYTES = 4 * 1024 ** 3;

export const RUN_LIMITS = {
  /** Most computing time, in hours of one core. Worker threads share it out. */
  hours: 6,
  /** Most memory for the kept results and replications in flight: 4 GB, or less if less heap. */
  bytes: MAX_BYTES,
};

/**
 * Says how much heap the host's JavaScript engine allows (the command line reads it from
 * Node): runs are then kept within nine tenths of it. Told rather than looked up, like the
 * number of workers, so that this file runs in a web page too.
 */
export function planMemory(heapLimitBytes: number): void {
  RUN_LIMITS.bytes = Math.min(MAX_BYTES, 0.9 * heapLimitBytes);
}

/** Worker threads the coming run will use: one unless the host says (see planWorkers). */
let plannedWorkers = 1;

/**
 * Says how many worker threads the coming run will use, before its scenario is loaded: each
 * holds a replication's daily figures, so a model of many services may fit in memory with a
 * few threads and not with one per core. The command line calls this with --workers, or one
 * per core, already capped at the cores; told here rather than looked up so that this file
 * (like the rest of src/scenario) also runs in a web page.
 */
export function planWorkers(workers: number): void {
  plannedWorkers = Math.max(1, Math.floor(workers));
}

export interface RunSize {
  /** People simulated in one replication (warm-up included), with growth and scaled arrivals. */
  arrivalsPerReplication: number;
  /** Readmissions per person admitted, on average, in the cohort with the most. */
  readmissionsPerAdmission: number;
  /** Events one replication handles: arrivals, stay ends, delays, readmissions and so on. */
  eventsPerReplication: number;
  services: number;
  /** Numbers a replication records: one a simulated day for each daily series. */
  seriesDays: number;
  replications: number;
  points: number;
  /** Worker threads the run will use (as planned, and no more than its replications). */
  workers: number;
  /** Estimated computing time, in seconds of one core. */
  seconds: number;
  /** Estimated memory for the results kept until the run is summarised. */
  bytes: number;
  /** Estimated memory for the replications in flight: the recording of one per worker thread. */
  workingBytes: number;
  /** Of `bytes + workingBytes`, the part that grows with the number of services. */
  serviceBytes: number;
}

/**
 * Estimates the work of running `loaded` at `points` settings (a sweep), or once, with
 * `replications` at each (by default the scenario's own).
 */
export function estimateRunSize(
  loaded: LoadedScenario,
  points = 1,
  replications = loaded.run.replications,
): RunSize {
  const { run, model, changes } = loaded;
  const simulatedYears = run.years + run.warm_up_days / 365.25;
  const { days, warmUpDays, lastDate } = runHorizon(run);
  const simulatedDays = days + warmUpDays;

  let arrivals = 0;
  let events = 0;
  let wardsTried = 0;
  let readmissions = 0;
  for (const cohort of model.cohorts) {
    // Scaled arrivals are counted as if every scaling applied throughout: an upper bound.
    let scale = 1;
    for (const { change } of changes) {
      if (change.scale_arrivals === undefined) continue;
      if (change.cohort !== undefined && change.cohort !== cohort.id) continue;
      scale *= Math.max(1, change.scale_arrivals);
    }
    const people =
      cohort.arrivals_per_year * scale * grownYears(cohort.growth_per_year, simulatedYears);
    const { admitted, episodes } = admissionsPerArrival(model, cohort, changes, simulatedDays);
    arrivals += people;
    events +=
      people * (1 + admitted * (EVENTS_PER_EPISODE + (episodes - 1) * (1 + EVENTS_PER_EPISODE)));
    wardsTried += people * admitted * episodes * wardsFor(model, cohort.id);
    readmissions = Math.max(readmissions, episodes - 1);
  }

  // The recorder's daily series (metrics.ts): occupied and open per service (open only where
  // limited), people delayed per route, waiting for a bed and for a PICU step-down; counts
  // per kind and entries per service; out of area by cohort, delayed and waiting for a place
  // by service; admissions and out-of-area admissions by cohort.
  const services = model.services.length;
  const cohorts = model.cohorts.length;
  const limited = model.services.filter((s) => SERVICE_KINDS[s.kind].unit !== "unlimited").length;
  const routes = routeNames(model, changes).size;
  const measured = services <= MOST_SERVICES_WITH_KPIS;
  const perService = measured ? services : 0;
  const series =
    services +
    limited +
    routes +
    2 +
    COUNT_METRICS.length +
    services +
    3 * cohorts +
    1 +
    perService;
  const seriesDays = series * simulatedDays;

  // Kept per replication (experiment/outcome-table.ts): the KPIs (one a route and a cost a
  // service among them) for the whole period and each financial year, and the monthly series.
  const { financialYears, months } = periodsOf(run.start, lastDate);
  const keptFigures =
    (financialYears + 1) *
      (FIXED_KPIS + routes + services + KPIS_PER_COHORT * cohorts + KPIS_PER_SERVICE * perService) +
    MONTHLY_SERIES * months;
  const keptPerReplication = BYTES_PER_RESULT * keptFigures;
  // In flight per worker: the replication being recorded, and the one before it, which
  // garbage collection has often not yet freed.
  const workers = Math.max(1, Math.min(plannedWorkers, replications));
  const workingPerWorker = BYTES_PER_THREAD + 2 * 8 * seriesDays;

  const runs = replications * points;
  const perRun =
    events * SECONDS_PER_EVENT +
    seriesDays * SECONDS_PER_SERIES_DAY +
    wardsTried * SECONDS_PER_WARD_TRIED;
  return {
    arrivalsPerReplication: arrivals,
    readmissionsPerAdmission: readmissions,
    eventsPerReplication: events,
    services,
    seriesDays,
    replications,
    points,
    workers,
    seconds: perRun * runs,
    bytes: keptPerReplication * runs,
    workingBytes: workingPerWorker * workers,
    serviceBytes:
      BYTES_PER_RESULT * (financialYears + 1) * services * runs +
      2 * 8 * 3 * services * simulatedDays * workers,
  };
}

/** What the points of a job are: a sweep's settings, or a comparison's scenarios. */
export type JobKind = "sweep" | "compare";

/**
 * Problems with the size of the run, located at `run.replications` (when fewer replications
 * would do) or `run.years` (when even two replications are too much). `points` is the number
 * of settings a sweep runs (or of scenarios a comparison runs), each with the scenario's
 * replications. A run whose dates the calendar cannot handle is refused first, at its start
 * (see horizon.ts): this is called for every scenario loaded (load.ts), so that check is made
 * wherever this one is.
 */
export function runSizeProblems(
  loaded: LoadedScenario,
  points = 1,
  job: JobKind = "sweep",
): Problem[] {
  const dates = horizonProblem(loaded.run);
  if (dates) return [locate(loaded, "start", dates)];
  const size = estimateRunSize(loaded, points);
  const verdict = judge(size, loaded, job);
  if (!verdict) return [];
  const many = points.toLocaleString("en-GB");
  const each =
    points === 1
      ? ""
      : job === "compare"
        ? ` for each of ${many} scenarios`
        : ` at each of ${many} settings`;
  const what = `${size.replications.toLocaleString("en-GB")} replications${each} of ${describeYears(loaded)}`;
  const fits = Math.floor(verdict.fits / points);
  const per = points === 1 ? "" : job === "compare" ? " per scenario" : " per setting";
  const fewer =
    fits >= 2 && fits < size.replications
      ? `use at most ${roundDown(fits).toLocaleString("en-GB")} replications${per}${fits >= 1000 ? " (200 to 1,000 is usually plenty; --precision adds them only as needed)" : ""}`
      : undefined;
  const key = fewer ? "replications" : "years";
  return [
    locate(
      loaded,
      key,
      `${key}: ${what} is too big a run: it would ${verdict.costs}; ${fewer ? `${fewer}, or ${verdict.otherwise}` : verdict.otherwise}`,
    ),
  ];
}

/**
 * `--precision` adds replications up to `maxReplications`: the run is checked at that worst
 * case before it starts, and blamed on --max-replications (or on its default, when not given).
 */
export function precisionSizeProblems(
  loaded: LoadedScenario,
  maxReplications: number,
  isDefault: boolean,
): Problem[] {
  if (maxReplications <= loaded.run.replications) return [];
  const size = estimateRunSize(loaded, 1, maxReplications);
  const verdict = judge(size, loaded, "sweep");
  if (!verdict) return [];
  const most = maxReplications.toLocaleString("en-GB");
  const fits = Math.floor(verdict.fits);
  const option = isDefault
    ? `--precision: it may add replications up to ${most} (the default --max-replications)`
    : `--max-replications ${maxReplications}: --precision may add replications up to ${most}`;
  const instead =
    fits >= Math.max(2, loaded.run.replications)
      ? `give --max-replications ${roundDown(fits).toLocaleString("en-GB")} or fewer`
      : verdict.otherwise;
  return [
    {
      message: `${option}, and ${most} replications of ${describeYears(loaded)} is too big a run: it would ${verdict.costs}; ${instead}`,
    },
  ];
}

/**
 * Of several scenarios run in one job (a comparison's, or a sweep's corners), the one whose
 * run is biggest, to check the job by: each is checked alone when loaded, but a baseline
 * can be far smaller than the scenario compared with it, or the first value of a sweep than
 * its last.
 */
export function largestRun(scenarios: LoadedScenario[]): LoadedScenario {
  // How near the limits: time and memory together, so that of two runs needing the same
  // memory the longer one counts as bigger.
  const share = (loaded: LoadedScenario) => {
    const size = estimateRunSize(loaded);
    return (
      size.seconds / (RUN_LIMITS.hours * 3600) + (size.bytes + size.workingBytes) / RUN_LIMITS.bytes
    );
  };
  return scenarios.reduce((a, b) => (share(b) > share(a) ? b : a));
}

/** What is too much about a run of this size, how many replications would fit, what else to do. */
function judge(
  size: RunSize,
  loaded: LoadedScenario,
  job: JobKind,
): { costs: string; fits: number; otherwise: string } | undefined {
  const runs = size.replications * size.points;
  const total = size.bytes + size.workingBytes;
  const tooLong = !(size.seconds <= RUN_LIMITS.hours * 3600);
  const tooBig = !(total <= RUN_LIMITS.bytes);
  if (!tooLong && !tooBig) return undefined;

  // How many replications (in all) would fit both limits; the memory in flight is there
  // however few replications run.
  const fits = Math.min(
    (RUN_LIMITS.hours * 3600) / (size.seconds / runs),
    (RUN_LIMITS.bytes - size.workingBytes) / (size.bytes / runs),
  );
  const readmitted = size.readmissionsPerAdmission >= 1;
  const manyServices = tooBig && size.serviceBytes > total / 2;
  const readmissions = readmitted
    ? `, each person admitted being readmitted about ${Number(size.readmissionsPerAdmission.toPrecision(2)).toLocaleString("en-GB")} times`
    : "";
  const costs = [
    tooLong
      ? `simulate ${count(size.arrivalsPerReplication * runs)} arrivals (${count(size.arrivalsPerReplication)} per replication${readmissions}), taking ${duration(size.seconds)} of computing on one core (bedsim allows ${RUN_LIMITS.hours} hours)`
      : undefined,
    tooBig
      ? `need ${bytes(total)} of memory for ${manyServices ? `the daily figures and results of ${size.services.toLocaleString("en-GB")} services` : "the results"} (bedsim allows ${bytes(RUN_LIMITS.bytes).replace("about ", "")})`
      : undefined,
  ].filter(Boolean);

  const everyone = maxReadmission(loaded.model, loaded.changes) >= 1;
  const remedies = [
    "shorten the run (years or warm_up_days)",
    ...(size.points > 1
      ? [job === "compare" ? "compare fewer scenarios" : "vary fewer settings"]
      : []),
    ...(tooBig && size.workers > 1 && size.workingBytes > size.bytes
      ? [
          `use fewer --workers (each of the ${size.workers} holds a replication's daily figures, ${bytes(size.workingBytes / size.workers)})`,
        ]
      : []),
    ...(manyServices ? ["model fewer services (each keeps daily figures for every day)"] : []),
    ...(readmitted && tooLong
      ? [
          `check the readmission shares (readmission_within_30_days)${everyone ? ": at 100% on every route nobody ever leaves care for good" : ""}`,
        ]
      : []),
    ...(!manyServices && !(readmitted && tooLong)
      ? ["check the arrivals and growth in the model"]
      : []),
  ];
  const otherwise =
    remedies.length > 1
      ? `${remedies.slice(0, -1).join(", ")} or ${remedies[remedies.length - 1]}`
      : remedies[0];
  return { costs: costs.join(" and "), fits, otherwise };
}

/**
 * Of the people of a cohort who arrive, the share admitted (not supported at home), and the
 * episodes each has on average: the first admission and its readmissions. The worst case of
 * the cohort's own settings and any dated routing change that reaches it.
 */
function admissionsPerArrival(
  model: ModelInput,
  cohort: CohortInput,
  changes: LoadedScenario["changes"],
  simulatedDays: number,
): { admitted: number; episodes: number } {
  const applies = (change: ChangeInput) =>
    change.cohort === undefined || change.cohort === cohort.id;
  let stayFactor = 1;
  for (const { change } of changes)
    if (applies(change) && change.scale_length_of_stay !== undefined)
      stayFactor *= Math.min(1, change.scale_length_of_stay);
  const own = {
    home: cohort.crisis_team_support_at_home ?? model.pathway.crisis_team_support_at_home,
    stay: cohort.length_of_stay ?? model.pathway.length_of_stay,
    routes: cohort.discharge_routes ?? model.pathway.discharge_routes,
  };
  const settings = [own];
  for (const { change } of changes)
    if (applies(change))
      settings.push({
        home: change.crisis_team_support_at_home ?? own.home,
        stay: change.length_of_stay ?? own.stay,
        routes: change.discharge_routes ?? own.routes,
      });
  let admitted = 0;
  let episodes = 1;
  for (const { home, stay, routes } of settings) {
    admitted = Math.max(admitted, 1 - home);
    // A readmission comes on average half the window after a discharge, which comes after
    // the stay and any delay: the shortest time round the loop bounds how many fit in the run.
    let readmission = 0;
    let delay = 0;
    for (const route of routes) {
      readmission += route.share * route.readmission_within_30_days;
      if (route.delay) delay += route.share * route.delay.share * meanOf(route.delay.length);
    }
    const loop = meanOf(stay) * stayFactor + delay + model.pathway.readmission_window_days / 2;
    episodes = Math.max(episodes, episodesPerPerson(readmission, simulatedDays / loop));
  }
  return { admitted, episodes };
}

/**
 * Episodes per person when each is followed by another with probability `p` and at most `n`
 * fit in the run: 1/(1 - p) for a long run, but a person arriving at a uniformly random time
 * has room for only 1 + u loops (u uniform on 0 to n), so the mean of (1 - p^(1+u))/(1 - p).
 * With p = 1 (everyone readmitted) that is 1 + n/2: work grows with the square of the years.
 */
function episodesPerPerson(p: number, n: number): number {
  if (!(p > 0)) return 1;
  if (!Number.isFinite(n)) return p < 1 ? 1 / (1 - p) : Number.POSITIVE_INFINITY;
  const logP = -Math.log(p);
  if (logP * n < 1e-6) return 1 + n / 2;
  return (1 - (p * -Math.expm1(-logP * n)) / (n * logP)) / (1 - p);
}

/** The highest share readmitted of any cohort's (or dated change's) discharge routes. */
function maxReadmission(model: ModelInput, changes: LoadedScenario["changes"]): number {
  const shares = (routes: ModelInput["pathway"]["discharge_routes"] | undefined) =>
    (routes ?? []).reduce((a, r) => a + r.share * r.readmission_within_30_days, 0);
  return Math.max(
    shares(model.pathway.discharge_routes),
    ...model.cohorts.map((c) => shares(c.discharge_routes)),
    ...changes.map(({ change }) => shares(change.discharge_routes)),
  );
}

/** Mean of a length-of-stay distribution, or 0 (the most pessimistic) if it cannot be built. */
function meanOf(spec: Parameters<typeof makeDistribution>[0]): number {
  try {
    const mean = makeDistribution(spec).mean;
    return Number.isFinite(mean) && mean > 0 ? mean : 0;
  } catch {
    return 0;
  }
}

/** Acute wards that take a cohort: each admission looks at every one for a free bed. */
function wardsFor(model: ModelInput, cohort: string): number {
  return model.services.filter(
    (s) =>
      SERVICE_KINDS[s.kind].role === "acute" &&
      (s.accepts === undefined || s.accepts.includes(cohort)),
  ).length;
}

/** Discharge route names of the pathway, the cohorts and dated changes: a series each. */
function routeNames(model: ModelInput, changes: LoadedScenario["changes"]): Set<string> {
  return new Set(
    [
      model.pathway.discharge_routes,
      ...model.cohorts.map((c) => c.discharge_routes ?? []),
      ...changes.map(({ change }) => change.discharge_routes ?? []),
    ].flatMap((routes) => routes.map((r) => r.route)),
  );
}

/** Financial years and months the results period (from `start` to `last`) touches. */
function periodsOf(start: string, last: string): { financialYears: number; months: number } {
  const [y0, m0] = start.split("-").map(Number);
  const [y1, m1] = last.split("-").map(Number);
  const financialYear = (y: number, m: number) => (m < 4 ? y - 1 : y);
  return {
    financialYears: financialYear(y1, m1) - financialYear(y0, m0) + 1,
    months: (y1 - y0) * 12 + (m1 - m0) + 1,
  };
}

function locate(loaded: LoadedScenario, key: string, message: string): Problem {
  return loaded.locateRun
    ? loaded.locateRun([key], message, false)
    : { file: loaded.file, message };
}

/** Years of arrivals over `years` years with compound growth `g` a year (1 + g times each year). */
function grownYears(g: number, years: number): number {
  if (g === 0) return years;
  return ((1 + g) ** years - 1) / Math.log(1 + g);
}

function describeYears(loaded: LoadedScenario): string {
  const { years, warm_up_days } = loaded.run;
  return `${years} years${warm_up_days > 0 ? ` (plus ${warm_up_days.toLocaleString("en-GB")} days of warm-up)` : ""}`;
}

function count(n: number): string {
  if (!Number.isFinite(n) || n >= 1e15) return "more than a million billion";
  const about = (x: number, unit: string) =>
    `about ${x.toLocaleString("en-GB", { maximumSignificantDigits: 3 })} ${unit}`;
  if (n >= 1e9) return about(n / 1e9, "billion");
  if (n >= 1e6) return about(n / 1e6, "million");
  return `about ${Math.round(n).toLocaleString("en-GB")}`;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds > 3.15e9) return "more than a century";
  const hours = seconds / 3600;
  if (hours < 48) return `about ${Number(hours.toPrecision(2)).toLocaleString("en-GB")} hours`;
  const days = hours / 24;
  if (days < 730) return `about ${Math.round(days).toLocaleString("en-GB")} days`;
  return `about ${Math.round(days / 365).toLocaleString("en-GB")} years`;
}

function bytes(n: number): string {
  if (!Number.isFinite(n) || n >= 1e15) return "more than a thousand terabytes";
  if (n >= 1e12) return `about ${Number((n / 1e12).toPrecision(2))} TB`;
  if (n >= 1e9) return `about ${Number((n / 1e9).toPrecision(2))} GB`;
  return `about ${Math.round(n / 1e6)} MB`;
}

/** 12,345 → 12,000: a suggested number should not look more precise than the estimate. */
function roundDown(n: number): number {
  if (n < 100) return n;
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.floor(n / step) * step;
}
