/**
 * Calibration: from spells to every figure a model needs, each with where it came from. The
 * result is data; `write-model.ts` words it as a model file.
 */
import { OUT_OF_AREA } from "../data/extract-mapping.js";
import type { Spell, SpellExtract } from "../data/spell.js";
import { TRANSFER } from "../data/spell.js";
import { type CensoredStays, censoredStays } from "./censored-stays.js";
import { type Estimate, share, Z95 } from "./estimates.js";
import { type ArrivalFit, fitArrivals } from "./fit-arrivals.js";
import { fitRoutes, type RouteFit } from "./fit-routes.js";
import { fitFamily, fitStays, type StayFits } from "./fit-stays.js";
import { kaplanMeier, type SurvivalCurve } from "./kaplan-meier.js";
import { type MonthlyArrivals, monthlyArrivals } from "./monthly-arrivals.js";
import { peakCensus } from "./peak-census.js";
import { findReadmissions } from "./readmissions.js";
import { STAY_FAMILIES } from "./stay-families.js";

/** Below this many stays a cohort uses the pathway's stay fit rather than its own. */
export const MIN_STAYS_FOR_OWN_FIT = 50;
export const READMISSION_WINDOW_DAYS = 30;
/**
 * A cohort gets discharge routes of its own from this many discharges (a route share is then
 * known to within about ±3 points); below it, it uses the pathway's routes from all spells.
 */
export const MIN_DISCHARGES_FOR_OWN_ROUTES = 200;

export interface CohortCalibration {
  id: string;
  arrivals: ArrivalFit;
  monthly: MonthlyArrivals;
  /** Absent: too few local stays for a fit of its own. */
  stays?: StayFits;
  localStays: number;
  /** Kaplan-Meier curve of this cohort's local stays, whether or not it has its own fit. */
  survival: SurvivalCurve;
  /** Absent: too few discharges for routes of its own, so the pathway's apply. */
  routes?: RouteFit[];
  discharges: number;
}

export interface WardCalibration {
  id: string;
  /** From the mapping; absent when it does not give them. */
  beds?: number;
  peakCensus: number;
  accepts: string[];
}

export interface Calibration {
  extractDate: number;
  from: number;
  spells: number;
  readmissions: number;
  cohorts: CohortCalibration[];
  stays: StayFits;
  /** Kaplan-Meier curve of all local stays. */
  survival: SurvivalCurve;
  routes: RouteFit[];
  outOfArea: {
    admissions: number;
    share: Estimate;
    /** Mean out-of-area stay over mean local stay (same family fitted to both). */
    stayMultiplier?: Estimate;
    /** Out-of-area spells that ended in a move home to a local ward. */
    broughtHome: number;
  };
  wards: WardCalibration[];
}

export function calibrate(extract: SpellExtract, beds: Record<string, number>): Calibration {
  const { spells, extractDate, arrivalsFrom } = extract;
  const { isReadmission, wasReadmitted, continues } = findReadmissions(
    spells,
    READMISSION_WINDOW_DAYS,
  );
  // Spells that begin an episode: one carrying on after a move began part-way through a stay,
  // so its length says nothing of a stay's (and it is no admission).
  const begins = spells.filter((_, i) => !continues[i]);
  const local = spells.filter((s) => s.ward !== OUT_OF_AREA);
  const localBegins = begins.filter((s) => s.ward !== OUT_OF_AREA);
  const away = begins.filter((s) => s.ward === OUT_OF_AREA);
  const localStays = clinicalStays(localBegins, extractDate);
  const stays = fitStays(localStays);

  const cohortIds = [...new Set(spells.map((s) => s.cohort))].sort();
  const cohorts = cohortIds.map((id) => {
    const arrivals = spells
      .filter(
        (s, i) =>
          s.cohort === id && !isReadmission[i] && !continues[i] && s.admitted >= arrivalsFrom,
      )
      .map((s) => s.admitted);
    const mine = localBegins.filter((s) => s.cohort === id);
    const myStays = clinicalStays(mine, extractDate);
    const fit = fitArrivals(arrivals, arrivalsFrom, extractDate);
    const own = spells.flatMap((s, i) => (s.cohort === id ? [i] : []));
    const discharges = own.filter(
      (i) => spells[i].discharged !== undefined && spells[i].route !== TRANSFER,
    ).length;
    return {
      id,
      arrivals: fit,
      monthly: monthlyArrivals(arrivals, arrivalsFrom, extractDate, fit),
      stays:
        mine.length >= MIN_STAYS_FOR_OWN_FIT && cohortIds.length > 1
          ? fitStays(myStays)
          : undefined,
      localStays: mine.length,
      survival: kaplanMeier(myStays),
      routes:
        discharges >= MIN_DISCHARGES_FOR_OWN_ROUTES && cohortIds.length > 1
          ? fitRoutes(
              own.map((i) => spells[i]),
              own.map((i) => wasReadmitted[i]),
              extractDate,
              READMISSION_WINDOW_DAYS,
            )
          : undefined,
      discharges,
    };
  });

  let stayMultiplier: Estimate | undefined;
  if (away.length >= 10) {
    const family = STAY_FAMILIES.find((f) => f.name === stays.ranked[0].family) ?? STAY_FAMILIES[0];
    const here = stays.ranked[0];
    const there = fitFamily(family, clinicalStays(away, extractDate));
    // Log-scale standard errors from each interval, combined as for a ratio of independent means.
    const logSe = (f: { mean: number; meanInterval: [number, number] }) =>
      Math.log(f.meanInterval[1] / Math.max(f.mean, 1e-9)) / Z95;
    const value = there.mean / here.mean;
    const se = Math.hypot(logSe(here), logSe(there));
    stayMultiplier = { value, low: value * Math.exp(-Z95 * se), high: value * Math.exp(Z95 * se) };
  }

  const peaks = peakCensus(local, extractDate);
  const wards = [...peaks.keys()].sort().map((id) => ({
    id,
    beds: beds[id],
    peakCensus: peaks.get(id) ?? 0,
    accepts: [...new Set(local.filter((s) => s.ward === id).map((s) => s.cohort))].sort(),
  }));

  return {
    extractDate,
    from: arrivalsFrom,
    spells: spells.length,
    readmissions: isReadmission.filter(Boolean).length,
    cohorts,
    stays,
    survival: kaplanMeier(localStays),
    routes: fitRoutes(spells, wasReadmitted, extractDate, READMISSION_WINDOW_DAYS),
    outOfArea: {
      admissions: away.length,
      share: share(away.length, begins.length),
      broughtHome: away.filter((s) => s.route === TRANSFER).length,
      stayMultiplier,
    },
    wards,
  };
}

/**
 * The clinical stay, as the model means it: admission to ready for discharge (the start of a
 * delay), or to discharge when there was no delay; open spells are censored at the extract
 * date, and a stay that ended in a move to another provider at the move (it went on there).
 */
export function clinicalStays(spells: Spell[], extractDate: number): CensoredStays {
  return censoredStays(
    spells.map((s) => {
      if (s.delay) return { days: s.delay.start - s.admitted, ended: true };
      if (s.route === TRANSFER && s.discharged !== undefined)
        return { days: s.discharged - s.admitted, ended: false };
      if (s.discharged !== undefined) return { days: s.discharged - s.admitted, ended: true };
      return { days: extractDate + 0.5 - s.admitted, ended: false };
    }),
  );
}
