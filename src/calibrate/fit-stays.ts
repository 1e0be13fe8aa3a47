/**
 * Fits every length-of-stay family by maximum likelihood with right-censoring, and ranks them
 * by AIC with Akaike weights (the chance, loosely, that each is the best of those tried).
 */
import type { DistributionSpec } from "../engine/distributions.js";
import type { CensoredStays } from "./censored-stays.js";
import { hessian, invert, nelderMead } from "./optimise.js";
import { type FamilyName, STAY_FAMILIES, type StayFamily } from "./stay-families.js";

export interface StayFit {
  family: FamilyName;
  label: string;
  /** Fitted parameters on the family's unbounded scale, and their standard errors. */
  theta: number[];
  standardErrors: number[];
  logLikelihood: number;
  aic: number;
  akaikeWeight: number;
  spec: DistributionSpec;
  mean: number;
  /** 95% interval of the mean stay (delta method). */
  meanInterval: [number, number];
}

export interface StayFits {
  /** Best first. */
  ranked: StayFit[];
  stays: number;
  discharged: number;
  open: number;
}

export function fitStays(
  data: CensoredStays,
  families: readonly StayFamily[] = STAY_FAMILIES,
): StayFits {
  const fits = families.map((family) => fitFamily(family, data));
  const best = Math.min(...fits.map((f) => f.aic));
  const total = fits.reduce((s, f) => s + Math.exp(-(f.aic - best) / 2), 0);
  for (const f of fits) f.akaikeWeight = Math.exp(-(f.aic - best) / 2) / total;
  return {
    ranked: fits.sort((a, b) => a.aic - b.aic),
    stays: data.stays,
    discharged: data.discharged,
    open: data.stays - data.discharged,
  };
}

export function fitFamily(family: StayFamily, data: CensoredStays): StayFit {
  const negLL = (theta: number[]) => -family.logLikelihood(theta, data);
  let best = { x: family.start(data)[0], value: Number.POSITIVE_INFINITY };
  for (const start of family.start(data)) {
    // A restart from where the simplex stopped guards against it stalling early.
    const first = nelderMead(negLL, start);
    const polished = nelderMead(negLL, first.x, { step: 0.05 });
    if (polished.value < best.value) best = polished;
  }
  const theta = best.x;
  const covariance =
    invert(hessian(negLL, theta)) ??
    theta.map((_, i) => theta.map((__, j) => (i === j ? Number.NaN : 0)));
  const standardErrors = theta.map((_, i) => Math.sqrt(Math.max(0, covariance[i][i])));
  const mean = family.mean(theta);
  const gradient = theta.map((_, i) => {
    const h = 1e-5;
    const up = [...theta];
    const down = [...theta];
    up[i] += h;
    down[i] -= h;
    return (family.mean(up) - family.mean(down)) / (2 * h);
  });
  let variance = 0;
  for (let i = 0; i < theta.length; i++)
    for (let j = 0; j < theta.length; j++) variance += gradient[i] * covariance[i][j] * gradient[j];
  const se = Math.sqrt(Math.max(0, variance));
  const logLikelihood = -best.value;
  return {
    family: family.name,
    label: family.label,
    theta,
    standardErrors,
    logLikelihood,
    aic: 2 * theta.length - 2 * logLikelihood,
    akaikeWeight: 0,
    spec: family.spec(theta),
    mean,
    meanInterval: [Math.max(0, mean - 1.96 * se), mean + 1.96 * se],
  };
}
