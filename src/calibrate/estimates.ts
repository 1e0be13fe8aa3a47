/** Small estimates with 95% intervals: a rate from a count, a share from a count. */
const Z95 = 1.959963984540054;

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** Events a year from `count` events in `years` (normal approximation to the Poisson). */
export function poissonRate(count: number, years: number): Estimate {
  const half = (Z95 * Math.sqrt(count)) / years;
  return {
    value: count / years,
    low: Math.max(0, count / years - half),
    high: count / years + half,
  };
}

/** A share `hits` of `n`, with the Wilson score interval (sound near 0% and 100%). */
export function share(hits: number, n: number): Estimate {
  if (n === 0) return { value: 0, low: 0, high: 1 };
  const p = hits / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The mean of exponential durations, some still running (censored): total time over the
 * number that ended, with an interval from the count that ended.
 */
export function censoredMean(totalDays: number, ended: number): Estimate {
  if (ended === 0) return { value: Number.NaN, low: Number.NaN, high: Number.NaN };
  const value = totalDays / ended;
  const half = Z95 / Math.sqrt(ended);
  return { value, low: value * Math.exp(-half), high: value * Math.exp(half) };
}

export { Z95 };
