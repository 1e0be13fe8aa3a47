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

/**
 * What a discharge does when its destination is full, each with its meaning (for messages):
 * the schema's list and the simulation's branches both follow this table.
 */
export const WHEN_FULL = {
  stay_in_bed: "stay in the acute bed until a place frees (a delayed discharge)",
  go_home: "go home instead",
  out_of_area: "take an out-of-area place instead",
} as const;

export type WhenFull = keyof typeof WHEN_FULL;

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
