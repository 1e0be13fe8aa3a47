/**
 * Admissions month by month, observed and as the fitted model expects them, for the report's
 * check that the rate, seasonality and growth describe the extract.
 */
import { monthOf } from "../data/extract-dates.js";
import { type ArrivalFit, modelGrowth } from "./fit-arrivals.js";

const DAYS_PER_YEAR = 365.25;

export interface MonthlyArrivals {
  /** Calendar months "2021-04" from the first day of arrivals to the extract date. */
  months: string[];
  observed: number[];
  /** Expected admissions each month under the fitted model (part months pro rata). */
  fitted: number[];
}

/** Month key "YYYY-MM" of a day number. */
const monthKey = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 7);

/**
 * The model's rate is the yearly rate times the month's seasonal multiplier times growth;
 * growth is centred on the middle of the period, where the fitted yearly rate (admissions
 * over years) applies.
 */
export function monthlyArrivals(
  days: number[],
  from: number,
  to: number,
  fit: ArrivalFit,
): MonthlyArrivals {
  const months: string[] = [];
  const index = new Map<string, number>();
  const fitted: number[] = [];
  const growth = modelGrowth(fit);
  const middle = (from + to) / 2;
  for (let d = from; d <= to; d++) {
    const key = monthKey(d);
    let i = index.get(key);
    if (i === undefined) {
      i = months.length;
      index.set(key, i);
      months.push(key);
      fitted.push(0);
    }
    const season = fit.seasonality ? fit.seasonality[monthOf(d)] : 1;
    fitted[i] +=
      (fit.perYear.value / DAYS_PER_YEAR) * season * (1 + growth) ** ((d - middle) / DAYS_PER_YEAR);
  }
  const observed = months.map(() => 0);
  for (const d of days) {
    const i = index.get(monthKey(d));
    if (i !== undefined) observed[i]++;
  }
  return { months, observed, fitted };
}
