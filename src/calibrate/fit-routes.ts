/**
 * Discharge routes from discharged spells: each route's share, its delayed-discharge share and
 * mean delay, and its readmission share within the window (only discharges whose whole window
 * lies before the extract date count, so recent discharges do not look unreadmitted).
 */

import type { Spell } from "../data/spell.js";
import { TRANSFER } from "../data/spell.js";
import { censoredMean, type Estimate, share } from "./estimates.js";

export interface RouteFit {
  route: string;
  discharges: number;
  share: Estimate;
  delayed: number;
  delayShare: Estimate;
  /** Mean delay in days (delays still running count as censored); absent with no delays. */
  delayMean?: Estimate;
  /** The most common recorded delay reason. */
  delayReason?: string;
  readmission: Estimate;
  /** Discharges whose readmission window had closed by the extract date. */
  readmissionBase: number;
}

export function fitRoutes(
  spells: Spell[],
  wasReadmitted: boolean[],
  extractDate: number,
  windowDays: number,
): RouteFit[] {
  // A move to another provider is not a discharge: the episode's route is where it ends.
  const discharged = spells
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.discharged !== undefined && s.route !== TRANSFER);
  const routes = [...new Set(discharged.map(({ s }) => s.route as string))].sort();
  return routes
    .map((route) => {
      const on = discharged.filter(({ s }) => s.route === route);
      const delays = on.map(({ s }) => s.delay).filter((d) => d !== undefined);
      const delayDays = delays.reduce((t, d) => t + (d.end - d.start), 0);
      const reasons = new Map<string, number>();
      for (const d of delays) if (d.reason) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
      const closed = on.filter(({ s }) => (s.discharged as number) + windowDays <= extractDate);
      return {
        route,
        discharges: on.length,
        share: share(on.length, discharged.length),
        delayed: delays.length,
        delayShare: share(delays.length, on.length),
        // Every delay on a discharged spell has ended, so the mean is a plain one here.
        delayMean: delays.length > 0 ? censoredMean(delayDays, delays.length) : undefined,
        delayReason: [...reasons.entries()].sort((a, b) => b[1] - a[1])[0]?.[0],
        readmission: share(closed.filter(({ i }) => wasReadmitted[i]).length, closed.length),
        readmissionBase: closed.length,
      };
    })
    .sort((a, b) => b.discharges - a.discharges);
}
