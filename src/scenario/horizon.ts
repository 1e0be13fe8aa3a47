import { dayOffset } from "../model/calendar.js";

/**
 * The calendar of a run, shared by the checks on dated changes and by the pathway the
 * simulation runs, so that both agree on the first and last simulated day.
 */

/** The same day of the month, `years` later (fractional years count in days). */
export function addYears(iso: string, years: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  const whole = Math.floor(years);
  date.setUTCFullYear(date.getUTCFullYear() + whole);
  date.setUTCDate(date.getUTCDate() + Math.round((years - whole) * 365.25));
  return date.toISOString().slice(0, 10);
}

/** The date `days` days after (or before, if negative) `iso`. */
export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
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
