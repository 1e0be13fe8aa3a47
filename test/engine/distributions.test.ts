import { describe, expect, it } from "vitest";
import {
  type DistributionSpec,
  distributionProblems,
  makeDistribution,
} from "../../src/engine/distributions.js";
import { createStream } from "../../src/engine/random.js";

const N = 20_000;
/** One-sample Kolmogorov–Smirnov critical value at the 1% level (large-n approximation). */
const KS_CRITICAL = 1.63 / Math.sqrt(N);

interface Case {
  label: string;
  spec: DistributionSpec;
  continuous: boolean;
}

const CASES: Case[] = [
  { label: "exponential", spec: { distribution: "exponential", mean: 12 }, continuous: true },
  {
    label: "lognormal",
    spec: { distribution: "lognormal", mean: 32, sd: 45 },
    continuous: true,
  },
  { label: "gamma", spec: { distribution: "gamma", mean: 30, sd: 15 }, continuous: true },
  // sd > mean gives shape 0.25 < 1: exercises the Marsaglia–Tsang boost.
  {
    label: "gamma-small-shape",
    spec: { distribution: "gamma", mean: 10, sd: 20 },
    continuous: true,
  },
  {
    label: "weibull",
    spec: { distribution: "weibull", shape: 1.5, scale: 40 },
    continuous: true,
  },
  {
    label: "weibull-heavy",
    spec: { distribution: "weibull", shape: 0.7, scale: 20 },
    continuous: true,
  },
  // k = 3 uses the product-of-uniforms path, k = 12 the gamma sampler.
  { label: "erlang", spec: { distribution: "erlang", k: 3, mean: 21 }, continuous: true },
  { label: "erlang-large-k", spec: { distribution: "erlang", k: 12, mean: 30 }, continuous: true },
  {
    label: "triangular",
    spec: { distribution: "triangular", min: 2, mode: 10, max: 60 },
    continuous: true,
  },
  {
    label: "triangular-mode-at-min",
    spec: { distribution: "triangular", min: 0, mode: 0, max: 30 },
    continuous: true,
  },
  { label: "uniform", spec: { distribution: "uniform", min: 5, max: 25 }, continuous: true },
  { label: "fixed", spec: { distribution: "fixed", value: 14 }, continuous: false },
  {
    label: "empirical",
    spec: { distribution: "empirical", values: [3, 7, 7, 12, 20, 35, 90, 1.5, 0, 150] },
    continuous: false,
  },
  {
    label: "mixture",
    spec: {
      distribution: "mixture",
      components: [
        { weight: 0.7, of: { distribution: "exponential", mean: 10 } },
        { weight: 0.3, of: { distribution: "lognormal", mean: 60, sd: 40 } },
      ],
    },
    continuous: true,
  },
];

function draw(spec: DistributionSpec, label: string): Float64Array {
  const dist = makeDistribution(spec);
  const rng = createStream(12345, "test", label);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = dist.sample(rng);
  return xs;
}

