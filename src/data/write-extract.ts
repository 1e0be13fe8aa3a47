/**
 * Spells written as an extract bedsim reads back: the MHSDS column names (`COLUMN_ROLES`), one
 * row a spell, dates as ISO days, open spells and open delays blank. Local codes come from
 * `codes` (the reverse of a mapping); without them the model's ids are the codes, and a
 * mapping-free `bedsim calibrate` reads the file as written.
 */
import { BYTE_ORDER_MARK, csvLine } from "./csv-line.js";
import { dayToIso } from "./extract-dates.js";
import { COLUMN_ROLES, type ColumnRole } from "./extract-mapping.js";
import type { Spell } from "./spell.js";

export interface ExtractCodes {
  cohorts?: Record<string, string>;
  wards?: Record<string, string>;
  routes?: Record<string, string>;
}

/** `heading`, when given, is written first as a `#` comment line (e.g. "SYNTHETIC: …"). */
export function extractCsv(
  spells: readonly Spell[],
  codes: ExtractCodes = {},
  heading?: string,
): string {
  const code = (map: Record<string, string> | undefined, id: string) => map?.[id] ?? id;
  const day = (d: number | undefined) =>
    d === undefined || !Number.isFinite(d) ? "" : dayToIso(d);
  const roles = Object.keys(COLUMN_ROLES) as ColumnRole[];
  const rows = spells.map((s) => {
    const cells: Record<ColumnRole, string> = {
      spell_id: s.spellId,
      person_id: s.personId,
      admitted: day(s.admitted),
      discharged: day(s.discharged),
      cohort: code(codes.cohorts, s.cohort),
      ward: code(codes.wards, s.ward),
      destination: s.route === undefined ? "" : code(codes.routes, s.route),
      delay_start: day(s.delay?.start),
      delay_end:
        s.delay && s.discharged !== undefined ? day(Math.min(s.delay.end, s.discharged)) : "",
      delay_reason: s.delay?.reason ?? "",
    };
    return roles.map((role) => cells[role]);
  });
  const lines = [roles.map((role) => COLUMN_ROLES[role]), ...rows].map(csvLine);
  return `${BYTE_ORDER_MARK}${heading ? `# ${heading}\n` : ""}${lines.join("\n")}\n`;
}
