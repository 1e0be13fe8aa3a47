import type { z } from "zod";
import { type Problem, plain, quote } from "./input-error.js";
import { closest } from "./suggest.js";
import type { DataPath } from "./yaml-source.js";

/** Where a problem at a data path should be reported. */
export type Locator = (path: DataPath, message: string, key?: boolean) => Problem;

/** Turns zod's issues into plain-English problems, each located in the user's file. */
export function schemaProblems(
  schema: z.ZodType,
  data: unknown,
  issues: z.core.$ZodIssue[],
  locate: Locator,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const all = flatten(issues);
  // A misspelt required key ("arrivals_per_yeer") is both unknown and missing; the unknown-key
  // message names the right spelling, so the "missing" one is left out.
  const misspelt = new Set<string>();
  for (const issue of all) {
    if (issue.code !== "unrecognized_keys") continue;
    const known = keysAt(schema, issue.path as (string | number)[]);
    for (const key of issue.keys) {
      const guess = closest(key, known);
      if (guess) misspelt.add(JSON.stringify([...issue.path, guess].map(String)));
    }
  }
  for (const issue of all) {
    const path = issue.path as (string | number)[];
    // One mistake can surface as the same issue twice (e.g. a union's branches, or a check
    // repeated by an enclosing object); report it once.
    const signature = JSON.stringify([path, issue.code, issue.message]);
    if (seen.has(signature)) continue;
    seen.add(signature);
    const where = describePath(path, data);
    switch (issue.code) {
      case "unrecognized_keys": {
        const known = keysAt(schema, path);
        for (const key of issue.keys) {
          const guess = closest(key, known);
          const hint = guess
            ? `did you mean "${guess}"?`
            : `the keys allowed here are: ${known.join(", ")}`;
          problems.push(
            locate(
              [...path, key],
              `unknown key ${quote(key)}${where ? ` in ${where}` : ""}; ${hint}`,
              true,
            ),
          );
        }
        break;
      }
      case "invalid_type": {
        const value = valueAt(data, path);
        if (value === undefined && misspelt.has(JSON.stringify(path.map(String)))) break;
        const message =
          value === undefined
            ? `${where || "this"} is missing; add it`
            : `${where}: ${issue.message.startsWith("Invalid input") ? `expected ${article(issue.expected)}, got ${shown(value)}` : `${issue.message} (got ${shown(value)})`}`;
        problems.push(locate(path, message));
        break;
      }
      default:
        problems.push(locate(path, where ? `${where}: ${issue.message}` : issue.message));
    }
  }
  return dedupe(problems);
}

/** Drops repeats of the same message at the same place. */
export function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.file, p.line, p.column, p.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Union failures hide the useful issue inside; keep the branch that went furthest. */
function flatten(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (issue.errors.every((e) => e.length === 1 && e[0].code === "invalid_type")) return [issue];
    return flatten(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] })));
  });
}

/**
 * "services[2].beds" reads better to a person as: services → oakwood_ward → beds. List items
 * are named by their id (or route), as in --set paths, else counted from 1: "item 3".
 */
export function describePath(path: DataPath, data?: unknown): string {
  let node = data;
  return path
    .map((segment) => {
      const item = childOf(node, segment);
      const named = typeof segment === "number" ? itemName(item) : undefined;
      node = item;
      return typeof segment === "number" ? (named ?? `item ${segment + 1}`) : plain(segment);
    })
    .join(" → ");
}

function itemName(item: unknown): string | undefined {
  if (item === null || typeof item !== "object") return undefined;
  const { id, route } = item as { id?: unknown; route?: unknown };
  const name = typeof id === "string" ? id : typeof route === "string" ? route : undefined;
  return name && /^[a-z][a-z0-9_]*$/i.test(name) ? name : undefined;
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) value = childOf(value, segment);
  return value;
}

/** An own property only: a path naming "constructor" must not find Object's. */
function childOf(node: unknown, segment: string | number): unknown {
  if (node === null || typeof node !== "object" || !Object.hasOwn(node, segment)) return undefined;
  return (node as Record<string | number, unknown>)[segment];
}

function shown(value: unknown): string {
  if (typeof value === "string") return `the text ${quote(value)}`;
  if (Array.isArray(value)) return "a list";
  if (value === null) return "nothing";
  if (typeof value === "object") return "a block of keys";
  return String(value);
}

function article(expected: string): string {
  const words: Record<string, string> = {
    number: "a number",
    string: "text",
    array: "a list (lines starting with -)",
    object: "a block of `key: value` lines",
    boolean: "true or false",
  };
  return words[expected] ?? expected;
}

/** The keys a strict object accepts at `path`, by walking the schema. */
export function keysAt(schema: z.ZodType, path: DataPath): string[] {
  let candidates: unknown[] = [schema];
  for (const segment of path) {
    candidates = candidates.flatMap((c) => children(unwrap(c), segment));
  }
  const keys = new Set<string>();
  for (const c of candidates.map(unwrap))
    for (const u of unionOptions(c)) for (const k of Object.keys(shapeOf(u))) keys.add(k);
  return [...keys];
}

interface Def {
  type: string;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
  options?: unknown[];
  shape?: Record<string, unknown>;
  valueType?: unknown;
  getter?: () => unknown;
}

function def(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

function unwrap(schema: unknown): unknown {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (d.type === "optional" || d.type === "default" || d.type === "nullable") s = d.innerType;
    else if (d.type === "pipe") s = d.in;
    else if (d.type === "lazy" && d.getter) s = d.getter();
    else return s;
  }
}

function unionOptions(schema: unknown): unknown[] {
  const d = def(schema);
  return d.type === "union" ? (d.options ?? []).map(unwrap) : [schema];
}

function shapeOf(schema: unknown): Record<string, unknown> {
  const d = def(schema);
  return d.type === "object" ? (d.shape ?? {}) : {};
}

function children(schema: unknown, segment: string | number): unknown[] {
  return unionOptions(schema).flatMap((s) => {
    const d = def(s);
    if (d.type === "array" && typeof segment === "number") return [d.element];
    if (d.type === "record") return [d.valueType];
    const child = shapeOf(s)[String(segment)];
    return child ? [child] : [];
  });
}