describe("distribution samplers", () => {
  for (const { label, spec, continuous } of CASES) {
    describe(label, () => {
      const dist = makeDistribution(spec);
      const xs = draw(spec, label);

      it("draws finite, non-negative values", () => {
        expect(xs.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
      });

      it("matches the theoretical mean and variance", () => {
        let sum = 0;
        for (const x of xs) sum += x;
        const mean = sum / N;
        let m2 = 0;
        let m4 = 0;
        for (const x of xs) {
          const d2 = (x - mean) * (x - mean);
          m2 += d2;
          m4 += d2 * d2;
        }
        const variance = m2 / (N - 1);
        const mu4 = m4 / N;
        // Tiny slack so the zero-variance (fixed) case compares equal rather than strictly less.
        const slack = 1e-9 * (1 + Math.abs(dist.mean));
        const seMean = Math.sqrt(dist.variance / N);
        expect(Math.abs(mean - dist.mean)).toBeLessThanOrEqual(4 * seMean + slack);
        // Asymptotic SE of the sample variance, with mu4 estimated from the sample.
        const seVar = Math.sqrt(Math.max(0, mu4 - variance * variance) / N);
        expect(Math.abs(variance - dist.variance)).toBeLessThanOrEqual(
          4 * seVar + slack * (1 + dist.variance),
        );
      });

      if (continuous) {
        it("passes a one-sample Kolmogorov–Smirnov test at 1%", () => {
          const sorted = Float64Array.from(xs).sort();
          let d = 0;
          for (let i = 0; i < N; i++) {
            const f = dist.cdf(sorted[i]);
            d = Math.max(d, (i + 1) / N - f, f - i / N);
          }
          expect(d).toBeLessThan(KS_CRITICAL);
        });
      }
    });
  }

  it("is reproducible from the same stream", () => {
    const spec = CASES[CASES.length - 1].spec;
    const a = draw(spec, "repeat").slice(0, 100);
    const b = draw(spec, "repeat").slice(0, 100);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("resamples only the listed values, each about equally often", () => {
    const values = [1, 4, 9, 16];
    const xs = draw({ distribution: "empirical", values }, "empirical-freq");
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(values);
    // Binomial SE of a count with p = 1/4.
    const se = Math.sqrt(N * 0.25 * 0.75);
    for (const c of counts.values()) expect(Math.abs(c - N / 4)).toBeLessThan(4 * se);
  });
});

describe("moments and CDFs", () => {
  it("gives exact moments for known cases", () => {
    const w = makeDistribution({ distribution: "weibull", shape: 1, scale: 20 });
    expect(w.mean).toBeCloseTo(20, 10); // shape 1 is exponential
    expect(w.variance).toBeCloseTo(400, 8);
    const ln = makeDistribution({ distribution: "lognormal", mean: 60, sd: 40 });
    expect(ln.mean).toBe(60);
    expect(ln.variance).toBe(1600);
    const mix = makeDistribution({
      distribution: "mixture",
      components: [
        { weight: 0.5, of: { distribution: "fixed", value: 10 } },
        { weight: 0.5, of: { distribution: "fixed", value: 30 } },
      ],
    });
    expect(mix.mean).toBe(20);
    expect(mix.variance).toBeCloseTo(100, 10);
    const e = makeDistribution({ distribution: "empirical", values: [2, 4, 6] });
    expect(e.mean).toBe(4);
    expect(e.variance).toBeCloseTo(8 / 3, 12);
  });

  it("agrees with closed forms", () => {
    const ex = makeDistribution({ distribution: "exponential", mean: 10 });
    expect(ex.cdf(10)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(ex.cdf(-1)).toBe(0);
    const ln = makeDistribution({ distribution: "lognormal", mean: 30, sd: 20 });
    const sigma2 = Math.log(1 + 400 / 900);
    expect(ln.cdf(Math.exp(Math.log(30) - sigma2 / 2))).toBeCloseTo(0.5, 6); // median
    const tri = makeDistribution({ distribution: "triangular", min: 0, mode: 10, max: 30 });
    expect(tri.cdf(10)).toBeCloseTo(1 / 3, 12);
    const step = makeDistribution({ distribution: "empirical", values: [5, 1, 3] });
    expect([step.cdf(0.5), step.cdf(1), step.cdf(4), step.cdf(5)]).toEqual([0, 1 / 3, 2 / 3, 1]);
    const fixed = makeDistribution({ distribution: "fixed", value: 7 });
    expect([fixed.cdf(6.99), fixed.cdf(7)]).toEqual([0, 1]);
  });

  it("computes the incomplete gamma on both sides of its series/continued-fraction switch", () => {
    // Erlang CDF has a closed form: 1 - e^{-λx} Σ_{j<k} (λx)^j / j!
    for (const k of [1, 3, 12]) {
      const mean = 20;
      const d = makeDistribution({ distribution: "erlang", k, mean });
      const rate = k / mean;
      for (const x of [0.5, 5, 15, 20, 35, 80]) {
        let term = 1;
        let sum = 1;
        for (let j = 1; j < k; j++) {
          term *= (rate * x) / j;
          sum += term;
        }
        expect(d.cdf(x)).toBeCloseTo(1 - Math.exp(-rate * x) * sum, 10);
      }
    }
    // Gamma with shape 1 is exponential.
    const g = makeDistribution({ distribution: "gamma", mean: 10, sd: 10 });
    expect(g.cdf(7)).toBeCloseTo(1 - Math.exp(-0.7), 10);
  });
});

describe("validation", () => {
  const bad: { spec: unknown; path: (string | number)[]; mentions: RegExp }[] = [
    { spec: { distribution: "exponential", mean: 0 }, path: ["mean"], mentions: /greater than 0/ },
    {
      spec: { distribution: "exponential", mean: Number.NaN },
      path: ["mean"],
      mentions: /must be a number/,
    },
    {
      spec: { distribution: "exponential", mean: 40_000 },
      path: ["mean"],
      mentions: /100 years/,
    },
    {
      spec: { distribution: "lognormal", mean: 30, sd: -3 },
      path: ["sd"],
      mentions: /standard deviation of the length of stay must be greater than 0 \(got -3\)/,
    },
    { spec: { distribution: "gamma", mean: 30 }, path: ["sd"], mentions: /missing/ },
    { spec: { distribution: "weibull", shape: 0, scale: 10 }, path: ["shape"], mentions: /shape/ },
    {
      spec: { distribution: "weibull", shape: 1.5, scale: Number.POSITIVE_INFINITY },
      path: ["scale"],
      mentions: /scale/,
    },
    {
      spec: { distribution: "weibull", shape: 0.05, scale: 10 },
      path: ["shape"],
      mentions: /100 years/,
    },
    { spec: { distribution: "erlang", k: 2.5, mean: 20 }, path: ["k"], mentions: /whole number/ },
    { spec: { distribution: "erlang", k: 0, mean: 20 }, path: ["k"], mentions: /whole number/ },
    {
      spec: { distribution: "triangular", min: 10, mode: 5, max: 30 },
      path: ["mode"],
      mentions: /between min and max/,
    },
    {
      spec: { distribution: "triangular", min: 10, mode: 40, max: 30 },
      path: ["mode"],
      mentions: /between min and max/,
    },
    {
      spec: { distribution: "triangular", min: 10, mode: 10, max: 10 },
      path: ["max"],
      mentions: /greater than the shortest/,
    },
    {
      spec: { distribution: "triangular", min: -1, mode: 5, max: 10 },
      path: ["min"],
      mentions: /negative/,
    },
    {
      spec: { distribution: "uniform", min: 20, max: 10 },
      path: ["max"],
      mentions: /greater than the shortest/,
    },
    { spec: { distribution: "uniform", min: -5, max: 10 }, path: ["min"], mentions: /negative/ },
    { spec: { distribution: "fixed", value: -1 }, path: ["value"], mentions: /negative/ },
    { spec: { distribution: "fixed", value: 50_000 }, path: ["value"], mentions: /100 years/ },
    { spec: { distribution: "empirical", values: [] }, path: ["values"], mentions: /at least one/ },
    {
      spec: { distribution: "empirical", values: [3, -2, 5] },
      path: ["values", 1],
      mentions: /number 2 cannot be negative/,
    },
    {
      spec: { distribution: "empirical", values: [3, Number.NaN] },
      path: ["values", 1],
      mentions: /must be a number/,
    },
    {
      spec: { distribution: "mixture", components: [] },
      path: ["components"],
      mentions: /least one/,
    },
    {
      spec: {
        distribution: "mixture",
        components: [
          { weight: 0, of: { distribution: "fixed", value: 1 } },
          { weight: 1, of: { distribution: "fixed", value: 2 } },
        ],
      },
      path: ["components", 0, "weight"],
      mentions: /more than 0%/,
    },
    {
      spec: {
        distribution: "mixture",
        components: [
          { weight: 0.6, of: { distribution: "exponential", mean: 10 } },
          { weight: 0.4, of: { distribution: "lognormal", mean: 60, sd: -40 } },
        ],
      },
      path: ["components", 1, "of", "sd"],
      mentions: /standard deviation/,
    },
    {
      spec: {
        distribution: "mixture",
        components: [
          {
            weight: 1,
            of: {
              distribution: "mixture",
              components: [{ weight: 1, of: { distribution: "erlang", k: 1.5, mean: 3 } }],
            },
          },
        ],
      },
      path: ["components", 0, "of", "components", 0, "of", "k"],
      mentions: /whole number/,
    },
    { spec: { distribution: "poisson", mean: 3 }, path: ["distribution"], mentions: /one of/ },
  ];

  for (const { spec, path, mentions } of bad) {
    it(`rejects ${JSON.stringify(spec)} at ${JSON.stringify(path)}`, () => {
      const problems = distributionProblems(spec as DistributionSpec);
      const match = problems.find((p) => JSON.stringify(p.path) === JSON.stringify(path));
      expect(match, JSON.stringify(problems)).toBeDefined();
      expect(match?.message).toMatch(mentions);
      // Messages say what to do, not just what is wrong.
      expect(match?.message).toMatch(/;/);
      expect(() => makeDistribution(spec as DistributionSpec)).toThrow(RangeError);
      expect(() => makeDistribution(spec as DistributionSpec)).toThrow(problems[0].message);
    });
  }

  it("says what mixture weights add up to", () => {
    const problems = distributionProblems({
      distribution: "mixture",
      components: [
        { weight: 0.6, of: { distribution: "exponential", mean: 10 } },
        { weight: 0.3, of: { distribution: "lognormal", mean: 60, sd: 40 } },
      ],
    });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toEqual(["components"]);
    expect(problems[0].message).toContain("90%");
    expect(problems[0].message).toContain("100%");
  });

  it("accepts weights within rounding of 100%", () => {
    const third = 0.333333;
    const spec: DistributionSpec = {
      distribution: "mixture",
      components: [
        { weight: third, of: { distribution: "fixed", value: 1 } },
        { weight: third, of: { distribution: "fixed", value: 2 } },
        { weight: 1 - 2 * third + 5e-7, of: { distribution: "fixed", value: 3 } },
      ],
    };
    expect(distributionProblems(spec)).toEqual([]);
    expect(makeDistribution(spec).mean).toBeCloseTo(2, 5);
  });

  it("finds nothing wrong with the valid specs", () => {
    for (const { spec } of CASES) expect(distributionProblems(spec)).toEqual([]);
  });
});
