/**
 * The Kaplan-Meier estimate of the share still in hospital after each day, from stays some of
 * which are still running (censored): the observed curve the fitted families are judged
 * against. Greenwood's formula gives its standard error, and the 95% interval is taken on the
 * log(-log) scale so it stays between 0% and 100%.
 */
import type { CensoredStays } from "./censored-stays.js";
import { Z95 } from "./estimates.js";

export interface SurvivalCurve {
  /** Stay lengths (days) at which someone was discharged, shortest first. */
  days: number[];
  /** Share of stays longer than each of those lengths. */
  survival: number[];
  /** Greenwood standard error of each share. */
  standardError: number[];
  /** 95% interval of each share. */
  low: number[];
  high: number[];
  /** Stays still in hospital (at risk) just before each length, and discharged at it. */
  atRisk: number[];
  discharged: number[];
}

export function kaplanMeier(stays: CensoredStays): SurvivalCurve {
  const curve: SurvivalCurve = {
    days: [],
    survival: [],
    standardError: [],
    low: [],
    high: [],
    atRisk: [],
    discharged: [],
  };
  let atRisk = stays.stays;
  let survival = 1;
  let greenwood = 0;
  // Grouped stays are sorted with discharges before censorings of the same length: someone
  // censored at day t was still in hospital when day t's discharges happened.
  for (let i = 0; i < stays.days.length; i++) {
    const count = stays.count[i];
    if (stays.ended[i] === 1) {
      survival *= 1 - count / atRisk;
      greenwood += atRisk > count ? count / (atRisk * (atRisk - count)) : Number.POSITIVE_INFINITY;
      const se = survival * Math.sqrt(greenwood);
      const [low, high] = logLogInterval(survival, greenwood);
      curve.days.push(stays.days[i]);
      curve.survival.push(survival);
      curve.standardError.push(Number.isFinite(se) ? se : 0);
      curve.low.push(low);
      curve.high.push(high);
      curve.atRisk.push(atRisk);
      curve.discharged.push(count);
    }
    atRisk -= count;
  }
  return curve;
}

/** exp(-exp(log(-log S) ± z·se)), with se from Greenwood's sum over the log of S. */
function logLogInterval(survival: number, greenwood: number): [number, number] {
  if (survival <= 0 || survival >= 1 || !Number.isFinite(greenwood)) return [survival, survival];
  const logS = Math.log(survival);
  const se = Math.sqrt(greenwood) / Math.abs(logS);
  const centre = Math.log(-logS);
  return [Math.exp(-Math.exp(centre + Z95 * se)), Math.exp(-Math.exp(centre - Z95 * se))];
}
