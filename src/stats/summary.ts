import { tQuantile } from "./t-quantile.js";

/** A KPI across replications: the mean with its 95% t-interval, and the spread. */
export interface Summary {
  mean: number;
  ci95: [number, number];
  p10: number;
  p50: number;
  p90: number;
  sd: number;
  n: number;
}

export function summarise(values: ArrayLike<number>): Summary {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = n > 0 ? sum / n : Number.NaN;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
  const half = n > 1 ? tQuantile(0.975, n - 1) * (sd / Math.sqrt(n)) : 0;
  return {
    mean,
    ci95: [mean - half, mean + half],
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    sd,
    n,
  };
}

/** Half-width of the 95% interval as a fraction of the mean (Infinity when the mean is 0). */
export function relativeHalfWidth(s: Summary): number {
  const half = (s.ci95[1] - s.ci95[0]) / 2;
  if (half === 0) return 0;
  return Math.abs(s.mean) > 0 ? half / Math.abs(s.mean) : Number.POSITIVE_INFINITY;
}

/** Linear interpolation between order statistics (R's type 7, as in spreadsheets). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
