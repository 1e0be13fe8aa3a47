import { dayOffset } from "../model/calendar.js";

/**
 * The calendar of a run, shared by the checks on dated changes and by the pathway the
 * simulation runs, so that both agree on the first and last simulated day.
 */

const DAY_MS = 86_400_000;

/** The same day of the month, `years` later (fractional years count in days). */
function addYears(iso: string, years: number): string {
  return isoDate(addYearsTo(Date.parse(`${iso}T00:00:00Z`), years));
}

/** The date `days` days after (or before, if negative) `iso`. */
export function addDays(iso: string, days: number): string {
  return isoDate(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS);
}

function addYearsTo(time: number, years: number): number {
  const date = new Date(time);
  const whole = Math.floor(years);
  date.setUTCFullYear(date.getUTCFullYear() + whole);
  date.setUTCDate(date.getUTCDate() + Math.round((years - whole) * 365.25));
  return date.getTime();
}

/** YYYY-MM-DD (with a sign and six digits outside the years 0 to 9999, as ISO writes them). */
function isoDate(time: number): string {
  return new Date(time).toISOString().split("T")[0];
}

/** A date for a message: YYYY-MM-DD, with the year as it is outside the years 0 to 9999. */
function dateText(time: number): string {
  const year = new Date(time).getUTCFullYear();
  return year >= 0 && year <= 9999 ? isoDate(time) : `${year}${isoDate(time).slice(-6)}`;
}

export interface Horizon {
  /** Whole warm-up days simulated before `start`. */
  warmUpDays: number;
  /** Days in the results period: from `start` to the same date `years` later. */
  days: number;
  /** First simulated day (the first day of the warm-up), as a date. */
  firstDate: string;
  /** Last simulated day (the last day of the results period), as a date. */
  lastDate: string;
}

/** The simulated days of a run: a warm-up, then `years` calendar years from `start`. */
export function runHorizon(run: { start: string; years: number; warm_up_days: number }): Horizon {
  const warmUpDays = Math.round(run.warm_up_days);
  const end = addYears(run.start, run.years);
  return {
    warmUpDays,
    days: dayOffset(run.start, end),
    firstDate: addDays(run.start, -warmUpDays),
    lastDate: addDays(end, -1),
  };
}

/**
 * The days bedsim's calendar handles: the NHS financial years 1000/01 to 9998/99. Outside them
 * a year has more or fewer than four digits, so dates no longer read as YYYY-MM-DD and financial
 * years are labelled and measured wrongly (9999/00 ends in the year 10000), silently.
 */
const FIRST_DATE = "1000-04-01";
const LAST_DATE = "9999-03-31";

/**
 * Whether every simulated day, warm-up included, lies from FIRST_DATE to LAST_DATE; if not, a
 * message for the run's `start` (only a start within ten years of either end can fail, so it
 * is the start that is mistyped, more likely than years or warm-up).
 */
export function horizonProblem(run: {
  start: string;
  years: number;
  warm_up_days: number;
}): string | undefined {
  const warmUpDays = Math.round(run.warm_up_days);
  const start = Date.parse(`${run.start}T00:00:00Z`);
  const first = start - warmUpDays * DAY_MS;
  const last = addYearsTo(start, run.years) - DAY_MS;
  const earliest = Date.parse(`${FIRST_DATE}T00:00:00Z`);
  const latest = Date.parse(`${LAST_DATE}T00:00:00Z`);
  const covers = `bedsim's calendar covers ${FIRST_DATE} to ${LAST_DATE} (the financial years 1000/01 to 9998/99)`;
  if (first < earliest) {
    const warmUp =
      warmUpDays > 0
        ? ` with ${warmUpDays.toLocaleString("en-GB")} days of warm-up (from ${dateText(first)})`
        : "";
    return `start: a run from ${run.start}${warmUp} would begin before ${FIRST_DATE}, and ${covers}; start on ${dateText(earliest + warmUpDays * DAY_MS)} or later${warmUpDays > 0 ? " or shorten the warm-up" : ""}`;
  }
  if (last > latest)
    return `start: a run of ${yearsText(run.years)} from ${run.start} would end on ${dateText(last)}, after ${LAST_DATE}, and ${covers}; start on ${dateText(latestStart(run.years, latest))} or earlier or run for fewer years`;
  return undefined;
}

/** The last start date from which a run of `years` ends by `latest` (the day itself). */
function latestStart(years: number, latest: number): number {
  const whole = Math.floor(years);
  const guess = new Date(latest + DAY_MS);
  guess.setUTCDate(guess.getUTCDate() - Math.round((years - whole) * 365.25));
  guess.setUTCFullYear(guess.getUTCFullYear() - whole);
  // Month lengths and leap days can leave the guess a day or two out either way.
  let start = guess.getTime() + 3 * DAY_MS;
  while (addYearsTo(start, years) - DAY_MS > latest) start -= DAY_MS;
  return start;
}

function yearsText(years: number): string {
  return `${years.toLocaleString("en-GB")} year${years === 1 ? "" : "s"}`;
}
