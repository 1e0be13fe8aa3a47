/**
 * Arrivals per cohort: a Poisson rate a year with its interval, monthly seasonality when there
 * are enough months to see it, and yearly growth from a Poisson regression on month counts.
 */
import { monthOf } from "../data/extract-dates.js";
import { type Estimate, poissonRate, Z95 } from "./estimates.js";

const DAYS_PER_YEAR = 365.25;
/** Seasonality needs two full years and about ten admissions a month on average. */
export const SEASONALITY_MIN_YEARS = 2;
export const SEASONALITY_MIN_PER_MONTH = 10;
/** Chi-squared, 11 degrees of freedom, upper 5% point: months differ by more than chance. */
const CHI2_11_95 = 19.675;
/** Growth needs two years of arrivals to separate from noise. */
export const GROWTH_MIN_YEARS = 2;

export interface ArrivalFit {
  admissions: number;
  years: number;
  perYear: Estimate;
  /** Absent: not enough data, so arrivals are flat through the year. */
  seasonality?: number[];
  /** Chi-squared statistic of equal monthly rates (11 degrees of freedom). */
  seasonalityChi2: number;
  /** Yearly growth as a fraction, with its interval; absent when the period is too short. */
  growth?: Estimate;
}

/**
 * The yearly growth the written model uses: the estimate when its interval excludes no growth
 * (kept within what the model accepts), otherwise none, since noise written as growth would be
 * simulated as real.
 */
export function modelGrowth(fit: ArrivalFit): number {
  const g = fit.growth;
  if (!g || (g.low <= 0 && g.high >= 0)) return 0;
  return Math.min(0.99, Math.max(-0.49, g.value));
}

/** `days` are admission day numbers within [from, to]. */
export function fitArrivals(days: number[], from: number, to: number): ArrivalFit {
  const length = to - from + 1;
  const years = length / DAYS_PER_YEAR;
  const perYear = poissonRate(days.length, years);
  // Exposure: how many days of each calendar month the period covers, and the counts in each.
  const exposure = new Array(12).fill(0);
  for (let d = from; d <= to; d++) exposure[monthOf(d)]++;
  const counts = new Array(12).fill(0);
  for (const d of days) counts[monthOf(d)]++;
  let seasonality: number[] | undefined;
  // Only when there is enough data and the months differ by more than chance, else flat:
  // monthly counts are noisy, and noise written as seasonality would be simulated as real.
  const expected = exposure.map((e) => (days.length * e) / length);
  const chi2 = counts.reduce((s, c, m) => s + (c - expected[m]) ** 2 / expected[m], 0);
  const enough =
    years >= SEASONALITY_MIN_YEARS && days.length >= SEASONALITY_MIN_PER_MONTH * 12 * years;
  if (enough && chi2 > CHI2_11_95) {
    const rates = counts.map((c, m) => c / exposure[m]);
    const mean = rates.reduce((a, b) => a + b, 0) / 12;
    seasonality = rates.map((r) => r / mean);
  }
  const growth = years >= GROWTH_MIN_YEARS ? fitGrowth(days, from, to, seasonality) : undefined;
  return { admissions: days.length, years, perYear, seasonality, seasonalityChi2: chi2, growth };
}

/**
 * Poisson regression of 30-day block counts on time (log rate = a + b t), the seasonal
 * multipliers as an offset, by Newton's method; growth a year is exp(365.25 b) - 1.
 */
function fitGrowth(days: number[], from: number, to: number, seasonality?: number[]): Estimate {
  const BLOCK = 30;
  const blocks = Math.ceil((to - from + 1) / BLOCK);
  const count = new Array(blocks).fill(0);
  for (const d of days) count[Math.floor((d - from) / BLOCK)]++;
  const time: number[] = [];
  const offset: number[] = [];
  for (let k = 0; k < blocks; k++) {
    const first = from + k * BLOCK;
    const last = Math.min(to, first + BLOCK - 1);
    let weight = 0;
    for (let d = first; d <= last; d++) weight += seasonality ? seasonality[monthOf(d)] : 1;
    time.push((first + last) / 2 - from);
    offset.push(Math.log(weight));
  }
  let a = Math.log(days.length / offset.reduce((s, o) => s + Math.exp(o), 0));
  let b = 0;
  let info = [1, 0, 1];
  for (let it = 0; it < 50; it++) {
    let ga = 0;
    let gb = 0;
    let haa = 0;
    let hab = 0;
    let hbb = 0;
    for (let k = 0; k < blocks; k++) {
      const mu = Math.exp(a + b * time[k] + offset[k]);
      ga += count[k] - mu;
      gb += (count[k] - mu) * time[k];
      haa += mu;
      hab += mu * time[k];
      hbb += mu * time[k] * time[k];
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    info = [haa, hab, hbb];
    if (Math.abs(db) < 1e-12 && Math.abs(da) < 1e-10) break;
  }
  const seB = Math.sqrt(info[0] / (info[0] * info[2] - info[1] * info[1]));
  const yearly = (x: number) => Math.expm1(x * DAYS_PER_YEAR);
  return { value: yearly(b), low: yearly(b - Z95 * seB), high: yearly(b + Z95 * seB) };
}
