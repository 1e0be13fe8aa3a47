import { tQuantile } from "./t-quantile.js";

/**
 * A 95% interval for the p-quantile of values that come in clusters (the financial years of
 * one replication), by inverting a confidence interval for the share of values at or below
 * each candidate (Woodruff's method). The share's standard error is taken between clusters,
 * because years of one replication are not independent: they share the replication's people
 * and its slow-moving state, and treating them as independent gives too narrow an interval.
 * No random numbers: the same clusters always give the same interval.
 */
export function clusteredQuantileInterval(
  clusters: ArrayLike<number>[],
  p: number,
): [number, number] {
  const n = clusters.length;
  const candidates = [...new Set(clusters.flatMap((c) => Array.from(c)))].sort((a, b) => a - b);
  const total = clusters.reduce((sum, c) => sum + c.length, 0);
  if (n < 2 || total === 0) return [candidates[0] ?? Number.NaN, candidates.at(-1) ?? Number.NaN];
  const t = tQuantile(0.975, n - 1);
  let lower: number | undefined;
  for (const v of candidates) {
    // Share at or below v (a ratio: clusters may differ in size) and its between-cluster SE.
    const below = clusters.map((c) => Array.prototype.filter.call(c, (x: number) => x <= v).length);
    const share = below.reduce((a, b) => a + b, 0) / total;
    const squares = clusters.reduce((sum, c, i) => sum + (below[i] - share * c.length) ** 2, 0);
    const se = Math.sqrt((n / (n - 1)) * squares) / total;
    if (lower === undefined && share + t * se >= p) lower = v;
    if (share - t * se >= p) return [lower ?? v, v];
  }
  return [lower ?? candidates[candidates.length - 1], candidates[candidates.length - 1]];
}
