import { getHeapStatistics } from "node:v8";
import { runHorizon } from "./horizon.js";
import type { Problem } from "./input-error.js";
import type { LoadedScenario } from "./scenario-types.js";

/**
 * Refuses runs that would exhaust memory or take absurdly long, before anything runs: a
 * mistyped growth rate, arrivals in the wrong units or an extra zero on replications should
 * be an error message now, not a crash or a frozen laptop an hour later.
 *
 * The estimates are calibrated on the bundled baseline (about 1,650 arrivals a year, 12
 * services): 5 years after a 3-year warm-up took about 12 ms per replication on one core
 * (`npm run bench`), rounded up to 15 ms for slower machines, and about 95 KB of kept results
 * per replication. They are meant to be within a factor of two or so: enough to tell a
 * 10-minute run from a 10-day one.
 */

/** Seconds of one core per simulated arrival: 15 ms / (1,650 a year × 8 years). */
const SECONDS_PER_ARRIVAL = 0.015 / (1650 * 8);
/** Kept results per replication: a fixed part (KPIs, costs by year)… */
const BYTES_PER_REPLICATION = 12_000;
/** …and the daily occupancy series and monthly and yearly rows, per simulated day. */
const BYTES_PER_SIMULATED_DAY = 28;

export const RUN_LIMITS = {
  /** Most computing time, in hours of one core. Worker threads share it out. */
  hours: 6,
  /** Most memory for the kept results: 4 GB, or less if this Node.js has less heap. */
  bytes: Math.min(4 * 1024 ** 3, 0.9 * getHeapStatistics().heap_size_limit),
} as const;

export interface RunSize {
  /** People simulated in one replication (warm-up included), with growth and scaled arrivals. */
  arrivalsPerReplication: number;
  replications: number;
  points: number;
  /** Estimated computing time, in seconds of one core. */
  seconds: number;
  /** Estimated memory for the results kept until the run is summarised. */
  bytes: number;
}

/** Estimates the work of running `loaded` at `points` settings (a sweep), or once. */
export function estimateRunSize(loaded: LoadedScenario, points = 1): RunSize {
  const { run, model, changes } = loaded;
  const simulatedYears = run.years + run.warm_up_days / 365.25;
  const { days, warmUpDays } = runHorizon(run);
  const simulatedDays = days + warmUpDays;
  let arrivals = 0;
  for (const cohort of model.cohorts) {
    // Scaled arrivals are counted as if every scaling applied throughout: an upper bound.
    let scale = 1;
    for (const { change } of changes) {
      if (change.scale_arrivals === undefined) continue;
      if (change.cohort !== undefined && change.cohort !== cohort.id) continue;
      scale *= Math.max(1, change.scale_arrivals);
    }
    arrivals +=
      cohort.arrivals_per_year * scale * grownYears(cohort.growth_per_year, simulatedYears);
  }
  const runs = run.replications * points;
  return {
    arrivalsPerReplication: arrivals,
    replications: run.replications,
    points,
    seconds: arrivals * SECONDS_PER_ARRIVAL * runs,
    bytes: (BYTES_PER_REPLICATION + BYTES_PER_SIMULATED_DAY * simulatedDays) * runs,
  };
}

/**
 * Problems with the size of the run, located at `run.replications` (when fewer replications
 * would do) or `run.years` (when even two replications are too much). `points` is the number
 * of settings a sweep runs, each with the scenario's replications.
 */
export function runSizeProblems(loaded: LoadedScenario, points = 1): Problem[] {
  const size = estimateRunSize(loaded, points);
  const runs = size.replications * size.points;
  const perRun = { seconds: size.seconds / runs, bytes: size.bytes / runs };
  const settings = points > 1 ? ` at each of ${points.toLocaleString("en-GB")} settings` : "";
  const what = `${size.replications.toLocaleString("en-GB")} replications${settings} of ${describeYears(loaded)}`;

  const tooLong = !(size.seconds <= RUN_LIMITS.hours * 3600);
  const tooBig = !(size.bytes <= RUN_LIMITS.bytes);
  if (!tooLong && !tooBig) return [];

  // How many replications would fit both limits.
  const fits = Math.floor(
    Math.min((RUN_LIMITS.hours * 3600) / perRun.seconds, RUN_LIMITS.bytes / perRun.bytes) / points,
  );
  const fewer =
    fits >= 2 && fits < size.replications
      ? `use at most ${roundDown(fits).toLocaleString("en-GB")} replications${points > 1 ? " per setting" : ""}${fits >= 1000 ? " (200 to 1,000 is usually plenty; --precision adds them only as needed)" : ""}`
      : undefined;
  const shorter = `shorten the run (years or warm_up_days)${points > 1 ? ", vary fewer settings" : ""} or check the arrivals and growth in the model`;
  const key = fewer ? "replications" : "years";
  const costs = [
    tooLong
      ? `simulate ${count(size.arrivalsPerReplication * runs)} arrivals (${count(size.arrivalsPerReplication)} per replication), taking ${duration(size.seconds)} of computing on one core (bedsim allows ${RUN_LIMITS.hours} hours)`
      : undefined,
    tooBig
      ? `need ${bytes(size.bytes)} of memory for the results (bedsim allows ${bytes(RUN_LIMITS.bytes).replace("about ", "")})`
      : undefined,
  ].filter(Boolean);
  return [
    locate(
      loaded,
      key,
      `${key}: ${what} is too big a run: it would ${costs.join(" and ")}; ${fewer ? `${fewer}, or ${shorter}` : shorter}`,
    ),
  ];
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
