import { type CensusRow, censusCsv } from "../data/census-on-date.js";
import { TRANSFER } from "../data/spell.js";
import type { Pathway } from "../model/pathway.js";
import type { Spell } from "../model/spell-log.js";
import { toCsv } from "../report/csv.js";
import { addDays } from "../scenario/horizon.js";

/**
 * `bedsim run --write-spells`, beside the spell extract: every stay in a bed or place of the
 * first replication (`stays.csv`, one row a stay in any service, moves between services
 * included), and the people in services on the start date in the census format that
 * `run.start_from` reads (`census.csv`), so a simulated system can be checked stay by stay,
 * or a run restarted, like a real one.
 */
export const STAY_COLUMNS = [
  "stay",
  "person",
  "admitted",
  "left",
  "cohort",
  "service",
  "route",
  "delayed_from",
  "delay_ended",
] as const;

/** The date of a simulated day (days since the start, any fraction of the day dropped). */
function dateOf(pathway: Pathway, day: number): string {
  return addDays(pathway.horizon.startDate, Math.floor(day));
}

/** Stays in the results period (the warm-up's finished stays left out), still open ones blank. */
export function staysCsv(spells: Spell[], pathway: Pathway): string {
  const rows = spells
    .filter((s) => s.end === undefined || s.end >= 0)
    .map((s, i) => [
      i + 1,
      s.person,
      dateOf(pathway, s.start),
      s.end === undefined ? "" : dateOf(pathway, s.end),
      pathway.cohorts[s.cohort].id,
      pathway.services[s.service].id,
      s.route,
      s.delayedFrom === undefined ? "" : dateOf(pathway, s.delayedFrom),
      s.delayedFrom === undefined || s.end === undefined ? "" : dateOf(pathway, s.end),
    ]);
  return toCsv([...STAY_COLUMNS], rows);
}

/**
 * Who was in each service on the start date: the census the run started from, or those the
 * warm-up left in place (a stay begun before the start and not over by it).
 */
export function startCensusCsv(spells: Spell[], pathway: Pathway): string {
  const rows = spells
    .filter((s) => s.fromCensus || (s.start < 0 && (s.end === undefined || s.end > 0)))
    .map((s): CensusRow => {
      const delayed = s.delayedFrom !== undefined && s.delayedFrom <= 0;
      return {
        person: s.person,
        cohort: pathway.cohorts[s.cohort].id,
        service: pathway.services[s.service].id,
        admitted: dateOf(pathway, s.start),
        ...(delayed && {
          delayedSince: dateOf(pathway, s.delayedFrom as number),
          // The route they left by, once the delay was over: the one they were waiting on.
          ...(s.route !== "" && s.route !== TRANSFER && { waitingFor: s.route }),
        }),
      };
    });
  return censusCsv(rows);
}
