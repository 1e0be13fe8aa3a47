// Overrides of the model and run settings: `set:` entries, `--set` options and the values of
// one sweep point; how they are read, applied to the model data, and blamed for problems.
import { CST, Lexer, parseDocument } from "yaml";
import { InputError, type Problem, plain, quote } from "./input-error.js";
import { modelProblems, type OverrideLocator } from "./model-checks.js";
import type { LocatedChange, SweepSection } from "./scenario-types.js";
import { model as modelSchema, run as runSchema } from "./schema.js";
import { dedupe, type Locator } from "./schema-problems.js";
import { closest } from "./suggest.js";
import type { DataPath, YamlSource } from "./yaml-source.js";

/** One `set:` entry or `--set` option, with where it was written for error messages. */
export interface Override {
  path: string[];
  value: unknown;
  /** Where to report a problem with it: the `set:` line, or no file for the command line. */
  origin: Problem;
  /** How the problem names it: "set services.x.beds" or "--set services.x.beds=20". */
  label: string;
}

/**
 * A setting's path as its parts: dots between names, and a list item by position in brackets
 * as well, so "changes[0].close_beds" and "changes.0.close_beds" are the same setting.
 */
export function settingSegments(key: string): string[] {
  return key.replace(/\[\s*(\d+)\s*\]/g, ".$1").split(".");
}

/** Path segments that would reach Object.prototype instead of the model. */
export const UNSAFE_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/** Longest --set value read; anything longer is not a hand-typed setting. */
const MAX_VALUE_LENGTH = 10_000;

/** --seed and --replications arrive as these overrides; they cannot make a model invalid. */
export const RUN_OPTIONS = new Set(["run.seed", "run.replications"]);

/** One entry of a scenario file's `set:` block. */
export function setEntryOverride(source: YamlSource, key: string, value: unknown): Override {
  return {
    path: settingSegments(key),
    value,
    origin: source.problem(["set", key], "", true),
    label: `set ${plain(key)}`,
  };
}

/**
 * One swept value, as an override: a problem it causes is reported at the `vary:` line of
 * the file's sweep section, or at the --vary option that asked for it.
 */
export function sweepOverride(
  key: string,
  value: number,
  vary: string[] | undefined,
  sweep: SweepSection | undefined,
): Override {
  const option = vary?.find((v) => v.slice(0, v.indexOf("=")).trim() === key);
  if (option !== undefined || !sweep)
    return {
      path: settingSegments(key),
      value,
      origin: { message: "" },
      label: `--vary ${plain(option ?? key)}, at ${value}`,
    };
  return {
    path: settingSegments(key),
    value,
    origin: sweep.locate(["vary", key], "", true),
    label: `sweep → vary → ${plain(key)} = ${value}`,
  };
}

/** Reads one `--set path=value`; the value is YAML, as it would be written in a file. */
export function commandLineOverride(assignment: string): Override {
  const eq = assignment.indexOf("=");
  if (eq <= 0)
    throw InputError.at(
      undefined,
      `--set ${plain(assignment)}: write it as path=value, e.g. --set run.replications=50`,
    );
  const key = assignment.slice(0, eq).trim();
  const shown = plain(assignment.length > 80 ? `${assignment.slice(0, 77)}...` : assignment);
  // --seed and --replications arrive here as run.seed=… and run.replications=….
  const option = new Map([
    ["run.seed", "--seed"],
    ["run.replications", "--replications"],
  ]).get(key);
  const label = option ? `${shown} (from ${option} or --set)` : `--set ${shown}`;
  const text = assignment.slice(eq + 1);
  return {
    path: settingSegments(key),
    value: parseValue(text, label),
    origin: { message: "" },
    label,
  };
}

/**
 * A --set value as YAML: 20, "30%", [a, b] or { distribution: fixed, value: 3 }. Tags,
 * anchors and aliases are refused: they have no use in one value and could hide surprises.
 */
