/**
 * Length-of-stay distributions: validation in plain English, fast samplers, exact moments and
 * CDFs (the CDFs exist for goodness-of-fit checks and are not on the simulation's hot path).
 *
 * All durations are in days. Every sampler precomputes its constants once, so `sample` does no
 * allocation and no parameter arithmetic per draw.
 */
import { createRequire } from "node:module";
import { power } from "./power.js";
import { type Rng, standardNormal } from "./random.js";

// Special functions from small stdlib packages rather than mathjs (~0.7 s to load). Even these
// take ~60 ms to load, paid by every worker thread at start, and simulating never needs them:
// they serve the CDFs (goodness-of-fit checks) and Weibull moments. So each loads on first use.
const require = createRequire(import.meta.url);
/** A CommonJS module, loaded on first call. */
function lazy<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(id) as T;
    return loaded;
  };
}
const erfModule = lazy<typeof import("@stdlib/math-base-special-erf")>(
  "@stdlib/math-base-special-erf",
);
const gammaModule = lazy<typeof import("@stdlib/math-base-special-gamma")>(
  "@stdlib/math-base-special-gamma",
);
const gammaincModule = lazy<typeof import("@stdlib/math-base-special-gammainc")>(
  "@stdlib/math-base-special-gammainc",
);
const erf = (x: number): number => erfModule()(x);
const gammaFn = (x: number): number => gammaModule()(x);
const gammainc = (x: number, a: number): number => gammaincModule()(x, a);

export type DistributionSpec =
  | { distribution: "exponential"; mean: number }
  /** `mean` and `sd` describe the stay itself, not its logarithm. */
  | { distribution: "lognormal"; mean: number; sd: number }
  | { distribution: "gamma"; mean: number; sd: number }
  | { distribution: "weibull"; shape: number; scale: number }
  /** `k` is a whole number >= 1 (the number of exponential phases). */
  | { distribution: "erlang"; k: number; mean: number }
  | { distribution: "triangular"; min: number; mode: number; max: number }
  | { distribution: "uniform"; min: number; max: number }
  | { distribution: "fixed"; value: number }
  /** Resamples the listed values with equal probability. */
  | { distribution: "empirical"; values: number[] }
  /** Weights are fractions summing to 1. */
  | { distribution: "mixture"; components: { weight: number; of: DistributionSpec }[] };

export interface Distribution {
  readonly spec: DistributionSpec;
  readonly mean: number;
  readonly variance: number;
  /** A draw (days, >= 0). */
  sample(rng: Rng): number;
  /** P(X <= x); for empirical/fixed the step CDF; used by KS tests. */
  cdf(x: number): number;
}

export interface DistributionProblem {
  path: (string | number)[];
  message: string;
}

/** 100 years: anything longer is almost certainly a units mistake (weeks, hours, minutes). */
const MAX_DAYS = 36_500;
/** Weights are checked with some slack because YAML percentages such as "33.3333%" round. */
const WEIGHT_TOLERANCE = 1e-6;
/** Below this k, summing k exponentials (one log) beats the gamma rejection sampler. */
const ERLANG_PRODUCT_MAX_K = 8;

