import path from "node:path";
import { CST, Lexer, parseDocument } from "yaml";
import type { z } from "zod";
import { InputError, type Problem, plain, quote } from "./input-error.js";
import { modelProblems } from "./model-checks.js";
import { runSizeProblems } from "./run-limits.js";
import {
  type ChangeInput,
  type ModelInput,
  model as modelSchema,
  type RunInput,
  run as runSchema,
  type SweepInput,
  scenarioFile,
} from "./schema.js";
import { dedupe, type Locator, schemaProblems } from "./schema-problems.js";
import { closest } from "./suggest.js";
import { type DataPath, YamlSource } from "./yaml-source.js";

/** A change with the place it was written, for error messages. */
export interface LocatedChange {
  change: ChangeInput;
  locate: Locator;
}

/** A scenario file merged with what it extends and the model it names, validated. */
export interface LoadedScenario {
  name: string;
  title: string;
  description?: string;
  file: string;
  modelFile: string;
  /** Every file read, for the run manifest. */
  files: string[];
  run: RunInput;
  model: ModelInput;
  changes: LocatedChange[];
  /** The `sweep:` section of the nearest file that has one, for `sweep` and `rightsize`. */
  sweep?: { spec: SweepInput; locate: Locator };
  /** Where a problem with a run setting belongs: its `run:` line, `set:` line or --set. */
  locateRun?: Locator;
}

export interface LoadOptions {
  /** `path=value` overrides from the command line. */
  set?: string[];
}

/** One `set:` entry or `--set` option, with where it was written for error messages. */
interface Override {
  path: string[];
  value: unknown;
  /** Where to report a problem with it: the `set:` line, or no file for the command line. */
  origin: Problem;
  /** How the problem names it: "set services.x.beds" or "--set services.x.beds=20". */
  label: string;
}

/** Path segments that would reach Object.prototype instead of the model. */
const UNSAFE_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/** Longest --set value read; anything longer is not a hand-typed setting. */
const MAX_VALUE_LENGTH = 10_000;

interface ScenarioLayer {
  source: YamlSource;
  data: z.output<typeof scenarioFile>;
}

export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  const layers = loadChain(path.resolve(file), []);
  const top = layers[layers.length - 1];

  // The model is named by the nearest file that names one, relative to that file.
  const modelLayer = [...layers].reverse().find((l) => l.data.model !== undefined);
  if (!modelLayer) {
    throw new InputError([
      top.source.problem(
        [],
        'no model is named; add a line like "model: ../models/example-icb.yaml"',
      ),
    ]);
  }
  const modelFile = path.resolve(
    path.dirname(modelLayer.source.file),
    modelLayer.data.model as string,
  );
  const modelSource = YamlSource.load(modelFile, modelLayer.source.problem(["model"], ""));

  // Overrides: scenario `set:` blocks in order, then the command line.
  const overrides: Override[] = [];
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.data.set ?? {})) {
      overrides.push({
        path: key.split("."),
        value,
        origin: layer.source.problem(["set", key], "", true),
        label: `set ${plain(key)}`,
      });
    }
  }
  for (const assignment of options.set ?? []) overrides.push(commandLineOverride(assignment));

  // The run block: each key from the last file (or override) that gives it, remembering where
  // it came from so that a bad value is reported there.
  const runData: Record<string, unknown> = {};
  const runOrigin = new Map<string, Locator>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.data.run ?? {})) {
      runData[key] = value;
      const { source } = layer;
      runOrigin.set(key, (p, message, k) => source.problem(["run", ...p], `run → ${message}`, k));
    }
  }
  // A run key no file gives (a default, or a missing key) is reported at the nearest run:
  // block, else at the top of the scenario.
  const runLayer = [...layers].reverse().find((l) => l.data.run !== undefined) ?? top;
  const locateRun: Locator = (p, message, key) => {
    const located = runOrigin.get(String(p[0]));
    if (located) return located(p, message, key);
    return runLayer.source.problem(["run", ...p], `run → ${message}`, key);
  };

  const modelData = structuredClone(modelSource.data) as Record<string, unknown>;
  const overridden: { path: DataPath; origin: Problem; label: string }[] = [];
  const problems: Problem[] = [];
  for (const o of overrides) {
    const fail = (message: string) =>
      problems.push({ ...o.origin, message: `${o.label}: ${message}` });
    const bad = o.path.find((segment) => segment.trim() === "" || UNSAFE_SEGMENTS.has(segment));
    if (bad !== undefined) {
      fail(
        bad.trim() === ""
          ? "a part of this path is empty; write it like services.oakwood_ward.beds"
          : `${quote(bad)} cannot be part of a path; name a setting like services.oakwood_ward.beds or run.replications`,
      );
      continue;
    }
    if (o.path[0] === "run") {
      if (o.path.length !== 2) fail("write run settings as run.<name>, e.g. run.replications");
      else {
        runData[o.path[1]] = o.value;
        runOrigin.set(o.path[1], (_p, message) => ({
          ...o.origin,
          message: `${o.label}: ${message}`,
        }));
      }
      continue;
    }
    const result = setPath(modelData, o.path, o.value);
    if (typeof result === "string") fail(result);
    else overridden.push({ path: result, origin: o.origin, label: o.label });
  }
  if (problems.length > 0) throw new InputError(dedupe(problems));

  // Problems inside an overridden value are reported at the (last) override that set it, not
  // in the model file.
  const locateInModel: Locator = (p, message, key) => {
    for (let i = overridden.length - 1; i >= 0; i--) {
      const o = overridden[i];
      if (o.path.every((s, j) => j < p.length && String(p[j]) === String(s)))
        return { ...o.origin, message: `${o.label}: ${message}` };
    }
    return modelSource.problem(p, message, key);
  };
  const parsedModel = modelSchema.safeParse(modelData);
  const parsedRun = runSchema.safeParse(runData);
  const schemaFailures = [
    ...(parsedModel.success
      ? []
      : schemaProblems(modelSchema, modelData, parsedModel.error.issues, locateInModel)),
    ...(parsedRun.success
      ? []
      : schemaProblems(runSchema, runData, parsedRun.error.issues, locateRun)),
  ];
  if (!parsedModel.success || !parsedRun.success) throw new InputError(schemaFailures);
  const model = parsedModel.data;

  const changes: LocatedChange[] = layers.flatMap((layer) =>
    (layer.data.changes ?? []).map((change, i) => ({
      change,
      locate: (p: DataPath, message: string, key?: boolean) =>
        layer.source.problem(["changes", i, ...p], message, key),
    })),
  );

  const semantic = modelProblems(model, parsedRun.data, changes, locateInModel, locateRun);
  if (semantic.length > 0) throw new InputError(dedupe(semantic));

  const loaded: LoadedScenario = {
    name: top.data.name ?? path.basename(top.source.file).replace(/\.ya?ml$/i, ""),
    title:
      top.data.title ??
      layers
        .map((l) => l.data.title)
        .filter(Boolean)
        .pop() ??
      model.name,
    description: top.data.description,
    file: top.source.file,
    modelFile,
    files: [...layers.map((l) => l.source.file), modelFile],
    run: parsedRun.data,
    model,
    changes,
    sweep: sweepSection(layers),
    locateRun,
  };
  // A single run; sweeps check again with their number of settings.
  const tooBig = runSizeProblems(loaded);
  if (tooBig.length > 0) throw new InputError(tooBig);
  return loaded;
}

