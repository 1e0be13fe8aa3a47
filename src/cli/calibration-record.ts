/**
 * A calibration (calibrate/) as calibration.json (results/): the fitted figures in the file's
 * shape, and each family's survival curve evaluated for the report, which may not call the
 * fitting code. Lives in the CLI because it is the one layer that may know both.
 */
import type { Calibration, CohortCalibration } from "../calibrate/calibrate.js";
import { MIN_DISCHARGES_FOR_OWN_ROUTES, MIN_STAYS_FOR_OWN_FIT } from "../calibrate/calibrate.js";
import type { Estimate } from "../calibrate/estimates.js";
import { modelGrowth } from "../calibrate/fit-arrivals.js";
import type { RouteFit } from "../calibrate/fit-routes.js";
import type { StayFits } from "../calibrate/fit-stays.js";
import type { SurvivalCurve } from "../calibrate/kaplan-meier.js";
import { STAY_FAMILIES } from "../calibrate/stay-families.js";
import { dayToIso } from "../data/extract-dates.js";
import { capitalise } from "../report/charts/labels.js";
import type { CalibrationFile, RouteRow, StayGroup } from "../results/calibration.js";
import type { Manifest } from "../results/kpis.js";

/** Points on each fitted survival curve: smooth at chart width. */
const GRID_POINTS = 160;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
/** Curves to six decimals: a millionth of a share is far below what a chart or reader sees. */
const six = (values: number[]) => values.map((v) => Math.round(v * 1e6) / 1e6);
const estimate = (e: Estimate) => ({ value: e.value, ci95: [e.low, e.high] as const });

export interface CalibrationSource {
  modelFile: string;
  extractFile: string;
  mappingFile?: string;
  version: string;
  manifest: Manifest;
}

export function calibrationRecord(c: Calibration, source: CalibrationSource): CalibrationFile {
  return {
    version: source.version,
    model_file: source.modelFile,
    extract: {
      file: source.extractFile,
      mapping: source.mappingFile,
      arrivals_from: dayToIso(c.from),
      extract_date: dayToIso(c.extractDate),
      spells: c.spells,
      readmissions: c.readmissions,
    },
    stays: [
      stayGroup("all", "All local spells", c.stays, c.survival, true),
      ...c.cohorts.map((cohort) =>
        stayGroup(
          cohort.id,
          capitalise(cohort.id.replaceAll("_", " ")),
          cohort.stays ?? c.stays,
          cohort.survival,
          cohort.stays !== undefined,
          cohort,
        ),
      ),
    ],
    arrivals: {
      months: c.cohorts[0]?.monthly.months ?? [],
      cohorts: c.cohorts.map((cohort) => ({
        cohort: cohort.id,
        admissions: cohort.arrivals.admissions,
        years: cohort.arrivals.years,
        per_year: estimate(cohort.arrivals.perYear),
        growth: cohort.arrivals.growth ? estimate(cohort.arrivals.growth) : undefined,
        growth_in_model: modelGrowth(cohort.arrivals),
        seasonality: cohort.arrivals.seasonality,
        seasonality_chi2: cohort.arrivals.seasonalityChi2,
        observed: cohort.monthly.observed,
        fitted: cohort.monthly.fitted.map((x) => Math.round(x * 1000) / 1000),
      })),
    },
    routes: {
      all: c.routes.map(routeRow),
      by_cohort: c.cohorts.map((cohort) => ({
        cohort: cohort.id,
        discharges: cohort.discharges,
        routes: cohort.routes?.map(routeRow),
      })),
      min_discharges_for_own: MIN_DISCHARGES_FOR_OWN_ROUTES,
    },
    out_of_area: {
      admissions: c.outOfArea.admissions,
      brought_home: c.outOfArea.broughtHome,
      spells: c.spells,
      share: estimate(c.outOfArea.share),
      stay_multiplier: c.outOfArea.stayMultiplier
        ? estimate(c.outOfArea.stayMultiplier)
        : undefined,
    },
    wards: c.wards.map((w) => ({
      id: w.id,
      beds: w.beds,
      peak_census: w.peakCensus,
      accepts: w.accepts,
    })),
    thresholds: { min_stays_for_own_fit: MIN_STAYS_FOR_OWN_FIT },
    manifest: source.manifest,
  };
}

function stayGroup(
  id: string,
  label: string,
  fits: StayFits,
  survival: SurvivalCurve,
  own: boolean,
  cohort?: CohortCalibration,
): StayGroup {
  const best = fits.ranked[0].aic;
  const stays = cohort?.localStays ?? fits.stays;
  const discharged = survival.discharged.reduce((a, b) => a + b, 0);
  const last = survival.days[survival.days.length - 1] ?? 1;
  // The fitted curves run as far as the observed one is informative: to where 2% remain.
  const tail = survival.days[survival.survival.findIndex((s) => s <= 0.02)] ?? last;
  const end = Math.max(10, Math.ceil(tail / 10) * 10);
  const grid = Array.from(
    { length: GRID_POINTS + 1 },
    (_, i) => Math.round((end * i * 100) / GRID_POINTS) / 100,
  );
  return {
    id,
    label,
    stays,
    discharged,
    still_in_hospital: stays - discharged,
    own_fit: own,
    fits: fits.ranked.map((f) => ({
      family: f.family,
      label: f.label,
      parameters: f.theta.map((value, i) => ({
        name: STAY_FAMILIES.find((s) => s.name === f.family)?.parameters[i] ?? `parameter ${i + 1}`,
        value,
        se: finite(f.standardErrors[i]),
      })),
      log_likelihood: f.logLikelihood,
      aic: f.aic,
      delta_aic: f.aic - best,
      akaike_weight: f.akaikeWeight,
      mean_days: f.mean,
      mean_ci95: [finite(f.meanInterval[0]), finite(f.meanInterval[1])] as const,
    })),
    observed: {
      days: survival.days,
      share: six(survival.survival),
      low: six(survival.low),
      high: six(survival.high),
    },
    fitted: {
      days: grid,
      share: Object.fromEntries(
        fits.ranked.map((f) => {
          const family = STAY_FAMILIES.find((s) => s.name === f.family);
          return [f.family, six(grid.map((t) => (family ? family.survival(f.theta, t) : 0)))];
        }),
      ),
    },
  };
}

function routeRow(r: RouteFit): RouteRow {
  return {
    route: r.route,
    discharges: r.discharges,
    share: estimate(r.share),
    delayed: r.delayed,
    delay_share: estimate(r.delayShare),
    delay_mean_days: r.delayMean ? estimate(r.delayMean) : undefined,
    delay_reason: r.delayReason,
    readmission: estimate(r.readmission),
    readmission_base: r.readmissionBase,
  };
}
