/**
 * Where the data behind a calibration are thin, in words for a commissioner: each warning says
 * what is uncertain, why, and what would help. Read from calibration.json alone.
 */
import type { CalibrationFile, RouteRow } from "../results/calibration.js";
import { capitalise, formatNumber, humanise } from "./charts/labels.js";

/** A route share, delay or readmission from fewer discharges than this is flagged. */
export const FEW_DISCHARGES = 30;
/** More than this share of out-of-area placements brought home makes their length uncertain. */
export const BROUGHT_HOME = 0.1;
/** More than this share of stays still running on the extract date is flagged. */
export const HEAVY_CENSORING = 0.2;

const pct = (x: number) => `${formatNumber(x * 100, 1)}%`;
const name = (id: string) => capitalise(humanise(id));

export function calibrationWarnings(file: CalibrationFile): string[] {
  const warnings: string[] = [];
  const minStays = file.thresholds.min_stays_for_own_fit;
  for (const group of file.stays) {
    if (!group.own_fit && file.stays.length > 2)
      warnings.push(
        `${capitalise(group.label)} has only ${formatNumber(group.stays)} local stays, fewer than the ${formatNumber(minStays)} needed for a length of stay of its own, so the model gives it the length of stay fitted to all local spells. If this group's stays differ from the rest, the model will not show it; a longer extract would help.`,
      );
    const open = group.stays > 0 ? group.still_in_hospital / group.stays : 0;
    if (open > HEAVY_CENSORING)
      warnings.push(
        `${pct(open)} of the stays of ${group.id === "all" ? "all local spells" : group.label} were still running on the extract date. They count as "at least this long" rather than being dropped, but the long stays are known mostly from people who have not left yet, so the mean stay is less certain than usual; an extract covering a longer period would help.`,
      );
  }
  const few = (routes: RouteRow[], whose: string) => {
    for (const r of routes)
      if (r.discharges < FEW_DISCHARGES)
        warnings.push(
          `Only ${formatNumber(r.discharges)} ${whose}discharges went to "${humanise(r.route)}", so its share (${pct(r.share.value)}, 95% interval ${pct(r.share.ci95[0])} to ${pct(r.share.ci95[1])}), and even more its delays and readmissions, are rough; check them against local knowledge before relying on them.`,
        );
  };
  few(file.routes.all, "");
  for (const c of file.routes.by_cohort) if (c.routes) few(c.routes, `${humanise(c.cohort)} `);
  for (const w of file.wards) {
    if (w.beds === undefined)
      warnings.push(
        `The mapping gives no beds for ${name(w.id)}, so the model uses the most people seen on it on one day (${formatNumber(w.peak_census)}). Put the ward's real staffed beds under beds: in the mapping and calibrate again.`,
      );
    else if (w.peak_census > w.beds)
      warnings.push(
        `${name(w.id)} had up to ${formatNumber(w.peak_census)} people on one day, more than its ${formatNumber(w.beds)} beds in the mapping. Check the bed number, and whether the ward code also covers another ward or leave beds: a model with too few beds will overstate out-of-area placements.`,
      );
  }
  const home = file.out_of_area.brought_home ?? 0;
  if (file.out_of_area.stay_multiplier && home > BROUGHT_HOME * file.out_of_area.admissions)
    warnings.push(
      `${pct(home / file.out_of_area.admissions)} of out-of-area placements ended with the person brought home to a local ward, so how long they would have stayed out of area is not known. The stay multiplier (${formatNumber(file.out_of_area.stay_multiplier.value, 2)}) counts those stays as "at least this long", but people are brought home mostly when much of their stay is left, so it is likely too low; set it from the providers' records if you have them.`,
    );
  if (file.out_of_area.admissions > 0 && !file.out_of_area.stay_multiplier)
    warnings.push(
      `Only ${formatNumber(file.out_of_area.admissions)} out-of-area spells: too few to say whether out-of-area stays are longer than local ones, so the model assumes they are the same length.`,
    );
  return warnings;
}
