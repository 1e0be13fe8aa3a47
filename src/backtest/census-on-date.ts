/**
 * Who was in hospital on a date, from spells: the census a back-test (or a calibrated model)
 * starts from. A spell admitted before the day and not discharged by it is in the census, out
 * of area in the model's out-of-area service, with its delay if one had begun.
 */
import { dayToIso } from "../data/extract-dates.js";
import { OUT_OF_AREA } from "../data/extract-mapping.js";
import type { Spell } from "../data/spell.js";
import type { CensusRow } from "../scenario/census.js";

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
      ...(s.delay && s.delay.start <= day && { delayedSince: dayToIso(s.delay.start) }),
    }));
}
