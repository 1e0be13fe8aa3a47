/**
 * The scenario `bedsim calibrate` writes beside the model, so a plan can start from today: it
 * names the model and the census of the day after the extract date, starts that day, and
 * needs no warm-up.
 */
import { dayToIso } from "../data/extract-dates.js";
import type { SpellExtract } from "../data/spell.js";

/** A three-year plan is the usual horizon; the user changes `years` in the file. */
const PLAN_YEARS = 3;
const REPLICATIONS = 200;
/** Any seed will do; a fixed one makes the first run repeatable. */
const SEED = 20250401;

export function writeScenario(
  extract: SpellExtract,
  names: { id: string; model: string; census: string; title: string },
): string {
  const start = dayToIso(extract.extractDate + 1);
  return [
    "# Written by bedsim calibrate: the calibrated model, started from the people in hospital",
    "# on the day after the extract date. Edit it like any scenario (add changes: for a plan).",
    `name: ${JSON.stringify(names.id)}`,
    `title: ${JSON.stringify(names.title)}`,
    `model: ${JSON.stringify(names.model)}`,
    "run:",
    `  start: ${start} # the day after the extract date`,
    `  years: ${PLAN_YEARS}`,
    `  start_from: ${JSON.stringify(names.census)} # who was in hospital then, so no warm-up is needed`,
    "  warm_up_days: 0",
    `  replications: ${REPLICATIONS}`,
    `  seed: ${SEED}`,
    "",
  ].join("\n");
}
