import type { DistributionSpec } from "../engine/distributions.js";

/** The choices a cohort's people face. Cohorts may override the pathway-wide defaults. */
export interface Routing {
  /** Share of people in crisis supported at home by the crisis team (never need a bed). */
  crisisTeamSupportAtHome: number;
  /** Share of the rest offered a crisis-house bed instead of admission. */
  crisisHouseInsteadOfAdmission: number;
  /** Clinical length of an acute ward stay. */
  wardStay: DistributionSpec;
  /** Share of acute patients who need a psychiatric intensive care (PICU) bed in their stay. */
  picuShare: number;
  dischargeRoutes: DischargeRoute[];
}

export type WhenFull = "stay_in_bed" | "go_home" | "out_of_area";

export interface DischargeRoute {
  name: string;
  share: number;
  /** Service the person moves to; undefined for home. */
  to?: string;
  whenFull: WhenFull;
  /** With whenFull = out_of_area: the out-of-area service used. */
  outOfArea?: string;
  readmissionWithin30Days: number;
  /** Delays outside the modelled services (care package, housing). */
  delay?: { share: number; length: DistributionSpec; reason: string };
}
