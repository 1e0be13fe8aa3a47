import erf from "@stdlib/math-base-special-erf";
import { describe, expect, it } from "vitest";
import { makeDistribution, sampleRemaining } from "../../src/engine/distributions.js";
import { createStream } from "../../src/engine/random.js";

const N = 20_000;
const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));

/** Mean and standard error of the mean of n draws. */
function meanAndSe(draw: () => number, n = N): { mean: number; se: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    expect(x).toBeGreaterThanOrEqual(0);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, se: Math.sqrt((sumSq / n - mean * mean) / n) };
}

describe("the rest of a stay already part-way through", () => {
  it("is, for an exponential stay, the same exponential (it forgets the time spent)", () => {
    const stay = makeDistribution({ distribution: "exponential", mean: 20 });
    const rng = createStream(1, "remaining", "exponential");
    const { mean, se } = meanAndSe(() => sampleRemaining(stay, 45, rng));
    expect(Math.abs(mean - 20)).toBeLessThan(3 * se);
  });

  // E[X - e | X > e] for a lognormal: E[X; X > e] / P(X > e) - e.
  const lognormal = { distribution: "lognormal" as const, mean: 32, sd: 45 };
  const sigma2 = Math.log1p((45 * 45) / (32 * 32));
  const sigma = Math.sqrt(sigma2);
  const mu = Math.log(32) - sigma2 / 2;
  const truncatedMean = (e: number) =>
    (Math.exp(mu + sigma2 / 2) * phi((mu + sigma2 - Math.log(e)) / sigma)) /
      phi((mu - Math.log(e)) / sigma) -
    e;

  // 20 days in: most stays outlast it (rejection sampling). 1,500 days in: about 1 stay in
  // 100,000 is that long, so the rest is drawn by inverting the CDF.
  for (const elapsed of [20, 1500]) {
    it(`matches the truncated lognormal's mean ${elapsed} days in`, () => {
      const stay = makeDistribution(lognormal);
      const rng = createStream(1, "remaining", "lognormal", elapsed);
      const { mean, se } = meanAndSe(() => sampleRemaining(stay, elapsed, rng));
      expect(Math.abs(mean - truncatedMean(elapsed))).toBeLessThan(3 * se);
    });
  }

  it("is 0 when no stay can be that long (the stay is over)", () => {
    const stay = makeDistribution({ distribution: "empirical", values: [3, 8, 12] });
    const rng = createStream(1, "remaining", "empirical");
    expect(sampleRemaining(stay, 30, rng)).toBe(0);
    for (let i = 0; i < 100; i++) expect([8, 12]).toContain(sampleRemaining(stay, 4, rng) + 4);
  });

  it("is a whole stay when no time has been spent", () => {
    const stay = makeDistribution({ distribution: "fixed", value: 9 });
    expect(sampleRemaining(stay, 0, createStream(1))).toBe(9);
  });
});
