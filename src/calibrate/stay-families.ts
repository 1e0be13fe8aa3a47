/**
 * The length-of-stay distributions bedsim fits, each as a censored log-likelihood on
 * unbounded parameters (logs, a logit), a starting point, and the model-file distribution it
 * becomes. Discharged stays contribute the density, open stays the survival function.
 */
import { createRequire } from "node:module";
import type { DistributionSpec } from "../engine/distributions.js";
import type { CensoredStays } from "./censored-stays.js";

const require = createRequire(import.meta.url);
const erfc = require("@stdlib/math-base-special-erfc") as (x: number) => number;
const gammaln = require("@stdlib/math-base-special-gammaln") as (x: number) => number;
const gammainc = require("@stdlib/math-base-special-gammainc") as (
  x: number,
  a: number,
  regularized: boolean,
  upper: boolean,
) => number;

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

export const FAMILY_NAMES = [
  "exponential",
  "lognormal",
  "gamma",
  "weibull",
  "lognormal_mixture",
] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];

export interface StayFamily {
  name: FamilyName;
  /** Plain-English name for comments. */
  label: string;
  /** Names of the unbounded parameters, for messages and tests. */
  parameters: string[];
  logLikelihood(theta: number[], data: CensoredStays): number;
  start(data: CensoredStays): number[][];
  spec(theta: number[]): DistributionSpec;
  mean(theta: number[]): number;
  /** The share of stays longer than `days`: what the report draws against Kaplan-Meier. */
  survival(theta: number[], days: number): number;
}

/** log P(Z > z) for a standard normal, accurate far into the tail. */
export function logNormalTail(z: number): number {
  if (z < 30) return Math.log(0.5 * erfc(z / Math.SQRT2));
  // Mills ratio: P(Z > z) ≈ φ(z)/z for large z (erfc has underflowed by now).
  return -0.5 * z * z - Math.log(z) - HALF_LOG_2PI;
}

function lognormalTerm(logT: number, ended: boolean, mu: number, sigma: number): number {
  const z = (logT - mu) / sigma;
  return ended ? -logT - Math.log(sigma) - HALF_LOG_2PI - 0.5 * z * z : logNormalTail(z);
}

function lognormalSurvival(t: number, mu: number, sigma: number): number {
  return 0.5 * erfc((Math.log(t) - mu) / (sigma * Math.SQRT2));
}

/** Mean and sd of the stay itself, the way model files describe a lognormal. */
function lognormalSpec(
  mu: number,
  sigma: number,
): { distribution: "lognormal"; mean: number; sd: number } {
  const mean = Math.exp(mu + 0.5 * sigma * sigma);
  return { distribution: "lognormal", mean, sd: mean * Math.sqrt(Math.expm1(sigma * sigma)) };
}

/** Log mean and log sd of the log-stays of the discharged, a start for the log-scale fits. */
function logMoments(data: CensoredStays): { mu: number; sigma: number; mean: number } {
  let n = 0;
  let s = 0;
  let s2 = 0;
  let total = 0;
  for (let i = 0; i < data.days.length; i++) {
    const c = data.count[i];
    total += c * data.days[i];
    if (!data.ended[i]) continue;
    const l = data.logDays[i];
    n += c;
    s += c * l;
    s2 += c * l * l;
  }
  const mu = n > 0 ? s / n : Math.log(total / Math.max(1, data.stays));
  const sigma = n > 1 ? Math.sqrt(Math.max(1e-4, s2 / n - mu * mu)) : 1;
  // The exponential MLE (total time / discharges) starts the others at a censoring-aware mean.
  return { mu, sigma, mean: total / Math.max(1, data.discharged) };
}

const exponential: StayFamily = {
  name: "exponential",
  label: "exponential",
  parameters: ["log mean"],
  logLikelihood([logMean], { days, count, discharged }) {
    const rate = Math.exp(-logMean);
    let exposure = 0;
    for (let i = 0; i < days.length; i++) exposure += count[i] * days[i];
    return -discharged * logMean - rate * exposure;
  },
  start: (data) => [[Math.log(logMoments(data).mean)]],
  spec: ([logMean]) => ({ distribution: "exponential", mean: Math.exp(logMean) }),
  mean: ([logMean]) => Math.exp(logMean),
  survival: ([logMean], t) => Math.exp(-t / Math.exp(logMean)),
};

const lognormal: StayFamily = {
  name: "lognormal",
  label: "lognormal",
  parameters: ["mean of log stay", "log sd of log stay"],
  logLikelihood([mu, logSigma], { logDays, ended, count }) {
    const sigma = Math.exp(logSigma);
    let ll = 0;
    for (let i = 0; i < logDays.length; i++)
      ll += count[i] * lognormalTerm(logDays[i], ended[i] === 1, mu, sigma);
    return ll;
  },
  start: (data) => {
    const { mu, sigma } = logMoments(data);
    return [[mu, Math.log(sigma)]];
  },
  spec: ([mu, logSigma]) => lognormalSpec(mu, Math.exp(logSigma)),
  mean: ([mu, logSigma]) => Math.exp(mu + 0.5 * Math.exp(2 * logSigma)),
  survival: ([mu, logSigma], t) => lognormalSurvival(t, mu, Math.exp(logSigma)),
};