function sweepSection(layers: ScenarioLayer[]): LoadedScenario["sweep"] {
  const layer = [...layers].reverse().find((l) => l.data.sweep !== undefined);
  if (!layer?.data.sweep) return undefined;
  const { source } = layer;
  return {
    spec: layer.data.sweep,
    locate: (p, message, key) => source.problem(["sweep", ...p], message, key),
  };
}

/** Loads a scenario and everything it extends, oldest ancestor first. */
function loadChain(file: string, seen: string[], referredFrom?: Problem): ScenarioLayer[] {
  const source = YamlSource.load(file, referredFrom);
  const parsed = scenarioFile.safeParse(source.data);
  if (!parsed.success) {
    throw new InputError(
      schemaProblems(scenarioFile, source.data, parsed.error.issues, (p, m, k) =>
        source.problem(p, m, k),
      ),
    );
  }
  const layer = { source, data: parsed.data };
  if (!parsed.data.extends) return [layer];
  const parent = path.resolve(path.dirname(file), parsed.data.extends);
  if ([...seen, file].includes(parent)) {
    throw new InputError([
      source.problem(
        ["extends"],
        `scenarios extend each other in a loop (${[...seen, file, parent].map((f) => plain(path.basename(f))).join(" → ")}); remove one of the extends lines`,
      ),
    ]);
  }
  if (seen.length > 20)
    throw new InputError([
      source.problem(["extends"], "more than 20 scenarios extend one another; flatten the chain"),
    ]);
  return [...loadChain(parent, [...seen, file], source.problem(["extends"], "")), layer];
}

/**
 * Sets a value at a dotted path in the model data. List items are found by their `id` (or
 * `route` for discharge routes) or by number. Returns the data path set, or what is wrong.
 */
function setPath(
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
            (item as { route?: string }).route === segment),
      );
      const at = index >= 0 ? index : /^\d+$/.test(segment) ? Number(segment) : -1;
      if (at < 0 || at >= node.length) {
        const ids = node
          .map((item) =>
            item && typeof item === "object"
              ? ((item as { id?: unknown }).id ?? (item as { route?: unknown }).route)
              : undefined,
          )
          .filter((x): x is string => typeof x === "string");
        const guess = closest(segment, ids);
        const where = plain(resolved.join(".")) || "the model";
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
          return `there is no ${quote(segment)} in ${plain(resolved.slice(0, -1).join(".")) || "the model"}${guess ? `; did you mean ${quote(guess)}?` : ""}`;
        }
        node = record[segment];
      }
    } else {
      return `${plain(resolved.join("."))} is a single value and has no ${quote(segment)}`;
    }
  }
  return resolved;
}

/** Reads one `--set path=value`; the value is YAML, as it would be written in a file. */
function commandLineOverride(assignment: string): Override {
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
    path: key.split("."),
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
