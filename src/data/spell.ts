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