const gamma: StayFamily = {
  name: "gamma",
  label: "gamma",
  parameters: ["log shape", "log scale"],
  logLikelihood([logShape, logScale], { days, logDays, ended, count }) {
    const a = Math.exp(logShape);
    const s = Math.exp(logScale);
    const constant = -gammaln(a) - a * logScale;
    let ll = 0;
    for (let i = 0; i < days.length; i++) {
      const t = days[i];
      ll +=
        count[i] *
        (ended[i]
          ? constant + (a - 1) * logDays[i] - t / s
          : Math.log(gammainc(t / s, a, true, true)));
    }
    return ll;
  },
  start: (data) => {
    const { mean } = logMoments(data);
    return [[0, Math.log(mean)]];
  },
  spec: ([logShape, logScale]) => {
    const a = Math.exp(logShape);
    const s = Math.exp(logScale);
    return { distribution: "gamma", mean: a * s, sd: Math.sqrt(a) * s };
  },
  mean: ([logShape, logScale]) => Math.exp(logShape + logScale),
  survival: ([logShape, logScale], t) =>
    gammainc(t / Math.exp(logScale), Math.exp(logShape), true, true),
};

const weibull: StayFamily = {
  name: "weibull",
  label: "Weibull",
  parameters: ["log shape", "log scale"],
  logLikelihood([logShape, logScale], { logDays, ended, count }) {
    const k = Math.exp(logShape);
    let ll = 0;
    for (let i = 0; i < logDays.length; i++) {
      const logRatio = logDays[i] - logScale;
      const power = Math.exp(k * logRatio);
      ll += count[i] * ((ended[i] ? logShape - logScale + (k - 1) * logRatio : 0) - power);
    }
    return ll;
  },
  start: (data) => [[0, Math.log(logMoments(data).mean)]],
  spec: ([logShape, logScale]) => ({
    distribution: "weibull",
    shape: Math.exp(logShape),
    scale: Math.exp(logScale),
  }),
  mean: ([logShape, logScale]) => {
    const k = Math.exp(logShape);
    return Math.exp(logScale + gammaln(1 + 1 / k));
  },
  survival: ([logShape, logScale], t) =>
    Math.exp(-((t / Math.exp(logScale)) ** Math.exp(logShape))),
};

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** A short-stay and a long-stay lognormal, mixed: the shape mental-health stays often have. */
const lognormalMixture: StayFamily = {
  name: "lognormal_mixture",
  label: "two-part lognormal mixture",
  parameters: [
    "logit short-stay weight",
    "short mean of log stay",
    "short log sd",
    "long mean of log stay",
    "long log sd",
  ],
  logLikelihood([logitW, mu1, logS1, mu2, logS2], { logDays, ended, count }) {
    const w = logistic(logitW);
    const lw1 = Math.log(w);
    const lw2 = Math.log(1 - w);
    const s1 = Math.exp(logS1);
    const s2 = Math.exp(logS2);
    let ll = 0;
    for (let i = 0; i < logDays.length; i++) {
      const logT = logDays[i];
      const a = lw1 + lognormalTerm(logT, ended[i] === 1, mu1, s1);
      const b = lw2 + lognormalTerm(logT, ended[i] === 1, mu2, s2);
      const m = Math.max(a, b);
      ll += count[i] * (m + Math.log(Math.exp(a - m) + Math.exp(b - m)));
    }
    return ll;
  },
  start: (data) => {
    const { mu, sigma } = logMoments(data);
    const ls = Math.log(sigma * 0.6);
    return [
      [0, mu - 0.7 * sigma, ls, mu + 0.7 * sigma, ls],
      [0.8, mu - sigma, ls, mu + 0.5 * sigma, ls],
      [-0.8, mu - 0.5 * sigma, ls, mu + sigma, ls],
    ];
  },
  spec: ([logitW, mu1, logS1, mu2, logS2]) => {
    // Short-stay part first, so the file reads head then tail whatever order the fit found.
    const parts = [
      { w: logistic(logitW), of: lognormalSpec(mu1, Math.exp(logS1)) },
      { w: 1 - logistic(logitW), of: lognormalSpec(mu2, Math.exp(logS2)) },
    ].sort((a, b) => a.of.mean - b.of.mean);
    return { distribution: "mixture", components: parts.map((p) => ({ weight: p.w, of: p.of })) };
  },
  mean: ([logitW, mu1, logS1, mu2, logS2]) => {
    const w = logistic(logitW);
    return (
      w * Math.exp(mu1 + 0.5 * Math.exp(2 * logS1)) +
      (1 - w) * Math.exp(mu2 + 0.5 * Math.exp(2 * logS2))
    );
  },
  survival: ([logitW, mu1, logS1, mu2, logS2], t) => {
    const w = logistic(logitW);
    return (
      w * lognormalSurvival(t, mu1, Math.exp(logS1)) +
      (1 - w) * lognormalSurvival(t, mu2, Math.exp(logS2))
    );
  },
};

export const STAY_FAMILIES: readonly StayFamily[] = [
  exponential,
  lognormal,
  gamma,
  weibull,
  lognormalMixture,
];
