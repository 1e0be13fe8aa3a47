/**
 * calibration.json: what `bedsim calibrate` fitted, with the rows each figure used and its 95%
 * interval, and the observed curves (survival, monthly admissions) the report draws the fits
 * against. The report reads this file only, never the calibration code.
 */
import { z } from "zod";
import { ci95, manifest } from "./kpis.js";

/** A fitted figure and its 95% interval. */
export const estimate = z.object({ value: z.number(), ci95 });
export type Estimate = z.infer<typeof estimate>;

/** A number that may be unknown (a standard error when the likelihood is flat), as null. */
const maybe = z.number().nullable();

const familyFit = z.object({
  family: z.string(),
  label: z.string(),
  /** Fitted parameters on the fitting scale (logs, a logit), with standard errors. */
  parameters: z.array(z.object({ name: z.string(), value: z.number(), se: maybe })),
  log_likelihood: z.number(),
  aic: z.number(),
  delta_aic: z.number(),
  akaike_weight: z.number(),
  mean_days: z.number(),
  mean_ci95: z.tuple([maybe, maybe]).readonly(),
});
export type FamilyFit = z.infer<typeof familyFit>;

/** A survival curve: the share of stays longer than each number of days. */
const curve = z.object({ days: z.array(z.number()), share: z.array(z.number()) });

const stayGroup = z.object({
  /** A cohort id, or "all" for every local spell. */
  id: z.string(),
  label: z.string(),
  stays: z.number(),
  discharged: z.number(),
  still_in_hospital: z.number(),
  /** False: too few stays for a fit of its own; `fits` are then the pooled fit of all spells. */
  own_fit: z.boolean(),
  /** Best first; the first is the one in the model. */
  fits: z.array(familyFit),
  /** Kaplan-Meier estimate, with its 95% interval, at each length where someone left. */
  observed: curve.extend({ low: z.array(z.number()), high: z.array(z.number()) }),
  /** Each fitted family's survival on a grid of days, family → shares. */
  fitted: z.object({ days: z.array(z.number()), share: z.record(z.string(), z.array(z.number())) }),
});
export type StayGroup = z.infer<typeof stayGroup>;

const arrivalsFit = z.object({
  cohort: z.string(),
  admissions: z.number(),
  years: z.number(),
  per_year: estimate,
  /** Absent: too short a period to estimate it. */
  growth: estimate.optional(),
  /** The growth written into the model (0 when it cannot be told from none). */
  growth_in_model: z.number(),
  /** Twelve multipliers, January first; absent when arrivals are flat through the year. */
  seasonality: z.array(z.number()).optional(),
  seasonality_chi2: z.number(),
  observed: z.array(z.number()),
  fitted: z.array(z.number()),
});
export type ArrivalsFit = z.infer<typeof arrivalsFit>;

const route = z.object({
  route: z.string(),
  discharges: z.number(),
  share: estimate,
  delayed: z.number(),
  delay_share: estimate,
  delay_mean_days: estimate.optional(),
  delay_reason: z.string().optional(),
  readmission: estimate,
  /** Discharges whose 30-day window had closed by the extract date. */
  readmission_base: z.number(),
});
export type RouteRow = z.infer<typeof route>;

export const calibrationFile = z.object({
  version: z.string(),
  model_file: z.string(),
  extract: z.object({
    file: z.string(),
    mapping: z.string().optional(),
    arrivals_from: z.string(),
    extract_date: z.string(),
    spells: z.number(),
    readmissions: z.number(),
  }),
  stays: z.array(stayGroup),
  arrivals: z.object({ months: z.array(z.string()), cohorts: z.array(arrivalsFit) }),
  routes: z.object({
    all: z.array(route),
    /** Cohorts with routes of their own (`routes`), or the pathway's (`routes` absent). */
    by_cohort: z.array(
      z.object({ cohort: z.string(), discharges: z.number(), routes: z.array(route).optional() }),
    ),
    min_discharges_for_own: z.number(),
  }),
  out_of_area: z.object({
    admissions: z.number(),
    spells: z.number(),
    share: estimate,
    stay_multiplier: estimate.optional(),
    /** Out-of-area spells that ended in a move to a local ward (their full length unknown). */
    brought_home: z.number().optional(),
  }),
  wards: z.array(
    z.object({
      id: z.string(),
      beds: z.number().optional(),
      peak_census: z.number(),
      accepts: z.array(z.string()),
    }),
  ),
  thresholds: z.object({ min_stays_for_own_fit: z.number() }),
  manifest,
});
export type CalibrationFile = z.infer<typeof calibrationFile>;
