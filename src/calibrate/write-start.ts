/**
 * What `bedsim calibrate` writes beside the model so a plan can start from today: the census
 * on the day after the extract date (who was still in hospital, from the open spells), and a
 * scenario naming the model and that census, starting that day with no warm-up.
 */
import { censusCsv, censusOnDate } from "../data/census-on-date.js";
import { dayToIso } from "../data/extract-dates.js";
import type { SpellExtract } from "../data/spell.js";
import { OUT_OF_AREA_SERVICE } from "./write-model.js";

/** A three-year plan is the usual horizon; the user changes `years` in the file. */
const PLAN_YEARS = 3;
const REPLICATIONS = 200;

export function censusText(extract: SpellExtract): { text: string; people: number } {
  const rows = censusOnDate(extract.spells, extract.extractDate + 1, OUT_OF_AREA_SERVICE);
  return { text: censusCsv(rows), people: rows.length };
}

export function scenarioText(
  extract: SpellExtract,
  names: { model: string; census: string; title: string; seed: number },
): string {
  const start = dayToIso(extract.extractDate + 1);
  return [
    "# Written by bedsim calibrate: the calibrated model, started from the people in hospital on",
    `# the day after the extract date. Edit it like any scenario (add changes: for a plan).`,
    `name: ${JSON.stringify(
      names.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "") || "calibrated",
    )}`,
    `title: ${JSON.stringify(names.title)}`,
    `model: ${JSON.stringify(names.model)}`,
    "run:",
    `  start: ${start} # the day after the extract date`,
    `  years: ${PLAN_YEARS}`,
    `  start_from: ${JSON.stringify(names.census)} # who was in hospital then; no warm-up is needed`,
    "  warm_up_days: 0",
    `  replications: ${REPLICATIONS}`,
    `  seed: ${names.seed}`,
    "",
  ].join("\n");
}
