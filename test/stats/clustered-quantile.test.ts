/**
 * The right-size search's interval for a percentile of yearly values. Years of one
 * replication are correlated, so the interval's standard error is taken between replications;
 * checked by its coverage of a known quantile. (Treating the years as independent, the
 * order-statistic interval this replaced covered about 84% in the same setting.)
 */
import { describe, expect, it } from "vitest";
import { createStream, standardNormal } from "../../src/engine/random.js";
import { clusteredQuantileInterval } from "../../src/stats/clustered-quantile.js";

/** 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004;

/**
 * `replications` clusters of `years` values: a replication effect and a year effect, each
 * N(0, 1/2), so every value is N(0, 1) and two years of one replication correlate at 0.5.
 */
function clustered(seed: number, replications: number, years: number): number[][] {
  const rng = createStream(seed, "clustered");
  return Array.from({ length: replications }, () => {
    const shared = standardNormal(rng) * Math.SQRT1_2;
    return Array.from({ length: years }, () => shared + standardNormal(rng) * Math.SQRT1_2);
  });
}

describe("clusteredQuantileInterval", () => {
  it("covers the true 90th percentile about 95% of the time despite correlated years", () => {
    const datasets = 300;
    let covered = 0;
    for (let d = 0; d < datasets; d++) {
      const [lo, hi] = clusteredQuantileInterval(clustered(d, 100, 5), 0.9);
      if (lo <= Z90 && Z90 <= hi) covered++;
    }
    // Within 3 binomial standard errors of 95% over this many datasets.
    const se = Math.sqrt((0.95 * 0.05) / datasets);
    expect(covered / datasets).toBeGreaterThan(0.95 - 3 * se);
    expect(covered / datasets).toBeLessThan(0.95 + 3 * se);
  });

  it("brackets the sample quantile and stays within the data", () => {
    const data = clustered(7, 30, 5);
    const sorted = data.flat().sort((a, b) => a - b);
    const [lo, hi] = clusteredQuantileInterval(data, 0.9);
    const estimate = sorted[Math.round((sorted.length - 1) * 0.9)];
    expect(lo).toBeLessThan(estimate);
    expect(hi).toBeGreaterThan(estimate);
    expect(lo).toBeGreaterThanOrEqual(sorted[0]);
    expect(hi).toBeLessThanOrEqual(sorted[sorted.length - 1]);
  });

  it("handles replications with different numbers of years", () => {
    const [lo, hi] = clusteredQuantileInterval([[1, 2, 3], [4], [5, 6]], 0.5);
    expect(lo).toBeGreaterThanOrEqual(1);
    expect(hi).toBeLessThanOrEqual(6);
    expect(lo).toBeLessThanOrEqual(hi);
  });
});
