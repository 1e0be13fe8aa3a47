import type { DistributionSpec } from "../engine/distributions.js";
import type { DatedChange } from "./dated-changes.js";
import type { Routing } from "./routing.js";
import type { ServiceKind } from "./service-kinds.js";

/**
 * The acute mental-health pathway as the simulation sees it: plain, validated data with
 * times in days since the start of the results period (negative during the warm-up).
 * The scenario layer builds this from YAML; nothing here knows about files.
 */
export interface Pathway {
  cohorts: Cohort[];
  services: Service[];
  /** Service used when no local acute bed can be found in time. */
  acuteOutOfArea: string;
  maxWaitForLocalBedDays: number;
  /** Repatriate only if at least this many days of the (local-equivalent) stay remain. */
  repatriateIfRemainingDaysAtLeast: number;
  /** Days after leaving inpatient care within which a return counts as a readmission. */
  readmissionWindowDays: number;
  changes: DatedChange[];
  horizon: Horizon;
  /** Psychiatric intensive care, when the model has it. */
  picu?: IntensiveCare;
  /** The people already in services when the simulation starts (none: it starts empty). */
  census?: CensusPerson[];
  /** Money over time; absent: every year at the same prices, and no one-off costs. */
  finance?: Finance;
}

/** Costs change from year to year beyond the use of services: prices, and one-off spending. */
export interface Finance {
  /** Yearly price rise, as a fraction (0.025 = 2.5%). */
  inflationPerYear: number;
  /** The financial year the model's costs are priced in, e.g. "2025/26". */
  pricesOf: string;
  /** One-off costs (at those prices), each charged to a service in the financial year of its day. */
  oneOffCosts: { day: number; service: string; amount: number }[];
}

/**
 * One person in a bed or place on the first simulated day, from a starting census. Their
 * remaining stay is drawn given the time already spent, from a stream of their own keyed by
 * `key`, so two scenarios with the same census meet the same people with the same stays.
 */
export interface CensusPerson {
  /** Names this person's random stream: the same in every scenario with this census. */
  key: string;
  cohort: string;
  service: string;
  /** Days already spent in the service when the simulation starts (0 or more). */
  daysIn: number;
  /** Days already spent delayed, ready to leave (an inpatient's delayed discharge), if any. */
  daysDelayed?: number;
  /** The discharge route a delayed person waits on; unknown: chosen among the cohort's by share. */
  waitingFor?: string;
}

/**
 * How acute patients who need psychiatric intensive care reach it: a share of each cohort
 * (`Routing.picuShare`) transfers from the acute bed to a local PICU bed, or out of area when
 * none is free, and afterwards steps back down to a local acute bed for the rest of the stay.
 */
export interface IntensiveCare {
  /** Days into the acute stay when the need arises (at most half the stay). */
  afterDays: number;
  /** How long intensive care lasts, locally (out of area, times that service's multiplier). */
  stay: DistributionSpec;
  /** The out-of-area service used when no local PICU bed is free. */
  outOfArea: string;
}

export interface Horizon {
  /** Days of warm-up before the results period (simulation starts at -warmUpDays). */
  warmUpDays: number;
  /** Length of the results period in days. */
  days: number;
  /** ISO date of day 0 (the start of the results period). */
  startDate: string;
}

export interface Cohort {
  id: string;
  name: string;
  arrivalsPerYear: number;
  /** Twelve multipliers, January first, averaging 1. */
  seasonality: number[];
  /** Yearly compound growth of arrivals, as a fraction (0.01 = 1% a year). */
  growthPerYear: number;
  routing: Routing;
}

export interface ServiceCost {
  perBedPerYear: number;
  perOccupiedBedDay: number;
  perEpisode: number;
}

export interface Service {
  id: string;
  name: string;
  kind: ServiceKind;
  /** Beds or places at the start of the warm-up (Infinity for out of area). */
  capacity: number;
  /** Cohort ids it accepts (all when the model does not say). */
  accepts: string[];
  /** Length of stay for people placed here directly (crisis house, community, rehab ward). */
  stay?: DistributionSpec;
  /** Out-of-area stays are this many times the local stay. */
  stayMultiplier: number;
  /** Out of area: local services people are brought back to when a bed frees. */
  repatriateTo: string[];
  cost: ServiceCost;
}
