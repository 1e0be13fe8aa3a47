/**
 * The smallest pathway the theory tests need: one cohort, one acute ward, one acute
 * out-of-area service. With the defaults (no waiting, no crisis team, no repatriation) the
 * ward is an Erlang loss system whose overflow goes out of area.
 */
import type { DistributionSpec } from "../../src/engine/distributions.js";
import type { DatedChange } from "../../src/model/dated-changes.js";
import type { Pathway } from "../../src/model/pathway.js";

export const DAYS_PER_YEAR = 365.25;
export const START_DATE = "2025-04-01";
/** No seasonality: every month's multiplier is 1. */
export const FLAT = Array<number>(12).fill(1);
const NO_COST = { perBedPerYear: 0, perOccupiedBedDay: 0, perEpisode: 0 };

export interface OneWardOptions {
  beds: number;
  arrivalsPerYear: number;
  wardStay: DistributionSpec;
  warmUpDays: number;
  days: number;
  seasonality?: number[];
  growthPerYear?: number;
  crisisTeamSupportAtHome?: number;
  /** Days to wait for a local bed before going out of area (default 0: straight out). */
  maxWaitForLocalBedDays?: number;
  readmissionWithin30Days?: number;
  /** Bring out-of-area patients back as soon as a local bed frees. */
  repatriate?: boolean;
  outOfAreaStayMultiplier?: number;
  changes?: DatedChange[];
}

export function oneWardPathway(o: OneWardOptions): Pathway {
  return {
    cohorts: [
      {
        id: "adults",
        name: "Adults",
        arrivalsPerYear: o.arrivalsPerYear,
        seasonality: o.seasonality ?? FLAT,
        growthPerYear: o.growthPerYear ?? 0,
        routing: {
          crisisTeamSupportAtHome: o.crisisTeamSupportAtHome ?? 0,
          crisisHouseInsteadOfAdmission: 0,
          wardStay: o.wardStay,
          picuShare: 0,
          dischargeRoutes: [
            {
              name: "home",
              share: 1,
              whenFull: "go_home",
              readmissionWithin30Days: o.readmissionWithin30Days ?? 0,
            },
          ],
        },
      },
    ],
    services: [
      {
        id: "ward",
        name: "Acute ward",
        kind: "ward",
        capacity: o.beds,
        accepts: ["adults"],
        stayMultiplier: 1,
        repatriateTo: [],
        cost: NO_COST,
      },
      {
        id: "oap",
        name: "Out of area",
        kind: "out_of_area",
        capacity: Number.POSITIVE_INFINITY,
        accepts: ["adults"],
        stayMultiplier: o.outOfAreaStayMultiplier ?? 1,
        repatriateTo: o.repatriate ? ["ward"] : [],
        cost: NO_COST,
      },
    ],
    acuteOutOfArea: "oap",
    maxWaitForLocalBedDays: o.maxWaitForLocalBedDays ?? 0,
    repatriateIfRemainingDaysAtLeast: 0,
    readmissionWindowDays: 30,
    changes: o.changes ?? [],
    horizon: { warmUpDays: o.warmUpDays, days: o.days, startDate: START_DATE },
  };
}

/** Erlang-B blocking probability for `servers` servers at offered load `load`, by recursion. */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}
