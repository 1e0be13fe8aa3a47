/**
 * The mapping beside a spell extract: which local column is which, the extract date, and what
 * the local codes mean (cohorts, wards or out of area, discharge routes), plus the beds on each
 * ward, which an extract cannot know. It arrives as parsed YAML with a way to locate a value,
 * so every mistake names the file, line and column.
 */
import { z } from "zod";
import { parseExtractDate } from "./extract-dates.js";
import type { LocatedProblem } from "./located-problem.js";

/** What a column holds; the defaults are the MHSDS field names. */
export const COLUMN_ROLES = {
  spell_id: "HospProvSpellID",
  person_id: "Person_ID",
  admitted: "StartDateHospProvSpell",
  discharged: "DischDateHospProvSpell",
  cohort: "Cohort",
  ward: "WardCode",
  destination: "DestOfDischHospProvSpell",
  delay_start: "StartDateDelayDisch",
  delay_end: "EndDateDelayDisch",
  delay_reason: "DelayDischReason",
} as const;
export type ColumnRole = keyof typeof COLUMN_ROLES;

/** The ward code target meaning "an out-of-area placement", not a local ward. */
export const OUT_OF_AREA = "out_of_area";

const idPattern = /^[a-z][a-z0-9_]*$/i;
const localId = z
  .string({ error: "expected an id (letters, digits and underscores)" })
  .regex(idPattern, "an id starts with a letter and holds only letters, digits and underscores");
const codes = (what: string) =>
  z.record(z.string(), localId, {
    error: `expected ${what}: each local code, a colon, then an id`,
  });
const isoDate = z
  .string({ error: "expected a date such as 2025-03-31" })
  .refine((s) => parseExtractDate(s) !== undefined, "expected a real date such as 2025-03-31");

const mappingSchema = z.strictObject({
  name: z.string().optional(),
  extract_date: isoDate.optional(),
  arrivals_from: isoDate.optional(),
  columns: z
    .strictObject(
      Object.fromEntries(
        Object.keys(COLUMN_ROLES).map((role) => [role, z.string().min(1).optional()]),
      ) as Record<ColumnRole, z.ZodOptional<z.ZodString>>,
    )
    .optional(),
  cohorts: codes("cohorts").optional(),
  wards: codes("wards").optional(),
  routes: codes("routes").optional(),
  beds: z
    .record(
      z.string(),
      z
        .number({ error: "expected a number of beds" })
        .int("beds are a whole number")
        .min(0, "beds cannot be negative")
        .max(100_000, "more than 100,000 beds is not plausible"),
    )
    .optional(),
});

export interface ExtractMapping {
  name?: string;
  /**
   * Day number of the extract date: spells open on it are still in hospital. Without a
   * mapping it is the latest date in the extract.
   */
  extractDate?: number;
  /** First day of the period arrivals are counted over (default: the first admission). */
  arrivalsFrom?: number;
  columns: Record<ColumnRole, string>;
  /** Local code to cohort id; absent: codes are used as ids. */
  cohorts?: Record<string, string>;
  /** Local code to ward id or `out_of_area`; absent: codes are used as ids. */
  wards?: Record<string, string>;
  /** Discharge destination code to route; absent: codes are used as route names. */
  routes?: Record<string, string>;
  beds: Record<string, number>;
}

/** Used when no mapping is given: MHSDS column names, local codes used as they are. */
export const DEFAULT_MAPPING: ExtractMapping = { columns: { ...COLUMN_ROLES }, beds: {} };

export type MappingResult =
  | { ok: true; mapping: ExtractMapping }
  | { ok: false; problems: LocatedProblem[] };

type Locate = (path: readonly (string | number)[], message: string) => LocatedProblem;

/** Checks parsed mapping YAML; `locate` turns a path in it into a located problem. */
export function readMapping(data: unknown, locate: Locate): MappingResult {
  const parsed = mappingSchema.safeParse(data ?? {});
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) =>
        locate(
          issue.path.filter((p) => typeof p !== "symbol") as (string | number)[],
          issue.code === "unrecognized_keys"
            ? `unknown setting ${issue.keys.map((k) => `"${k}"`).join(", ")}; the mapping takes name, extract_date, arrivals_from, columns, cohorts, wards, routes and beds`
            : issue.message,
        ),
      ),
    };
  const m = parsed.data;
  const problems: LocatedProblem[] = [];
  const wardIds = new Set(Object.values(m.wards ?? {}));
  for (const ward of Object.keys(m.beds ?? {}))
    if (m.wards && !wardIds.has(ward))
      problems.push(
        locate(
          ["beds", ward],
          `beds are given for "${ward}", but no ward code maps to it; check the spelling under wards`,
        ),
      );
  if (m.beds?.[OUT_OF_AREA] !== undefined)
    problems.push(
      locate(["beds", OUT_OF_AREA], "out-of-area beds are unlimited; remove this line"),
    );
  if (problems.length > 0) return { ok: false, problems };
  const extractDate = m.extract_date ? parseExtractDate(m.extract_date) : undefined;
  const arrivalsFrom = m.arrivals_from ? parseExtractDate(m.arrivals_from) : undefined;
  if (arrivalsFrom !== undefined && extractDate !== undefined && arrivalsFrom >= extractDate)
    return {
      ok: false,
      problems: [locate(["arrivals_from"], "arrivals_from must be before the extract date")],
    };
  return {
    ok: true,
    mapping: {
      name: m.name,
      extractDate,
      arrivalsFrom,
      columns: { ...COLUMN_ROLES, ...stripUndefined(m.columns ?? {}) },
      cohorts: m.cohorts,
      wards: m.wards,
      routes: m.routes,
      beds: m.beds ?? {},
    },
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
