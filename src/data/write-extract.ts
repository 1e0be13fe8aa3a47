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

const ORDER: ColumnRole[] = [
  "spell_id",
  "person_id",
  "admitted",
  "discharged",
  "cohort",
  "ward",
  "destination",
  "delay_start",
  "delay_end",
  "delay_reason",
];

/** `heading`, when given, is written first as a `#` comment line (e.g. "SYNTHETIC: …"). */
export function extractCsv(
  spells: readonly Spell[],
  codes: ExtractCodes = {},
  heading?: string,
): string {
  const code = (map: Record<string, string> | undefined, id: string) => map?.[id] ?? id;
  const day = (d: number | undefined) =>
    d === undefined || !Number.isFinite(d) ? "" : dayToIso(d);
  const rows = spells.map((s) => [
    s.spellId,
    s.personId,
    day(s.admitted),
    day(s.discharged),
    code(codes.cohorts, s.cohort),
    code(codes.wards, s.ward),
    s.route === undefined ? "" : code(codes.routes, s.route),
    day(s.delay?.start),
    s.delay && s.discharged !== undefined ? day(Math.min(s.delay.end, s.discharged)) : "",
    s.delay?.reason ?? "",
  ]);
  const lines = [ORDER.map((role) => COLUMN_ROLES[role]), ...rows].map(csvLine);
  return `${BYTE_ORDER_MARK}${heading ? `# ${heading}\n` : ""}${lines.join("\n")}\n`;
}