/** Every distribution a scenario can name. */
export const DISTRIBUTION_KINDS = [
  "exponential",
  "lognormal",
  "gamma",
  "weibull",
  "erlang",
  "triangular",
  "uniform",
  "fixed",
  "empirical",
  "mixture",
] as const;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** A value as a non-programmer would want to see it quoted back. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `"${value}"`;
  return JSON.stringify(value) ?? String(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** Formats a fraction as a percentage without float noise (0.9 -> "90%"). */
function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

/**
 * Problems with a spec, as plain-English messages that say what is wrong and what to do.
 * Paths are relative to the spec, so the scenario layer can prefix them with where the spec sits
 * in the YAML file and point at the right line.
 */
export function distributionProblems(spec: DistributionSpec): DistributionProblem[] {
  const problems: DistributionProblem[] = [];
  collectProblems(spec, [], problems);
  return problems;
}

function collectProblems(
  spec: DistributionSpec,
  at: (string | number)[],
  out: DistributionProblem[],
): void {
  const add = (path: (string | number)[], message: string) =>
    out.push({ path: [...at, ...path], message });

  // The type says this cannot happen, but specs come from YAML, so stay defensive.
  if (typeof spec !== "object" || spec === null) {
    add([], `a length-of-stay distribution is needed here (got ${shown(spec)})`);
    return;
  }
  const raw = spec as unknown as Record<string, unknown>;

  /** Checks a number of days; returns true when usable for further (cross-field) checks. */
  const days = (key: string, what: string, opts: { positive: boolean }): boolean => {
    const value = raw[key];
    if (value === undefined || value === null) {
      add([key], `the ${what} is missing; give a number of days`);
      return false;
    }
    if (!isFiniteNumber(value)) {
      add([key], `the ${what} must be a number of days (got ${shown(value)}); give a number`);
      return false;
    }
    if (opts.positive && value <= 0) {
      add(
        [key],
        `the ${what} must be greater than 0 (got ${value}); give a positive number of days`,
      );
      return false;
    }
    if (!opts.positive && value < 0) {
      add([key], `the ${what} cannot be negative (got ${value}); give 0 or more days`);
      return false;
    }
    if (value > MAX_DAYS) {
      add(
        [key],
        `the ${what} is ${value} days, which is over 100 years (${MAX_DAYS} days); ` +
          "check the units: lengths of stay are given in days",
      );
      return false;
    }
    return true;
  };

  /** A positive, unitless number (Weibull shape). */
  const positiveNumber = (key: string, what: string, example: string): boolean => {
    const value = raw[key];
    if (!isFiniteNumber(value) || value <= 0) {
      add(
        [key],
        value === undefined || value === null
          ? `the ${what} is missing; give a positive number such as ${example}`
          : `the ${what} must be a number greater than 0 (got ${shown(value)}); ` +
              `give a positive number such as ${example}`,
      );
      return false;
    }
    return true;
  };

  switch (spec.distribution) {
    case "exponential":
      days("mean", "mean length of stay", { positive: true });
      return;
    case "lognormal":
    case "gamma":
      days("mean", "mean length of stay", { positive: true });
      days("sd", "standard deviation of the length of stay", { positive: true });
      return;
    case "weibull": {
      const shapeOk = positiveNumber("shape", "Weibull shape", "1.5");
      const scaleOk = days("scale", "Weibull scale", { positive: true });
      if (shapeOk && scaleOk) {
        // A small shape makes the mean explode (scale * Γ(1 + 1/shape)), so guard the mean too.
        const mean = spec.scale * gammaFn(1 + 1 / spec.shape);
        if (!(mean <= MAX_DAYS)) {
          add(
            ["shape"],
            `with shape ${spec.shape} and scale ${spec.scale} the mean length of stay would be ` +
              `${Number.isFinite(mean) ? Math.round(mean) : "unlimited"} days, over 100 years; ` +
              "use a larger shape (1 or more is usual) or a smaller scale",
          );
        }
      }
      return;
    }
    case "erlang": {
      const k = raw.k;
      if (!isFiniteNumber(k) || !Number.isInteger(k) || k < 1) {
        add(
          ["k"],
          k === undefined || k === null
            ? "the number of phases k is missing; give a whole number such as 2 or 3"
            : `the number of phases k must be a whole number of 1 or more (got ${shown(k)}); ` +
                "give a whole number such as 2 or 3",
        );
      }
      days("mean", "mean length of stay", { positive: true });
      return;
    }
    case "triangular": {
      const minOk = days("min", "shortest stay (min)", { positive: false });
      const modeOk = days("mode", "most likely stay (mode)", { positive: false });
      const maxOk = days("max", "longest stay (max)", { positive: false });
      if (!(minOk && modeOk && maxOk)) return;
      const { min, mode, max } = spec;
      if (min >= max) {
        add(
          ["max"],
          `the longest stay (max, ${max} days) must be greater than the shortest stay ` +
            `(min, ${min} days); make max larger than min, or use a fixed stay instead`,
        );
      } else if (mode < min) {
        add(
          ["mode"],
          `the most likely stay (mode, ${mode} days) is below the shortest stay (min, ${min} days); ` +
            "give a mode between min and max",
        );
      } else if (mode > max) {
        add(
          ["mode"],
          `the most likely stay (mode, ${mode} days) is above the longest stay (max, ${max} days); ` +
            "give a mode between min and max",
        );
      }
      return;
    }
    case "uniform": {
      const minOk = days("min", "shortest stay (min)", { positive: false });
      const maxOk = days("max", "longest stay (max)", { positive: false });
      if (minOk && maxOk && spec.min >= spec.max) {
        add(
          ["max"],
          `the longest stay (max, ${spec.max} days) must be greater than the shortest stay ` +
            `(min, ${spec.min} days); make max larger than min, or use a fixed stay instead`,
        );
      }
      return;
    }
    case "fixed":
      days("value", "length of stay", { positive: false });
      return;
    case "empirical": {
      const values = raw.values;
      if (!Array.isArray(values) || values.length === 0) {
        add(
          ["values"],
          "the list of observed lengths of stay is empty or missing; give at least one number of days",
        );
        return;
      }
      values.forEach((value, i) => {
        const where = `observed stay number ${i + 1}`;
        if (!isFiniteNumber(value)) {
          add(
            ["values", i],
            `${where} must be a number of days (got ${shown(value)}); fix or remove it`,
          );
        } else if (value < 0) {
          add(["values", i], `${where} cannot be negative (got ${value}); fix or remove it`);
        } else if (value > MAX_DAYS) {
          add(
            ["values", i],
            `${where} is ${value} days, over 100 years; check the units: stays are given in days`,
          );
        }
      });
      return;
    }
    case "mixture": {
      const components = raw.components;
      if (!Array.isArray(components) || components.length === 0) {
        add(
          ["components"],
          "a mixture needs at least one component; list each part with its weight and distribution",
        );
        return;
      }
      let sum = 0;
      let weightsOk = true;
      components.forEach((component: unknown, i: number) => {
        const c = (component ?? {}) as Record<string, unknown>;
        const w = c.weight;
        if (!isFiniteNumber(w) || w <= 0 || w > 1) {
          weightsOk = false;
          const got = isFiniteNumber(w) ? `${w}, i.e. ${percent(w)}` : shown(w);
          add(
            ["components", i, "weight"],
            `the weight of component ${i + 1} must be more than 0% and at most 100% (got ${got}); ` +
              'give its share as a fraction such as 0.3 or a percentage such as "30%"',
          );
        } else {
          sum += w;
        }
        if (c.of === undefined || c.of === null) {
          add(
            ["components", i, "of"],
            `component ${i + 1} has no distribution; say which distribution this part follows`,
          );
        } else {
          collectProblems(c.of as DistributionSpec, [...at, "components", i, "of"], out);
        }
      });
      if (weightsOk && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
        add(
          ["components"],
          `the mixture weights add up to ${percent(sum)}, but they must add up to 100%; ` +
            "adjust them so that they do",
        );
      }
      return;
    }
    default:
      add(
        ["distribution"],
        `unknown distribution ${shown(raw.distribution)}; use one of: ${DISTRIBUTION_KINDS.join(", ")}`,
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------

/** Regularised lower incomplete gamma P(a, x), from stdlib. */
function regularizedLowerGamma(a: number, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  return gammainc(x, a);
}

// ---------------------------------------------------------------------------------------------
// Samplers
// ---------------------------------------------------------------------------------------------

/**
 * Gamma(shape, scale) by Marsaglia & Tsang (2000). For shape < 1 it samples Gamma(shape + 1) and
 * multiplies by U^(1/shape), the standard boost that keeps the fast squeeze valid.
 */
function gammaSampler(shape: number, scale: number): (rng: Rng) => number {
  const boosted = shape < 1;
  const d = (boosted ? shape + 1 : shape) - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const dScale = d * scale;
  const invShape = 1 / shape;
  const core = (rng: Rng): number => {
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal(rng);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = rng();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return dScale * v;
      // u may be 0: log(0) = -Infinity accepts, which is the right answer for u = 0.
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return dScale * v;
    }
  };
  if (!boosted) return core;
  // 1 - u lies in (0, 1], so the power never sees 0 and never produces NaN.
  return (rng) => core(rng) * power(1 - rng(), invShape);
}

/** Builds the sampler with its exact mean and variance; `spec` must already be valid. */
function build(spec: DistributionSpec): Distribution {
  switch (spec.distribution) {
    case "exponential": {
      const mean = spec.mean;
      return {
        spec,
        mean,
        variance: mean * mean,
        sample: (rng) => -mean * Math.log(1 - rng()),
        cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-x / mean)),
      };
    }
    case "lognormal": {
      const { mean, sd } = spec;
      const sigma2 = Math.log1p((sd * sd) / (mean * mean));
      const sigma = Math.sqrt(sigma2);
      const mu = Math.log(mean) - sigma2 / 2;
      const denom = sigma * Math.SQRT2;
      return {
        spec,
        mean,
        variance: sd * sd,
        sample: (rng) => Math.exp(mu + sigma * standardNormal(rng)),
        cdf: (x) => (x <= 0 ? 0 : 0.5 * (1 + erf((Math.log(x) - mu) / denom))),
      };
    }
    case "gamma": {
      const { mean, sd } = spec;
      const shape = (mean * mean) / (sd * sd);
      const scale = (sd * sd) / mean;
      return {
        spec,
        mean,
        variance: sd * sd,
        sample: gammaSampler(shape, scale),
        cdf: (x) => regularizedLowerGamma(shape, x / scale),
      };
    }
    case "weibull": {
      const { shape, scale } = spec;
      const invShape = 1 / shape;
      const g1 = gammaFn(1 + invShape);
      const g2 = gammaFn(1 + 2 * invShape);
      return {
        spec,
        mean: scale * g1,
        variance: scale * scale * Math.max(0, g2 - g1 * g1),
        sample: (rng) => scale * power(-Math.log(1 - rng()), invShape),
        cdf: (x) => (x <= 0 ? 0 : -Math.expm1(-power(x / scale, shape))),
      };
    }
    case "erlang": {
      const { k, mean } = spec;
      const scale = mean / k; // of each phase
      const cdf = (x: number) => regularizedLowerGamma(k, x / scale);
      // Small k: one log of a product of k uniforms (each factor in (0, 1], so never log 0; the
      // product cannot underflow for k this small).
      const sample =
        k <= ERLANG_PRODUCT_MAX_K
          ? (rng: Rng) => {
              let p = 1 - rng();
              for (let i = 1; i < k; i++) p *= 1 - rng();
              return -scale * Math.log(p);
            }
          : gammaSampler(k, scale);
      return { spec, mean, variance: mean * scale, sample, cdf };
    }
    case "triangular": {
      const { min, mode, max } = spec;
      const width = max - min;
      const left = mode - min;
      const right = max - mode;
      const split = left / width; // F(mode)
      const leftK = width * left;
      const rightK = width * right;
      return {
        spec,
        mean: (min + mode + max) / 3,
        variance: (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18,
        sample: (rng) => {
          const u = rng();
          return u < split ? min + Math.sqrt(u * leftK) : max - Math.sqrt((1 - u) * rightK);
        },
        cdf: (x) => {
          if (x <= min) return 0;
          if (x >= max) return 1;
          if (x <= mode) return ((x - min) * (x - min)) / leftK;
          return 1 - ((max - x) * (max - x)) / rightK;
        },
      };
    }
    case "uniform": {
      const { min, max } = spec;
      const width = max - min;
      return {
        spec,
        mean: (min + max) / 2,
        variance: (width * width) / 12,
        sample: (rng) => min + rng() * width,
        cdf: (x) => (x <= min ? 0 : x >= max ? 1 : (x - min) / width),
      };
    }
    case "fixed": {
      const value = spec.value;
      return {
        spec,
        mean: value,
        variance: 0,
        sample: () => value,
        cdf: (x) => (x >= value ? 1 : 0),
      };
    }
    case "empirical": {
      // Copied and sorted once: sampling order does not matter (equal probabilities) and the
      // sorted copy serves the CDF's binary search; later edits to the spec cannot leak in.
      const values = Float64Array.from(spec.values).sort();
      const n = values.length;
      let mean = 0;
      for (const v of values) mean += v;
      mean /= n;
      let variance = 0;
      for (const v of values) variance += (v - mean) * (v - mean);
      variance /= n; // population variance: the resampled list *is* the distribution
      return {
        spec,
        mean,
        variance,
        // rng() < 1, so the index is at most n - 1.
        sample: (rng) => values[Math.floor(rng() * n)],
        cdf: (x) => {
          // Count of values <= x by binary search for the first value > x.
          let lo = 0;
          let hi = n;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (values[mid] <= x) lo = mid + 1;
            else hi = mid;
          }
          return lo / n;
        },
      };
    }
    case "mixture": {
      const parts = spec.components.map((c) => build(c.of));
      const total = spec.components.reduce((s, c) => s + c.weight, 0);
      // Normalise so weights within the validation tolerance of 1 still sum to exactly 1.
      const weights = Float64Array.from(spec.components, (c) => c.weight / total);
      const cumulative = new Float64Array(weights.length);
      let acc = 0;
      for (let i = 0; i < weights.length; i++) {
        acc += weights[i];
        cumulative[i] = acc;
      }
      const last = parts.length - 1;
      cumulative[last] = Number.POSITIVE_INFINITY; // rounding can never skip past the last part
      const samplers = parts.map((p) => p.sample);
      let mean = 0;
      let secondMoment = 0;
      for (let i = 0; i < parts.length; i++) {
        mean += weights[i] * parts[i].mean;
        secondMoment += weights[i] * (parts[i].variance + parts[i].mean * parts[i].mean);
      }
      return {
        spec,
        mean,
        // Law of total variance: E[Var] + Var[E] = E[X²] - E[X]².
        variance: Math.max(0, secondMoment - mean * mean),
        sample: (rng) => {
          const u = rng();
          let i = 0;
          while (u >= cumulative[i]) i++;
          return samplers[i](rng);
        },
        cdf: (x) => {
          let p = 0;
          for (let i = 0; i < parts.length; i++) p += weights[i] * parts[i].cdf(x);
          return p;
        },
      };
    }
  }
}

/** Builds a sampler; throws RangeError with the first problem's message if the spec is invalid. */
export function makeDistribution(spec: DistributionSpec): Distribution {
  const problems = distributionProblems(spec);
  if (problems.length > 0) throw new RangeError(problems[0].message);
  return build(spec);
}

// ---------------------------------------------------------------------------------------------
// Remaining stays (a starting census)
// ---------------------------------------------------------------------------------------------

/** Tries before rejection sampling gives up and inverts the CDF numerically instead. */
const REJECTION_TRIES = 256;
/** Bisection steps when inverting a CDF: the bracket shrinks to well under a minute. */
const BISECTION_STEPS = 60;

/**
 * The rest of a stay already `elapsed` days long: a draw of X - elapsed given X > elapsed, so
 * that a census of people part-way through their stays is neither too short nor too long.
 *
 * The exponential forgets the past (the rest is the same exponential). Otherwise a plain draw
 * is tried first (rejection sampling: exact, and cheap when most stays outlast `elapsed`);
 * when a stay this long is rare, the draw is instead a uniform on [F(elapsed), 1] inverted
 * through the CDF by bisection. When no stay can be that long (an empirical list, a fixed or
 * bounded stay, all shorter than `elapsed`), the stay is over: the rest is 0 days.
 */
export function sampleRemaining(distribution: Distribution, elapsed: number, rng: Rng): number {
  const spec = distribution.spec;
  if (elapsed <= 0) return distribution.sample(rng);
  if (spec.distribution === "exponential") return distribution.sample(rng);
  for (let i = 0; i < REJECTION_TRIES; i++) {
    const x = distribution.sample(rng);
    if (x > elapsed) return x - elapsed;
  }
  const from = distribution.cdf(elapsed);
  if (!(from < 1)) return 0;
  const u = from + rng() * (1 - from);
  // The smallest x with F(x) >= u, bracketed by doubling, then halved down.
  let lo = elapsed;
  let hi = Math.max(2 * elapsed, distribution.mean, 1);
  while (distribution.cdf(hi) < u && hi < MAX_DAYS * 4) hi *= 2;
  for (let i = 0; i < BISECTION_STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (distribution.cdf(mid) < u) lo = mid;
    else hi = mid;
  }
  return hi - elapsed;
}
