/**
 * Who was in hospital on a date, from spells: the census a back-test (or a calibrated model)
 * starts from. A spell admitted before the day and not discharged by it is in the census, out
 * of area in the model's out-of-area service, with its delay if one had begun.
 */
import { BYTE_ORDER_MARK, csvLine } from "./csv-line.js";
import { dayToIso } from "./extract-dates.js";
import { OUT_OF_AREA } from "./extract-mapping.js";
import type { Spell } from "./spell.js";
import { TRANSFER } from "./spell.js";

/** The columns of a census file, in order. */
export const CENSUS_FIELDS = [
  "person",
  "cohort",
  "service",
  "admitted",
  "delayed_since",
  "waiting_for",
] as const;

/** One person in the census, in the columns of a `run.start_from` file. */
export interface CensusRow {
  person: string;
  cohort: string;
  /** The model's service id: a local ward, or `outOfAreaService`. */
  service: string;
  /** ISO dates. */
  admitted: string;
  delayedSince?: string;
  /** The discharge route a delayed person waits on, when known. */
  waitingFor?: string;
}

export function censusOnDate(
  spells: readonly Spell[],
  day: number,
  outOfAreaService: string,
): CensusRow[] {
  return spells
    .filter((s) => s.admitted < day && (s.discharged === undefined || s.discharged > day))
    .map((s) => ({
      person: s.personId,
      cohort: s.cohort,
      service: s.ward === OUT_OF_AREA ? outOfAreaService : s.ward,
      admitted: dayToIso(s.admitted),
      ...(s.delay &&
        s.delay.start <= day && {
          delayedSince: dayToIso(s.delay.start),
          // Where they went once the delay ended, if the extract saw it: what they waited for.
          ...(s.route !== undefined && s.route !== TRANSFER && { waitingFor: s.route }),
        }),
    }));
}

/** Census rows as the CSV text `run.start_from` reads. */
export function censusCsv(rows: readonly CensusRow[]): string {
  const lines = [
    [...CENSUS_FIELDS],
    ...rows.map((r) => [
      r.person,
      r.cohort,
      r.service,
      r.admitted,
      r.delayedSince ?? "",
      r.waitingFor ?? "",
    ]),
  ];
  return `${BYTE_ORDER_MARK}${lines.map(csvLine).join("\n")}\n`;
}
