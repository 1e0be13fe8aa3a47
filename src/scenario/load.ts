import type { z } from "zod";
import type { CensusRow } from "../data/census-on-date.js";
import { reportedKpiNames } from "../model/reported-kpis.js";
import { readCensus } from "./census.js";
import { overrideChanges } from "./change-overrides.js";
import { readEmpiricalFiles } from "./empirical-files.js";
import { looksLike } from "./file-kind.js";
import { basename } from "./file-paths.js";
import { horizonProblem } from "./horizon.js";
import { displayPath, InputError, type Problem, plain, position, quote } from "./input-error.js";
import { modelProblems, type OverrideLocator } from "./model-checks.js";
import {
  type BlamedProblems,
  blameOverride,
  commandLineOverride,
  filesAloneAreValid,
  type Override,
  onePerOverride,
  RUN_OPTIONS,
  setEntryOverride,
  setPath,
  sweepOverride,
  UNSAFE_SEGMENTS,
} from "./overrides.js";
import { runSizeProblems } from "./run-limits.js";
import type { LoadedScenario, LocatedChange } from "./scenario-types.js";
import { model as modelSchema, run as runSchema, scenarioFile } from "./schema.js";
import { dedupe, type Locator, schemaProblems } from "./schema-problems.js";
import { shareOfOneNote } from "./share-notes.js";
import { sweepKpiProblems, sweepProblems, sweepSection } from "./sweep-section.js";
import { defaultTextFiles, resolveWith, type TextFiles } from "./text-files.js";
import { buildPathway } from "./to-pathway.js";
import { type DataPath, YamlSource } from "./yaml-source.js";

// The loader's result, for the commands that call it.
export type { LoadedScenario, LocatedChange } from "./scenario-types.js";

export interface LoadOptions {
  /** `path=value` overrides from the command line. */
  set?: string[];
  /**
   * One point of a sweep: values for the swept paths, applied after `set`. A problem a value
   * causes is reported at the `sweep: vary:` line that asked for it, or at its --vary option
   * (given here, as typed) when the values came from the command line.
   */
  sweepPoint?: { values: Record<string, number>; vary?: string[] };
  /**
   * How files are read: by default the host's (useTextFiles), which importing
   * src/cli/node-files.ts sets to the disk; a web page gives its own.
   */
  files?: TextFiles;
}

interface ScenarioLayer {
  source: YamlSource;
  data: z.output<typeof scenarioFile>;
  /** CSV files of observed stays that the file's empirical distributions name. */
  stayFiles: string[];
}

export function loadScenario(file: string, options: LoadOptions = {}): LoadedScenario {
  const files = options.files ?? defaultTextFiles();
  const layers = loadChain(files, resolveWith(files, file), []);
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
  const modelFile = resolveWith(files, modelLayer.data.model as string, modelLayer.source.file);
  const modelSource = YamlSource.load(files, modelFile, modelLayer.source.problem(["model"], ""));
  const stayFiles = readEmpiricalFiles(modelSource, files);
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
    for (const [key, value] of Object.entries(layer.data.set ?? {}))
      overrides.push(setEntryOverride(layer.source, key, value));
  }
  for (const assignment of options.set ?? []) overrides.push(commandLineOverride(assignment));
  for (const [key, value] of Object.entries(options.sweepPoint?.values ?? {}))
    overrides.push(sweepOverride(key, value, options.sweepPoint?.vary, sweep));

  // Problems a set: line or --set causes are reported there; one override, one message.
  const overrideProblems: BlamedProblems = new WeakMap();
  const blame = (o: Override, strip?: string) => blameOverride(overrideProblems, o, strip);

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
  // A census is the picture on the start date: no warm-up unless one is asked for (and refused).
  if (runData.start_from !== undefined && runData.warm_up_days === undefined)
    runData.warm_up_days = 0;
  const fileRunData = { ...runData };
  const modelData = structuredClone(modelSource.data) as Record<string, unknown>;
  const overridden: { path: DataPath; override: Override }[] = [];
  // Overrides of dated changes ("changes.close_men_beds.close_beds"), applied to the merged
  // list of changes once it is made below.
  const changeOverrides: Override[] = [];
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
    if (o.path[0] === "changes") {
      changeOverrides.push(o);
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
    throw new InputError(onePerOverride(overrideProblems, schemaFailures));
  const model = parsedModel.data;

  const changes: LocatedChange[] = overrideChanges(
    layers.flatMap((layer) =>
      (layer.data.changes ?? []).map((change, i) => ({
        change,
        locate: (p: DataPath, message: string, key?: boolean) =>
          layer.source.problem(["changes", i, ...p], message, key),
      })),
    ),
    changeOverrides,
    blame,
    overrideProblems,
  );

  // A run outside the calendar makes every date in the checks below meaningless.
  const dates = horizonProblem(parsedRun.data);
  if (dates) throw new InputError([locateRun(["start"], dates)]);

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
    throw new InputError(onePerOverride(overrideProblems, semantic));
  }
  if (sweep) {
    const problems = sweepProblems(
      sweep,
      model,
      changes.map((c) => c.change),
    );
    if (problems.length > 0) throw new InputError(problems);
  }

  // The census, relative to the file whose run: block names it (a --set, to the working folder).
  let census: CensusRow[] | undefined;
  let censusFile: string | undefined;
  const startFrom = parsedRun.data.start_from;
  if (startFrom !== undefined) {
    const namedIn = runOverride.has("start_from")
      ? undefined
      : [...layers].reverse().find((l) => l.data.run?.start_from !== undefined)?.source.file;
    censusFile = resolveWith(files, startFrom, namedIn);
    census = readCensus(files, censusFile, startFrom, model, parsedRun.data, locateRun);
  }

  const name = top.data.name ?? basename(top.source.file).replace(/\.ya?ml$/i, "");
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
      ...(censusFile ? [censusFile] : []),
    ],
    census,
    run: parsedRun.data,
    model,
    changes,
    sweep,
    locateRun,
    notes: [shareOfOneNote([modelSource, ...layers.map((l) => l.source)])].filter(
      (note): note is string => note !== undefined,
    ),
  };
  if (sweep && (sweep.spec.target !== undefined || sweep.spec.minimise !== undefined)) {
    const problems = sweepKpiProblems(sweep, reportedKpiNames(buildPathway(loaded).pathway));
    if (problems.length > 0) throw new InputError(problems);
  }
  // A single run; sweeps check again with their number of settings.
  const tooBig = runSizeProblems(loaded);
  if (tooBig.length > 0) throw new InputError(tooBig);
  return loaded;
}

/** Loads a scenario and everything it extends, oldest ancestor first. */
function loadChain(
  files: TextFiles,
  file: string,
  seen: string[],
  referredFrom?: Problem,
  named?: string,
): ScenarioLayer[] {
  const source = YamlSource.load(files, file, referredFrom);
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
  const stayFiles = readEmpiricalFiles(source, files);
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
  const parent = resolveWith(files, parsed.data.extends, file);
  if ([...seen, file].includes(parent)) {
    throw new InputError([
      source.problem(
        ["extends"],
        `scenarios extend each other in a loop (${[...seen, file, parent].map((f) => plain(basename(f))).join(" → ")}); remove one of the extends lines`,
      ),
    ]);
  }
  if (seen.length > 20)
    throw new InputError([
      source.problem(["extends"], "more than 20 scenarios extend one another; flatten the chain"),
    ]);
  return [
    ...loadChain(
      files,
      parent,
      [...seen, file],
      source.problem(["extends"], ""),
      parsed.data.extends,
    ),
    layer,
  ];
}
