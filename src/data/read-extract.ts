/**
 * Reads a spell extract (CSV text, one row per hospital spell) into spells, or into every
 * problem found, grouped: a file with 412 bad dates gives one message with the count and the
 * first row, not 412 messages.
 */
import { CsvError, parse } from "csv-parse/sync";
import { dayToIso, parseExtractDate } from "./extract-dates.js";
import { type ColumnRole, type ExtractMapping, OUT_OF_AREA } from "./extract-mapping.js";
import type { LocatedProblem } from "./located-problem.js";
import type { Spell, SpellExtract } from "./spell.js";

export type ExtractResult =
  | { ok: true; extract: SpellExtract }
  | { ok: false; problems: LocatedProblem[] };

const REQUIRED: ColumnRole[] = [
  "spell_id",
  "person_id",
  "admitted",
  "discharged",
  "cohort",
  "ward",
];

/** One kind of mistake, counted, remembered at its first row. */
interface Group {
  role: ColumnRole;
  /** e.g. "have a discharge date before the admission date" (after "412 rows"). */
  what: string;
  fix: string;
  count: number;
  line: number;
}

export function readExtract(text: string, file: string, mapping: ExtractMapping): ExtractResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      comment: "#",
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      bom: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return {
        ok: false,
        problems: [
          {
            file,
            line,
            message: `this is not readable CSV (${error.message.replace(/^[^:]*:\s*/, "").split(":")[0]}); check for an unclosed quote near here`,
          },
        ],
      };
    }
    throw error;
  }
  if (records.length === 0)
    return {
      ok: false,
      problems: [
        { file, message: "the extract is empty; it needs a header row and one row per spell" },
      ],
    };

  const header = records[0].record;
  const headerLine = records[0].info.lines;
  const col = (role: ColumnRole) => header.indexOf(mapping.columns[role]);
  const missing = REQUIRED.filter((role) => col(role) < 0);
  if (missing.length > 0)
    return {
      ok: false,
      problems: [
        {
          file,
          line: headerLine,
          column: 1,
          message: `the header has no column ${missing.map((r) => `"${mapping.columns[r]}"`).join(", ")}; the columns found are ${header.map((h) => `"${h}"`).join(", ")}. Rename the column, or say which column it is under "columns:" in the mapping`,
        },
      ],
    };

  const groups = new Map<string, Group>();
  const flag = (role: ColumnRole, what: string, fix: string, line: number) => {
    const key = `${role}|${what}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { role, what, fix, count: 1, line });
  };
  const extractDate =
    mapping.extractDate ??
    latestDate(records.slice(1), [col("admitted"), col("discharged"), col("delay_end")]);
  const seen = new Set<string>();
  const spells: Spell[] = [];
  const cell = (record: string[], role: ColumnRole) => {
    const i = col(role);
    return i < 0 ? "" : (record[i] ?? "");
  };

  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      flag(
        "spell_id",
        `have ${record.length < header.length ? "fewer" : "more"} values than the header has columns`,
        "check for a missing or extra comma",
        line,
      );
      continue;
    }
    const date = (role: ColumnRole, required: boolean): number | undefined | null => {
      const text = cell(record, role);
      if (text === "") {
        if (required) flag(role, "have no admission date", "fill it in or remove the row", line);
        return undefined;
      }
      const day = parseExtractDate(text);
      if (day === undefined) {
        flag(
          role,
          "have a date that is not a real date",
          "write dates as 2024-03-31 or 31/03/2024",
          line,
        );
        return null;
      }
      return day;
    };
    const spellId = cell(record, "spell_id");
    const personId = cell(record, "person_id");
    if (spellId === "") flag("spell_id", "have no spell id", "fill it in or remove the row", line);
    else if (seen.has(spellId))
      flag(
        "spell_id",
        "repeat a spell id already used on an earlier row",
        "keep one row per spell",
        line,
      );
    seen.add(spellId);
    if (personId === "")
      flag("person_id", "have no person id", "fill it in (a pseudonymised id is fine)", line);
    const admitted = date("admitted", true);
    const discharged = date("discharged", false);
    const delayStart = date("delay_start", false);
    const delayEnd = date("delay_end", false);

    const cohortCode = cell(record, "cohort");
    const cohort =
      cohortCode === ""
        ? undefined
        : mapping.cohorts
          ? mapping.cohorts[cohortCode]
          : asId(cohortCode);
    if (cohortCode === "") flag("cohort", "have no cohort", "fill it in or remove the row", line);
    else if (cohort === undefined)
      flag(
        "cohort",
        "have a cohort code the mapping does not list",
        "add the code under cohorts: in the mapping",
        line,
      );
    const wardCode = cell(record, "ward");
    const ward =
      wardCode === "" ? undefined : mapping.wards ? mapping.wards[wardCode] : asId(wardCode);
    if (wardCode === "") flag("ward", "have no ward code", "fill it in or remove the row", line);
    else if (ward === undefined)
      flag(
        "ward",
        "have a ward code the mapping does not list",
        `add the code under wards: in the mapping (a local ward id, or ${OUT_OF_AREA})`,
        line,
      );

    let route: string | undefined;
    if (typeof discharged === "number") {
      const code = cell(record, "destination");
      route = code === "" ? undefined : mapping.routes ? mapping.routes[code] : asId(code);
      if (code === "")
        flag("destination", "are discharged but have no discharge destination", "fill it in", line);
      else if (route === undefined)
        flag(
          "destination",
          "have a discharge destination code the mapping does not list",
          "add the code under routes: in the mapping",
          line,
        );
      if (typeof admitted === "number" && discharged < admitted)
        flag(
          "discharged",
          "have a discharge date before the admission date",
          "check the two dates",
          line,
        );
      if (discharged > extractDate)
        flag(
          "discharged",
          `have a discharge date after the extract date (${dayToIso(extractDate)})`,
          "check the date, or the extract_date in the mapping",
          line,
        );
    }
    if (typeof admitted === "number" && admitted > extractDate)
      flag(
        "admitted",
        `have an admission date after the extract date (${dayToIso(extractDate)})`,
        "check the date, or the extract_date in the mapping",
        line,
      );

    let delay: Spell["delay"];
    if (typeof delayStart === "number") {
      const end = typeof delayEnd === "number" ? delayEnd : (discharged ?? extractDate);
      if (typeof admitted === "number" && delayStart < admitted)
        flag(
          "delay_start",
          "have a delay that starts before the admission date",
          "check the delay dates",
          line,
        );
      else if (end < delayStart)
        flag("delay_end", "have a delay that ends before it starts", "check the delay dates", line);
      else if (typeof discharged === "number" && delayStart > discharged)
        flag(
          "delay_start",
          "have a delay that starts after the discharge date",
          "check the delay dates",
          line,
        );
      else
        delay = {
          start: delayStart,
          end: Math.min(end, discharged ?? end),
          reason: cell(record, "delay_reason") || undefined,
        };
    } else if (typeof delayEnd === "number")
      flag(
        "delay_start",
        "have a delay end date but no start date",
        "fill in the start or clear the end",
        line,
      );

    if (
      typeof admitted !== "number" ||
      discharged === null ||
      cohort === undefined ||
      ward === undefined
    )
      continue;
    if (typeof discharged === "number" && (route === undefined || discharged < admitted)) continue;
    spells.push({ line, spellId, personId, cohort, ward, admitted, discharged, route, delay });
  }

  if (groups.size > 0)
    return {
      ok: false,
      problems: [...groups.values()]
        .sort((a, b) => a.line - b.line)
        .map((g) => ({
          file,
          line: g.line,
          column: col(g.role) + 1 || undefined,
          message: `${g.count === 1 ? `1 row ${singular(g.what)}` : `${g.count.toLocaleString("en-GB")} rows ${g.what}`} (column ${mapping.columns[g.role]}, first at line ${g.line}); ${g.fix}`,
        })),
    };
  if (spells.length === 0)
    return { ok: false, problems: [{ file, message: "the extract has a header but no spells" }] };
  const firstAdmission = Math.min(...spells.map((s) => s.admitted));
  return {
    ok: true,
    extract: { spells, extractDate, arrivalsFrom: mapping.arrivalsFrom ?? firstAdmission },
  };
}

/** "have a date" for one row: "has a date". */
function singular(what: string): string {
  return what
    .replace(/^have /, "has ")
    .replace(/^are /, "is ")
    .replace(/^repeat /, "repeats ");
}

/** Without a mapping, a local code becomes an id: "Ward 3" → "ward_3". */
function asId(code: string): string | undefined {
  const id = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[a-z]/.test(id) ? id : id === "" ? undefined : `code_$id`;
}

function latestDate(records: { record: string[] }[], columns: number[]): number {
  let latest = Number.NEGATIVE_INFINITY;
  for (const { record } of records)
    for (const i of columns) {
      const day = i >= 0 ? parseExtractDate(record[i] ?? "") : undefined;
      if (day !== undefined && day > latest) latest = day;
    }
  return latest;
}
