import path from "node:path";
import { parse as parseYamlValue } from "yaml";
import type { z } from "zod";
import { InputError, type Problem } from "./input-error.js";
import { modelProblems } from "./model-checks.js";
import {
  type ChangeInput,
  type ModelInput,
  model as modelSchema,
  type RunInput,
  run as runSchema,
  scenarioFile,
} from "./schema.js";
import { type Locator, schemaProblems } from "./schema-problems.js";
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
}

export interface LoadOptions {
  /** `path=value` overrides from the command line. */
  set?: string[];
}

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
  const overrides: { path: string[]; value: unknown; origin: Problem }[] = [];
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.data.set ?? {})) {
      overrides.push({
        path: key.split("."),
        value,
        origin: layer.source.problem(["set", key], "", true),
      });
    }
  }
  for (const assignment of options.set ?? []) {
    const eq = assignment.indexOf("=");
    if (eq <= 0)
      throw InputError.at(
        undefined,
        `--set ${assignment}: write it as path=value, e.g. --set run.replications=50`,
      );
    overrides.push({
      path: assignment.slice(0, eq).trim().split("."),
      value: parseYamlValue(assignment.slice(eq + 1)),
      origin: { message: "", file: undefined, line: undefined, column: undefined },
    });
  }

  // The run block: each key from the last file that gives it.
  const runData: Record<string, unknown> = {};
  const runOrigin = new Map<string, YamlSource>();
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer.data.run ?? {})) {
      runData[key] = value;
      runOrigin.set(key, layer.source);
    }
  }

  const modelData = structuredClone(modelSource.data) as Record<string, unknown>;
  const overridden: { path: DataPath; origin: Problem; label: string }[] = [];
  const problems: Problem[] = [];
  for (const o of overrides) {
    const label = `set ${o.path.join(".")}`;
    const origin = o.origin.file ? o.origin : { message: "", file: undefined };
    const fail = (message: string) => problems.push({ ...origin, message: `${label}: ${message}` });
    if (o.path[0] === "run") {
      if (o.path.length !== 2) fail("write run settings as run.<name>, e.g. run.replications");
      else runData[o.path[1]] = o.value;
      continue;
    }
    const result = setPath(modelData, o.path, o.value);
    if (typeof result === "string") fail(result);
    else overridden.push({ path: result, origin, label });
  }
  if (problems.length > 0) throw new InputError(problems);

  // Problems inside an overridden value are reported at the override, not in the model file.
  const locateInModel: Locator = (p, message, key) => {
    const o = overridden.find((x) => x.path.every((s, i) => String(p[i]) === String(s)));
    if (o) return { ...o.origin, message: `${o.label}: ${message}` };
    return modelSource.problem(p, message, key);
  };
  const parsedModel = modelSchema.safeParse(modelData);
  if (!parsedModel.success) {
    throw new InputError(
      schemaProblems(modelSchema, modelData, parsedModel.error.issues, locateInModel),
    );
  }
  const model = parsedModel.data;

  const parsedRun = runSchema.safeParse(runData);
  if (!parsedRun.success) {
    throw new InputError(
      schemaProblems(runSchema, runData, parsedRun.error.issues, (p, message, key) => {
        const source = runOrigin.get(String(p[0])) ?? top.source;
        return source.problem(["run", ...p], `run → ${message}`, key);
      }),
    );
  }

  const changes: LocatedChange[] = layers.flatMap((layer) =>
    (layer.data.changes ?? []).map((change, i) => ({
      change,
      locate: (p: DataPath, message: string, key?: boolean) =>
        layer.source.problem(["changes", i, ...p], message, key),
    })),
  );

  const semantic = modelProblems(model, parsedRun.data, changes, locateInModel);
  if (semantic.length > 0) throw new InputError(semantic);

  return {
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
        `scenarios extend each other in a loop (${[...seen, file, parent].map((f) => path.basename(f)).join(" → ")}); remove one of the extends lines`,
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
          .map(
            (item) =>
              (item as { id?: string; route?: string })?.id ?? (item as { route?: string })?.route,
          )
          .filter(Boolean);
        return `there is no "${segment}" in ${resolved.join(".") || "the model"}; choose one of ${ids.join(", ")}`;
      }
      resolved.push(at);
      if (last) node[at] = value;
      else node = node[at];
    } else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      resolved.push(segment);
      if (last) record[segment] = value;
      else {
        if (!(segment in record))
          return `there is no "${segment}" in ${resolved.slice(0, -1).join(".") || "the model"}`;
        node = record[segment];
      }
    } else {
      return `${resolved.join(".")} is a single value and has no "${segment}"`;
    }
  }
  return resolved;
}
