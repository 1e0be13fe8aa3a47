/**
 * The result files bedsim writes, each with its declared shape, and what is wrong with a file
 * that does not match its shape, in plain words: the JSON path, what was expected there and
 * what was found. Files are often opened, and sometimes edited, by hand.
 */
import type { z } from "zod";
import { compareFile } from "./compare.js";
import { FORMAT_FIELD, FORMAT_VERSION } from "./format-version.js";
import { runSummaryFile } from "./run-summary.js";
import { rightsizeFile, sweepFile } from "./sweep.js";

/** Each kind of results folder holds one of these, looked for in this order. */
export const RESULT_FILES = {
  "summary.json": runSummaryFile,
  "compare.json": compareFile,
  "sweep.json": sweepFile,
  "rightsize.json": rightsizeFile,
} as const;

export type ResultFileName = keyof typeof RESULT_FILES;

const RECREATE = "it may have been edited by hand. Run the scenario again to recreate it.";

/** What is wrong with `data` (parsed JSON) as a `name` file, or undefined when nothing is. */
export function resultFileProblem(name: ResultFileName, data: unknown): string | undefined {
  if (!isObject(data) || !("version" in data))
    return "this is not a file bedsim wrote; run the scenario again to recreate it.";
  const format = data[FORMAT_FIELD];
  if (format !== undefined && !(Number.isInteger(format) && (format as number) >= 1))
    return `${FORMAT_FIELD}: expected a whole number (the version of this file's layout), found ${found(format)}; ${RECREATE}`;
  if (typeof format === "number" && format > FORMAT_VERSION)
    return `this file was written by a newer bedsim (${FORMAT_FIELD} ${format}; this one reads up to ${FORMAT_VERSION}); update bedsim to read it, or run the scenario again with this one.`;
  const schema = RESULT_FILES[name];
  // Several top-level fields missing: say so once, rather than one message per field.
  const missing = Object.entries(schema.shape)
    .filter(([key, field]) => !(key in data) && !(field as z.ZodType).safeParse(undefined).success)
    .map(([key]) => `"${key}"`);
  if (missing.length > 0)
    return `this file has no ${missing.join(", ")}, which the report needs; ${RECREATE}`;
  const parsed = schema.safeParse(data);
  if (parsed.success) return undefined;
  const issue = deepest(parsed.error.issues);
  const path = issue.path as (string | number)[];
  return `${jsonPath(path)}: expected ${expected(issue)}, found ${found(valueAt(data, path))}; ${RECREATE}`;
}

/** A union's failure hides the useful issue inside: take the branch that went furthest. */
function deepest(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  const [issue] = issues;
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return issue;
  const inner = issue.errors.map((errors) => deepest(errors));
  const best = inner.reduce((a, b) => (b.path.length > a.path.length ? b : a));
  return { ...best, path: [...issue.path, ...best.path] };
}

/** `kpis["cost.oakwood_ward"].mean`, `scenarios[0].summary`: as a JSON path reads in an editor. */
function jsonPath(path: (string | number)[]): string {
  if (path.length === 0) return "the file";
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) return i === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join("");
}

function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return (
        (
          {
            number: "a number",
            string: "text",
            array: "a list",
            tuple: "a list",
            object: "an object",
            record: "an object",
            boolean: "true or false",
          } as Record<string, string>
        )[issue.expected] ?? issue.expected
      );
    case "too_small":
      return issue.origin === "array" ? `a list of at least ${issue.minimum} items` : issue.message;
    case "too_big":
      return issue.origin === "array" ? `a list of at most ${issue.maximum} items` : issue.message;
    case "invalid_value":
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

function found(value: unknown): string {
  if (value === undefined) return "nothing (it is missing)";
  if (value === null) return "null";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "an object";
  return String(value);
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const segment of path)
    value = isObject(value) && Object.hasOwn(value, segment) ? value[segment] : undefined;
  return value;
}

function isObject(value: unknown): value is Record<string | number, unknown> {
  return value !== null && typeof value === "object";
}
