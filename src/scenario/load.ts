import path from "node:path";
import { CST, Lexer, parseDocument } from "yaml";
import type { z } from "zod";
import { readEmpiricalFiles } from "./empirical-files.js";
import { displayPath, InputError, type Problem, plain, position, quote } from "./input-error.js";
import { modelProblems, type OverrideLocator } from "./model-checks.js";
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
import { dedupe, keysAt, type Locator, schemaProblems } from "./schema-problems.js";
import { closest } from "./suggest.js";
import { knownKpis, parseTarget } from "./sweep-spec.js";
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
  /**
   * One point of a sweep: values for the swept paths, applied after `set`. A problem a value
   * causes is reported at the `sweep: vary:` line that asked for it, or at its --vary option
   * (given here, as typed) when the values came from the command line.
   */
  sweepPoint?: { values: Record<string, number>; vary?: string[] };
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
  /** CSV files of observed stays that the file's empirical distributions name. */
  stayFiles: string[];
}

export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  const layers = loadChain(path.resolve(file), []);
  const top = layers[layers.length - 1];
  const sweep = sweepSection(layers);

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
  const stayFiles = readEmpiricalFiles(modelSource);
  if (looksLike(modelSource.data) === "scenario") {
    const named = plain(modelLayer.data.model as string);
    throw new InputError([
      modelLayer.source.problem(
        ["model"],
        `${named} is a scenario, not a model file: name a model file here (one with pathway:, cohorts: and services:, like models/example-icb.yaml), or write "extends: ${named}" to build on that scenario`,
      ),
    ]);
  }

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
  for (const [key, value] of Object.entries(options.sweepPoint?.values ?? {}))
    overrides.push(sweepOverride(key, value, options.sweepPoint?.vary, sweep));

  // Problems a set: line or --set causes are reported there; one override, one message.
  const overrideProblems = new WeakMap<Problem, Override>();
  const blame =
    (o: Override, strip?: string): OverrideLocator =>
    (message) => {
      // "--set run.years=0.5: years: …" says the key twice; the label already names it.
      const text =
        strip && message.startsWith(`${strip}: `) ? message.slice(strip.length + 2) : message;
      const problem = { ...o.origin, message: `${o.label}: ${text}` };
      overrideProblems.set(problem, o);
      return problem;
    };
  const onePerOverride = (problems: Problem[]) => {
    const seen = new Set<Override>();
    return dedupe(problems).filter((p) => {
      const o = overrideProblems.get(p);
      if (o === undefined) return true;
      if (seen.has(o)) return false;
      seen.add(o);
      return true;
    });
  };

  // The run block: each key from the last file (or override) that gives it, remembering where
  // it came from so that a bad value is reported there.
  const runData: Record<string, unknown> = {};
  const runOrigin = new Map<string, Locator>();
  const runOverride = new Map<string, OverrideLocator>();
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

  // The run settings as the files give them, to tell the files' own problems from those an
  // override causes.
  const fileRunData = { ...runData };
  const modelData = structuredClone(modelSource.data) as Record<string, unknown>;
  const overridden: { path: DataPath; override: Override }[] = [];
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
        const located = blame(o, o.path[1]);
        runData[o.path[1]] = o.value;
        runOrigin.set(o.path[1], (_p, message) => located(message));
        runOverride.set(o.path[1], located);
      }
      continue;
    }
    const result = setPath(modelData, o.path, o.value);
    if (typeof result === "string") fail(result);
    else overridden.push({ path: result, override: o });
  }
  if (problems.length > 0) throw new InputError(dedupe(problems));

  const startsWith = (p: DataPath, prefix: DataPath) =>
    prefix.length <= p.length && prefix.every((s, j) => String(p[j]) === String(s));
  /** The (last) override that set the value at `p`, or a block holding it. */
  const overrideOf = (p: DataPath) => {
    for (let i = overridden.length - 1; i >= 0; i--)
      if (startsWith(p, overridden[i].path)) return blame(overridden[i].override);
    return undefined;
  };
  // Problems inside an overridden value are reported at the (last) override that set it, not
  // in the model file; so are problems with a list or block that an override changed a part
  // of (discharge route shares that no longer add up to 100%).
  const locateInModel: Locator = (p, message, key) => {
    const set = overrideOf(p);
    if (set) return set(message);
    if (p.length >= 2)
      for (let i = overridden.length - 1; i >= 0; i--)
        if (startsWith(overridden[i].path, p))
          return blame(overridden[i].override)(`with this value, ${message}`);
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
  if (!parsedModel.success || !parsedRun.success)
    throw new InputError(onePerOverride(schemaFailures));
  const model = parsedModel.data;

  const changes: LocatedChange[] = layers.flatMap((layer) =>
    (layer.data.changes ?? []).map((change, i) => ({
      change,
      locate: (p: DataPath, message: string, key?: boolean) =>
        layer.source.problem(["changes", i, ...p], message, key),
    })),
  );

  // Where each problem was found in the model, to choose which override caused it.
  const modelPaths = new WeakMap<Problem, DataPath>();
  const semantic = modelProblems(
    model,
    parsedRun.data,
    changes,
    (p, message, key) => {
      const problem = locateInModel(p, message, key);
      modelPaths.set(problem, p);
      return problem;
    },
    locateRun,
    { run: (key) => runOverride.get(key), model: overrideOf },
  );
  if (semantic.length > 0) {
    // When the files alone are fine, every problem is caused by an override: blame the one
    // nearest the problem (sharing most of its path), else the last one that changed the model.
    const culprits = overrides.filter((o) => !RUN_OPTIONS.has(o.path.join(".")));
    if (culprits.length > 0 && filesAloneAreValid(modelSource.data, fileRunData, changes)) {
      const common = (a: DataPath, b: DataPath) => {
        let n = 0;
        while (n < a.length && n < b.length && String(a[n]) === String(b[n])) n++;
        return n;
      };
      for (const [i, problem] of semantic.entries()) {
        if (overrideProblems.has(problem)) continue;
        const at = modelPaths.get(problem);
        const modelOverrides = overridden.map((o) => o.override);
        let culprit = modelOverrides.at(-1) ?? culprits[culprits.length - 1];
        if (at) {
          let best = 0;
          for (const o of overridden) {
            const n = common(o.path, at);
            if (n >= best) [best, culprit] = [n, o.override];
          }
        }
        semantic[i] = blame(culprit)(
          `with this value, ${problem.message} (at ${position(problem)})`,
        );
      }
    }
    throw new InputError(onePerOverride(semantic));
  }
  if (sweep) {
    const problems = sweepProblems(sweep, model);
    if (problems.length > 0) throw new InputError(problems);
  }

  const name = top.data.name ?? path.basename(top.source.file).replace(/\.ya?ml$/i, "");
  const loaded: LoadedScenario = {
    name,
    // Not inherited: a parent's title describes the parent, not the plan that extends it.
    title: top.data.title ?? name,
    description: top.data.description,
    file: top.source.file,
    modelFile,
    files: [
      ...layers.map((l) => l.source.file),
      modelFile,
      ...layers.flatMap((l) => l.stayFiles),
      ...stayFiles,
    ],
    run: parsedRun.data,
    model,
    changes,
    sweep,
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

/**
 * The vary paths and the target or KPI to minimise of a `sweep:` section, checked against the
 * model now, so that `validate` finds a misspelt path and `sweep` does not start without it.
 */
function sweepProblems(sweep: NonNullable<LoadedScenario["sweep"]>, model: ModelInput): Problem[] {
  const problems: Problem[] = [];
  for (const key of Object.keys(sweep.spec.vary)) {
    const problem = settingProblem(model, key);
    if (problem)
      problems.push(sweep.locate(["vary", key], `sweep → vary → ${plain(key)}: ${problem}`, true));
  }
  const target = sweep.spec.target === undefined ? undefined : parseTarget(sweep.spec.target);
  if (target !== undefined && typeof target !== "string") {
    const problem = kpiProblem(model, target.kpi);
    if (problem) problems.push(sweep.locate(["target"], `sweep → target: ${problem}`));
  }
  if (sweep.spec.minimise !== undefined) {
    const problem = kpiProblem(model, sweep.spec.minimise);
    if (problem) problems.push(sweep.locate(["minimise"], `sweep → minimise: ${problem}`));
  }
  return problems;
}

/** What is wrong with a KPI name (in a target or minimise), if anything. */
export function kpiProblem(model: ModelInput, kpi: string): string | undefined {
  const known = knownKpis(model);
  if (known.includes(kpi)) return undefined;
  const guess = closest(kpi, known);
  return `${quote(kpi)} is not a KPI${guess ? `; did you mean "${guess}"?` : `; choose one of ${known.filter((k) => !k.includes(".")).join(", ")}`}`;
}

const RUN_KEYS = Object.keys(runSchema.shape);

/**
 * What is wrong with a setting's path (a sweep's vary path or a --vary option), if anything:
 * every part must exist in the model, or be one of the run settings.
 */
export function settingProblem(model: ModelInput, key: string): string | undefined {
  const segments = key.split(".");
  const bad = segments.find((segment) => segment.trim() === "" || UNSAFE_SEGMENTS.has(segment));
  if (bad !== undefined)
    return bad.trim() === ""
      ? "a part of this path is empty; write it like services.oakwood_ward.beds"
      : `${quote(bad)} cannot be part of a path; name a setting like services.oakwood_ward.beds or run.replications`;
  if (segments[0] === "run") {
    if (segments.length === 2 && RUN_KEYS.includes(segments[1])) return undefined;
    const guess = segments.length === 2 ? closest(segments[1], RUN_KEYS) : undefined;
    return `there is no run setting ${quote(segments.slice(1).join("."))}; ${guess ? `did you mean "run.${guess}"?` : `choose one of ${RUN_KEYS.map((k) => `run.${k}`).join(", ")}`}`;
  }
  const copy = structuredClone(model) as unknown as Record<string, unknown>;
  const resolved = setPath(copy, segments, 0);
  if (typeof resolved === "string") return resolved;
  // setPath sets the last key whatever it is; it must be one the model may have.
  const last = resolved[resolved.length - 1];
  if (typeof last === "number") return undefined;
  const parent = resolved.slice(0, -1);
  const allowed = keysAt(modelSchema, parent);
  if (allowed.length === 0 || allowed.includes(last)) return undefined;
  const guess = closest(last, allowed);
  const where = plain(segments.slice(0, -1).join(".")) || "the model";
  return `there is no ${quote(last)} in ${where}; ${guess ? `did you mean "${guess}"?` : `choose one of ${allowed.join(", ")}`}`;
}

/** --seed and --replications arrive as these overrides; they cannot make a model invalid. */
const RUN_OPTIONS = new Set(["run.seed", "run.replications"]);

/** Whether the model, run settings and changes pass every check without any override. */
function filesAloneAreValid(
  modelData: unknown,
  runData: Record<string, unknown>,
  changes: LocatedChange[],
): boolean {
  const model = modelSchema.safeParse(modelData);
  const run = runSchema.safeParse(runData);
  if (!model.success || !run.success) return false;
  const nowhere: Locator = (_p, message) => ({ message });
  return modelProblems(model.data, run.data, changes, nowhere, nowhere).length === 0;
}

/** Which kind of file this looks like, from its top-level keys, when it is clearly one. */
function looksLike(data: unknown): "model" | "scenario" | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  const model = keys.some((k) => MODEL_ONLY_KEYS.has(k));
  const scenario = keys.some((k) => SCENARIO_ONLY_KEYS.has(k));
  if (model && !scenario) return "model";
  if (scenario && !model) return "scenario";
  return undefined;
}
const MODEL_ONLY_KEYS = new Set(["pathway", "cohorts", "services"]);
const SCENARIO_ONLY_KEYS = new Set(["model", "extends", "run", "changes", "set", "sweep"]);

/** Loads a scenario and everything it extends, oldest ancestor first. */
function loadChain(
  file: string,
  seen: string[],
  referredFrom?: Problem,
  named?: string,
): ScenarioLayer[] {
  const source = YamlSource.load(file, referredFrom);
  if (looksLike(source.data) === "model") {
    const shown = plain(named ?? displayPath(file));
    throw new InputError([
      referredFrom
        ? {
            ...referredFrom,
            message: `${shown} is a model file, not a scenario: write "model:" instead of "extends:" to name it`,
          }
        : {
            message: `${shown} is a model file, not a scenario: give bedsim a scenario file that names it in a "model:" line (see scenarios/baseline.yaml)`,
          },
    ]);
  }
  const stayFiles = readEmpiricalFiles(source);
  const parsed = scenarioFile.safeParse(source.data);
  if (!parsed.success) {
    throw new InputError(
      schemaProblems(scenarioFile, source.data, parsed.error.issues, (p, m, k) =>
        source.problem(p, m, k),
      ),
    );
  }
  const layer = { source, data: parsed.data, stayFiles };
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
  return [
    ...loadChain(parent, [...seen, file], source.problem(["extends"], ""), parsed.data.extends),
    layer,
  ];
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

/**
 * One swept value, as an override: a problem it causes is reported at the `vary:` line of
 * the file's sweep section, or at the --vary option that asked for it.
 */
function sweepOverride(
  key: string,
  value: number,
  vary: string[] | undefined,
  sweep: LoadedScenario["sweep"],
): Override {
  const option = vary?.find((v) => v.slice(0, v.indexOf("=")).trim() === key);
  if (option !== undefined || !sweep)
    return {
      path: key.split("."),
      value,
      origin: { message: "" },
      label: `--vary ${plain(option ?? key)}, at ${value}`,
    };
  return {
    path: key.split("."),
    value,
    origin: sweep.locate(["vary", key], "", true),
    label: `sweep → vary → ${plain(key)} = ${value}`,
  };
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