function parseValue(text: string, label: string): unknown {
  const fail = (why: string) =>
    new InputError([
      {
        message: `${label}: ${why}; write a plain value such as 20, "30%" or [a, b], quoting text that has special characters`,
      },
    ]);
  if (text.length > MAX_VALUE_LENGTH) throw fail("the value is too long");
  for (const token of new Lexer().lex(text)) {
    const type = CST.tokenType(token);
    if (type === "tag") throw fail(`YAML tags (${plain(token)}) are not allowed in a value`);
    if (type === "anchor" || type === "alias")
      throw fail(`YAML anchors and aliases (${plain(token)}) are not allowed in a value`);
  }
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, {
      schema: "core",
      uniqueKeys: true,
      prettyErrors: false,
      logLevel: "error",
    });
  } catch {
    // The parser recurses once per level of nesting; absurd nesting exhausts the stack.
    throw fail("the value nests lists or blocks too deeply");
  }
  if (doc.errors.length > 0) {
    const first = plain(
      doc.errors[0].message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, ""),
    );
    throw fail(`the value is not valid YAML (${first})`);
  }
  if (doc.warnings.length > 0) throw fail("the value is not plain YAML");
  try {
    return doc.toJS({ maxAliasCount: 0 });
  } catch (error) {
    throw fail(`the value cannot be read (${plain((error as Error).message)})`);
  }
}

/**
 * Sets a value at a dotted path in the model data. List items are found by their `id` (or
 * `route` for discharge routes) or by number. Returns the data path set, or what is wrong.
 */
export function setPath(
  data: Record<string, unknown>,
  segments: string[],
  value: unknown,
): DataPath | string {
  const resolved: (string | number)[] = [];
  let node: unknown = data;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const index = node.findIndex(
        (item) =>
          item &&
          typeof item === "object" &&
          ((item as { id?: string }).id === segment ||
            (item as { route?: string }).route === segment ||
            // Dated changes are named by `name:` (they have no id).
            ((item as { id?: string }).id === undefined &&
              (item as { name?: string }).name === segment)),
      );
      const at = index >= 0 ? index : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (at < 0 || at >= node.length) {
        const ids = node
          .map((item) =>
            item && typeof item === "object"
              ? ((item as { id?: unknown }).id ??
                (item as { route?: unknown }).route ??
                (item as { name?: unknown }).name)
              : undefined,
          )
          .filter((x): x is string => typeof x === "string");
        const guess = closest(segment, ids);
        const where = plain(segments.slice(0, i).join(".")) || "the model";
        if (guess) return `there is no ${quote(segment)} in ${where}; did you mean "${guess}"?`;
        return ids.length > 0
          ? `there is no ${quote(segment)} in ${where}; choose one of ${ids.map(plain).join(", ")}`
          : `there is no item ${quote(segment)} in ${where}; it has ${node.length} items, numbered from 0`;
      }
      resolved.push(at);
      if (last) node[at] = value;
      else node = node[at];
    } else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      resolved.push(segment);
      if (last) record[segment] = value;
      else {
        if (!Object.hasOwn(record, segment)) {
          const guess = closest(segment, Object.keys(record));
          return `there is no ${quote(segment)} in ${plain(segments.slice(0, i).join(".")) || "the model"}${guess ? `; did you mean ${quote(guess)}?` : ""}`;
        }
        node = record[segment];
      }
    } else {
      return `${plain(segments.slice(0, i).join("."))} is a single value and has no ${quote(segment)}`;
    }
  }
  return resolved;
}

/** The override each problem was blamed on, so that an override gets one message. */
export type BlamedProblems = WeakMap<Problem, Override>;

/** Reports a problem at an override, remembering in `blamed` which override it blames. */
export function blameOverride(
  blamed: BlamedProblems,
  o: Override,
  strip?: string,
): OverrideLocator {
  return (message) => {
    // "--set run.years=0.5: years: …" says the key twice; the label already names it.
    const text =
      strip && message.startsWith(`${strip}: `) ? message.slice(strip.length + 2) : message;
    const problem = { ...o.origin, message: `${o.label}: ${text}` };
    blamed.set(problem, o);
    return problem;
  };
}

/** The problems without repeats, keeping only the first of those blamed on each override. */
export function onePerOverride(blamed: BlamedProblems, problems: Problem[]): Problem[] {
  const seen = new Set<Override>();
  return dedupe(problems).filter((p) => {
    const o = blamed.get(p);
    if (o === undefined) return true;
    if (seen.has(o)) return false;
    seen.add(o);
    return true;
  });
}

/** Whether the model, run settings and changes pass every check without any override. */
export function filesAloneAreValid(
  modelData: unknown,
  runData: Record<string, unknown>,
  changes: LocatedChange[],
): boolean {
  const model = modelSchema.safeParse(modelData);
  const run = runSchema.safeParse(runData);
  if (!model.success || !run.success) return false;
  const nowhere: Locator = (_p, message) => ({ message });
  return modelProblems(model.data, run.data, changes, nowhere).length === 0;
}
