/** One hospital spell from an extract, in the model's words (cohort, ward, route), in days. */
export interface Spell {
  /** Line of the extract the spell came from, for messages. */
  line: number;
  spellId: string;
  personId: string;
  cohort: string;
  /** A local ward id, or `out_of_area`. */
  ward: string;
  /** Day numbers (days since 1 January 1970). */
  admitted: number;
  /** Absent: still in hospital on the extract date (the stay is right-censored). */
  discharged?: number;
  /** The discharge route; absent while in hospital. */
  route?: string;
  /** A delayed discharge: from when the person was ready to leave, to when they could. */
  delay?: { start: number; end: number; reason?: string };
}

/** Spells with the extract date they were taken on. */
export interface SpellExtract {
  spells: Spell[];
  extractDate: number;
  /** First day arrivals are counted from. */
  arrivalsFrom: number;
}

/**
 * The route of a spell that ended in a move to another provider (an out-of-area placement
 * brought home, say), not a discharge from the pathway.
 */
export const TRANSFER = "transfer";

/**
 * Whether `next` carries on `previous`, the same person's spell before it: it began the day
 * `previous` ended in a move to another provider, so it is the same episode of care (no new
 * admission, no readmission).
 */
export function continuesAfter(previous: Spell, next: Spell): boolean {
  return previous.route === TRANSFER && previous.discharged === next.admitted;
}
