/**
 * A simulated replication's stays as hospital provider spells, the unit of a real extract
 * (MHSDS MHS501): the moves within one provider (a local ward to the PICU and back) are ward
 * stays of one spell (named after its acute ward, as an extract names it), while an out-of-area placement is a spell at another provider, and a
 * repatriation starts a new local one (the spell it ends has the route `transfer`). Measured this way, simulated and observed spells are
 * counted by the same code, so a back-test compares like with like.
 */
import { OUT_OF_AREA } from "../data/extract-mapping.js";
import type { Spell } from "../data/spell.js";
import { TRANSFER } from "../data/spell.js";
import { dayOffset } from "../model/calendar.js";
import type { Pathway } from "../model/pathway.js";
import { SERVICE_KINDS } from "../model/service-kinds.js";
import type { Spell as Stay } from "../model/spell-log.js";

/** The date a simulated time falls on, as an extract's whole day number. */
export function dayNumberOf(pathway: Pathway, t: number): number {
  return dayOffset("1970-01-01", pathway.horizon.startDate) + Math.floor(t);
}

/**
 * Which provider a service is for a spell: "local" for acute wards and intensive care, "away"
 * for the acute and PICU out-of-area services, undefined for everything else (crisis houses,
 * community places, rehabilitation), which are not acute hospital spells.
 */
function providerOf(pathway: Pathway): ("local" | "away" | undefined)[] {
  return pathway.services.map((s) => {
    const role = SERVICE_KINDS[s.kind].role;
    if (role === "acute" || role === "intensive_care") return "local";
    if (s.id === pathway.acuteOutOfArea || s.id === pathway.picu?.outOfArea) return "away";
    return undefined;
  });
}

/** Whether each service (by index) is a hospital one, local or out of area. */
export function hospitalServices(pathway: Pathway): boolean[] {
  return providerOf(pathway).map((p) => p !== undefined);
}

/** Stays of one replication (in the order logged) as spells, in day numbers. */
export function providerSpells(stays: readonly Stay[], pathway: Pathway): Spell[] {
  const provider = providerOf(pathway);
  const acute = pathway.services.map((s) => SERVICE_KINDS[s.kind].role === "acute");
  const isIntensiveCare: Record<string, boolean> = Object.fromEntries(
    pathway.services.map((s) => [s.id, SERVICE_KINDS[s.kind].role === "intensive_care"]),
  );
  const day = (t: number) => dayNumberOf(pathway, t);
  const spells: Spell[] = [];
  const open = new Map<string, { spell: Spell; last: Stay }>();
  for (const stay of stays) {
    const where = provider[stay.service];
    if (where === undefined) continue;
    const current = open.get(stay.person);
    const continues =
      current !== undefined &&
      current.last.route === TRANSFER &&
      current.last.end === stay.start &&
      provider[current.last.service] === where;
    if (continues) {
      current.last = stay;
      // A spell is named after its acute ward, the ward an extract records, not the PICU.
      if (isIntensiveCare[current.spell.ward] && acute[stay.service])
        current.spell.ward = pathway.services[stay.service].id;
    } else {
      const service = pathway.services[stay.service];
      const spell: Spell = {
        line: 0,
        spellId: `S${spells.length + 1}`,
        personId: stay.person,
        cohort: pathway.cohorts[stay.cohort].id,
        ward: where === "away" ? OUT_OF_AREA : service.id,
        admitted: day(stay.start),
      };
      spells.push(spell);
      open.set(stay.person, { spell, last: stay });
    }
    const { spell } = open.get(stay.person) as { spell: Spell };
    // The spell ends, and takes its route and any delay, from its last ward stay.
    spell.discharged = stay.end === undefined ? undefined : day(stay.end);
    spell.route = stay.end === undefined ? undefined : stay.route;
    spell.delay =
      stay.delayedFrom === undefined
        ? undefined
        : {
            start: day(stay.delayedFrom),
            end: stay.end === undefined ? Number.POSITIVE_INFINITY : day(stay.end),
          };
  }
  // A spell seen only in intensive care (moved there from out of area, still there at the
  // end) is named after the first ward that takes its cohort, as it would step down to one.
  for (const spell of spells)
    if (isIntensiveCare[spell.ward])
      spell.ward =
        pathway.services.find((s, i) => acute[i] && s.accepts.includes(spell.cohort))?.id ??
        spell.ward;
  return spells;
}
