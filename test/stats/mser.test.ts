/**
 * MSER-5 warm-up truncation (White, 1997). Deterministic series check the rule exactly; noisy
 * series with a known transient use a small seeded generator defined here (not the engine's
 * streams), over 20 seeds each, with bounds chosen with a wide margin over what 200 seeds
 * showed (stated at each test).
 */
import { describe, expect, it } from "vitest";
import { mser5 } from "../../src/stats/mser.js";

/** Mulberry32: a tiny, well-known 32-bit generator, so the noise is fixed by the seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box–Muller. */
function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * MSER-5 written out the slow way: batch means of 5, and for every truncation d (in batches)
 * up to half of them, the sum of squared deviations of what remains over (n − d)²; the first
 * smallest wins.
 */
function naiveMser5(series: number[]): number {
  const batches = Math.floor(series.length / 5);
  if (batches < 4) return 0;
  const means = Array.from({ length: batches }, (_, b) => {
    let s = 0;
    for (let i = 0; i < 5; i++) s += series[5 * b + i];
    return s / 5;
  });
  let best = 0;
  let bestValue = Number.POSITIVE_INFINITY;
  for (let d = 0; d <= Math.floor(batches / 2); d++) {
    const rest = means.slice(d);
    const mean = rest.reduce((a, b) => a + b, 0) / rest.length;
    const value = rest.reduce((a, x) => a + (x - mean) ** 2, 0) / rest.length ** 2;
    if (value < bestValue) {
      bestValue = value;
      best = d;
    }
  }
  return 5 * best;
}

const SEEDS = Array.from({ length: 20 }, (_, i) => 101 + i);
const N = 2000;

describe("MSER-5 on exact series", () => {
  it("a step at a multiple of 5 is cut exactly at the step", () => {
    const series = Array.from({ length: 1000 }, (_, t) => (t < 100 ? 0 : 10));
    expect(mser5(series)).toBe(100);
  });

  it("a step inside a batch is cut after that batch", () => {
    const series = Array.from({ length: 1000 }, (_, t) => (t < 103 ? 0 : 10));
    expect(mser5(series)).toBe(105);
  });

  it("a constant series needs no truncation", () => {
    expect(mser5(Array<number>(500).fill(0.87))).toBe(0);
  });

  it("never cuts more than the first half, even when the level shifts late", () => {
    // A step at 70% of the series: the rule may only look at the first half.
    const series = Array.from({ length: 1000 }, (_, t) => (t < 700 ? 0 : 10));
    const cut = mser5(series);
    expect(cut).toBeLessThanOrEqual(500);
    expect(cut % 5).toBe(0);
  });

  it("series too short for four batches are left alone", () => {
    expect(mser5([])).toBe(0);
    expect(mser5([5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(0); // 19 values
  });

  it("agrees with a slow, literal implementation on noisy series", () => {
    for (const seed of SEEDS) {
      const random = generator(seed);
      const length = 50 + Math.floor(random() * 950);
      const series = Array.from(
        { length },
        (_, t) => 5 * Math.exp(-t / 40) + normal(random) * (1 + random()),
      );
      expect(mser5(series), `seed ${seed}, length ${length}`).toBe(naiveMser5(series));
      expect(mser5(Float64Array.from(series))).toBe(naiveMser5(series));
    }
  });
});

describe("MSER-5 on noisy series", () => {
  /**
   * Level L = 10 approached from 0 as L (1 − e^(−t/τ)), τ = 50, plus N(0, 1) noise, 2,000
   * observations. Over 200 seeds the truncation ranged from 110 to 345 (median 150).
   */
  const LEVEL = 10;
  const TAU = 50;

  it("cuts a known initial transient after it has decayed, within the first half", () => {
    const cuts: number[] = [];
    for (const seed of SEEDS) {
      const random = generator(seed);
      const series = Array.from(
        { length: N },
        (_, t) => LEVEL * (1 - Math.exp(-t / TAU)) + normal(random),
      );
      const cut = mser5(series);
      cuts.push(cut);
      const what = `seed ${seed}: cut ${cut}`;
      // After the transient: at least ln 4 time constants, where under a quarter of the gap
      // to the level remains (cuts seen: 110 and up), and within the first half by the rule.
      expect(cut, what).toBeGreaterThanOrEqual(Math.ceil(TAU * Math.log(4)));
      expect(cut, what).toBeLessThanOrEqual(N / 2);
      // And not absurdly late: by 10 τ the transient is e^-10 of the level (cuts seen ≤ 345).
      expect(cut, what).toBeLessThan(10 * TAU);
      // What matters: the mean of what is kept is the level, within 4 standard errors
      // (SE = 1 / √(kept), the noise being independent N(0, 1); the deterministic bias
      // left after 69 or more observations is at most 10 × 50 × e^(−69/50) / 1,931 = 0.07 ≈ 3 SE)...
      const kept = series.slice(cut);
      const keptMean = kept.reduce((a, b) => a + b, 0) / kept.length;
      expect(Math.abs(keptMean - LEVEL), what).toBeLessThan(4 / Math.sqrt(kept.length));
      // ...whereas keeping everything is biased low by about L τ / N = 0.25, over 10 SE.
      const allMean = series.reduce((a, b) => a + b, 0) / N;
      expect(LEVEL - allMean, what).toBeGreaterThan(4 / Math.sqrt(N));
    }
    // Typically the cut is past two time constants (where 13.5% of the gap remains).
    const sorted = [...cuts].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThanOrEqual(2 * TAU);
  });

  it("cuts little from a series that starts in steady state", () => {
    // Independent N(10, 1): over 200 seeds the median cut was 0, 95% were ≤ 25 and the
    // largest 80 (of up to 1,000 allowed).
    const cuts = SEEDS.map((seed) => {
      const random = generator(seed + 1_000_000);
      return mser5(Array.from({ length: N }, () => LEVEL + normal(random)));
    });
    for (const cut of cuts) expect(cut).toBeLessThanOrEqual(N / 10);
    const sorted = [...cuts].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(25);
  });
});
