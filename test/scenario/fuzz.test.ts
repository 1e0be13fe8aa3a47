/**
 * Fuzzing the loader with corrupted copies of the bundled model and scenarios: deleted keys,
 * wrong types, out-of-range and huge numbers, NaN and .inf, shares that do not add up,
 * misspelt keys, invalid dates, duplicate keys and ids, cyclic or missing `extends`, missing
 * model files, `set:` paths aiming at Object.prototype, alias bombs, self-referring aliases,
 * alias amplification, devices and pipes named as files, tabs, truncation and byte
 * garbage. Whatever the corruption, loading must either succeed or throw an InputError whose
 * every problem names a file and a line and says something; never any other exception.
 *
 * The seeds are fixed so a failure is reproducible; fast-check prints the shrunk case.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { InputError } from "../../src/scenario/input-error.js";
import { loadScenario } from "../../src/scenario/load.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import { MODEL_TEXT, REPO, tempDir } from "./helpers.js";

// BEDSIM_FUZZ_SEED, BEDSIM_FUZZ_RUNS and BEDSIM_FUZZ_CLI_RUNS explore further by hand; the suite uses the defaults.
const SEED = Number(process.env.BEDSIM_FUZZ_SEED ?? 20250401);
const IN_PROCESS_RUNS = Number(process.env.BEDSIM_FUZZ_RUNS ?? 400);
const CLI_RUNS = Number(process.env.BEDSIM_FUZZ_CLI_RUNS ?? 15);

/** The bundled scenarios the corruptions start from (a fixed list, for reproducibility). */
const SCENARIOS = [
  "baseline.yaml",
  "fewer-beds.yaml",
  "halve-delays.yaml",
  "more-crisis-beds.yaml",
];
const SCENARIO_TEXT = Object.fromEntries(
  SCENARIOS.map((f) => [f, readFileSync(path.join(REPO, "scenarios", f), "utf8")]),
);

// ---------------------------------------------------------------------------------------------
// Corruptions of parsed data

type Data = unknown;
type Path = (string | number)[];

/** Every path in the data (keys and list items), depth first. */
function pathsOf(data: Data, prefix: Path = []): Path[] {
  if (data === null || typeof data !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(data)
    ? data.map((v, i) => [i, v])
    : Object.entries(data);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

function parentOf(data: Data, p: Path): Record<string | number, unknown> | unknown[] | undefined {
  let node = data;
  for (const segment of p.slice(0, -1)) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node !== null && typeof node === "object" ? (node as Record<string, unknown>) : undefined;
}

const weirdValue = fc.oneof(
  fc.constantFrom<unknown>(
    -1,
    0,
    0.5,
    1.5,
    31,
    -0,
    1e308,
    -1e308,
    1e-300,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 53 + 1,
    4294967296,
    100_001,
    1_000_001,
  ),
  fc.constantFrom<unknown>(
    "twenty",
    "30%",
    "130%",
    "-5%",
    "0%",
    "",
    " ",
    "2027-02-30",
    "2025-13-01",
    "01/04/2025",
    "2027-04-01",
    "oakwood_ward",
    "oakwod_ward",
    "older_adults",
    "__proto__",
    "constructor",
    ".inf",
    "1e999",
    "x".repeat(500),
    "line one\nline two",
    "\u001b[31mred\u001b[0m",
  ),
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    [],
    {},
    [1, 2],
    ["oakwood_ward"],
    { distribution: "fixed", value: 3 },
    { distribution: "mixture", components: [] },
    { distribution: "lognormal", mean: 10, sd: -3 },
    { distribution: "empirical", values: [] },
    { distribution: "triangular", min: 5, mode: 2, max: 1 },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
);

/** A likely typo: a letter dropped, doubled or swapped. */
function misspell(key: string, at: number): string {
  if (key.length < 2) return `${key}x`;
  const i = at % (key.length - 1);
  switch (at % 3) {
    case 0:
      return key.slice(0, i) + key.slice(i + 1);
    case 1:
      return key.slice(0, i) + key[i] + key.slice(i);
    default:
      return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
  }
}

const SET_SEGMENTS = [
  "services",
  "oakwood_ward",
  "beds",
  "cohorts",
  "older_adults",
  "0",
  "99",
  "pathway",
  "discharge_routes",
  "home",
  "share",
  "length_of_stay",
  "run",
  "years",
  "replications",
  "seed",
  "__proto__",
  "constructor",
  "prototype",
  "polluted",
  "",
];

const CHANGE_KEYS = [
  "date",
  "service",
  "cohort",
  "open_beds",
  "close_beds",
  "set_beds",
  "add_places",
  "scale_arrivals",
  "scale_length_of_stay",
  "scale_delays",
  "crisis_house_instead_of_admission",
  "reinvest",
  "discharge_routes",
];

type DataMutation = (data: Record<string, unknown>) => void;

const dataMutation: fc.Arbitrary<DataMutation> = fc.oneof(
  // Delete a key or list item.
  fc.nat().map((pick) => (data: Record<string, unknown>) => {
    const paths = pathsOf(data);
    const p = paths[pick % paths.length];
    const parent = parentOf(data, p);
    if (Array.isArray(parent)) parent.splice(p[p.length - 1] as number, 1);
    else if (parent) delete parent[p[p.length - 1]];
  }),
  // Replace a value with one of the wrong type or out of range.
  fc.tuple(fc.nat(), weirdValue).map(([pick, value]) => (data: Record<string, unknown>) => {
    const paths = pathsOf(data);
    const p = paths[pick % paths.length];
    const parent = parentOf(data, p);
    if (parent) (parent as Record<string | number, unknown>)[p[p.length - 1]] = value;
  }),
  // Misspell a key.
  fc.tuple(fc.nat(), fc.nat()).map(([pick, at]) => (data: Record<string, unknown>) => {
    const keyPaths = pathsOf(data).filter((p) => typeof p[p.length - 1] === "string");
    const p = keyPaths[pick % keyPaths.length];
    if (!p) return;
    const parent = parentOf(data, p) as Record<string, unknown>;
    const key = p[p.length - 1] as string;
    const value = parent[key];
    delete parent[key];
    parent[misspell(key, at)] = value;
  }),
  // Change a percentage (so shares no longer add up to 100%).
  fc
    .tuple(fc.nat(), fc.integer({ min: -50, max: 250 }))
    .map(([pick, percent]) => (data: Record<string, unknown>) => {
      const shares = pathsOf(data).filter((p) => {
        const v = (parentOf(data, p) as Record<string | number, unknown>)?.[p[p.length - 1]];
        return typeof v === "string" && v.endsWith("%");
      });
      const p = shares[pick % Math.max(1, shares.length)];
      if (p)
        (parentOf(data, p) as Record<string | number, unknown>)[p[p.length - 1]] = `${percent}%`;
    }),
  // Duplicate a list item (duplicate ids, routes, changes).
  fc.nat().map((pick) => (data: Record<string, unknown>) => {
    const lists = pathsOf(data).filter((p) =>
      Array.isArray((parentOf(data, p) as Record<string | number, unknown>)?.[p[p.length - 1]]),
    );
    const p = lists[pick % Math.max(1, lists.length)];
    if (!p) return;
    const list = (parentOf(data, p) as Record<string | number, unknown>)[
      p[p.length - 1]
    ] as unknown[];
    if (list.length > 0) list.push(structuredClone(list[0]));
  }),
  // Add a change built from random fields and values.
  fc
    .array(fc.tuple(fc.constantFrom(...CHANGE_KEYS), weirdValue), { minLength: 1, maxLength: 3 })
    .map((fields) => (data: Record<string, unknown>) => {
      const change = Object.fromEntries(fields);
      data.changes = [...(Array.isArray(data.changes) ? data.changes : []), change];
    }),
  // Add a set: entry with a random path (including paths aiming at Object.prototype).
  fc
    .tuple(fc.array(fc.constantFrom(...SET_SEGMENTS), { minLength: 1, maxLength: 4 }), weirdValue)
    .map(([segments, value]) => (data: Record<string, unknown>) => {
      const set = (data.set && typeof data.set === "object" ? data.set : {}) as Record<
        string,
        unknown
      >;
      set[segments.join(".")] = value;
      data.set = set;
    }),
  // Run settings far out of range: a huge or tiny run.
  fc
    .record({
      years: fc.constantFrom(0.01, 1, 5, 49, 50, 51, 100),
      replications: fc.constantFrom(1, 2, 200, 50_000, 100_000, 100_001),
      warm_up_days: fc.constantFrom(0, 365, 3650, 3651, 20_000),
    })
    .map((run) => (data: Record<string, unknown>) => {
      data.run = { ...(typeof data.run === "object" ? data.run : {}), ...run };
    }),
);

// ---------------------------------------------------------------------------------------------
// Corruptions of text

type TextMutation = (text: Buffer) => Buffer;

const lines = (text: Buffer) => text.toString("utf8").split("\n");
const joined = (ls: string[]) => Buffer.from(ls.join("\n"));

function aliasBomb(levels: number): string {
  const out = ['b0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < levels; i++)
    out.push(`b${i}: &b${i} [${Array.from({ length: 9 }, () => `*b${i - 1}`).join(", ")}]`);
  return `${out.join("\n")}\n`;
}

const commonTextMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  // Random bytes (invalid UTF-8, NUL, control characters) somewhere.
  fc
    .tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 24 }))
    .map(([at, bytes]) => (text: Buffer) => {
      const i = at % (text.length + 1);
      return Buffer.concat([text.subarray(0, i), Buffer.from(bytes), text.subarray(i)]);
    }),
  // YAML punctuation somewhere.
  fc
    .tuple(
      fc.nat(),
      fc.string({
        unit: fc.constantFrom(..."[]{}:-&*!|>'\"#%@`?,\n \t<=~".split("")),
        minLength: 1,
        maxLength: 8,
      }),
    )
    .map(([at, junk]) => (text: Buffer) => {
      const i = at % (text.length + 1);
      return Buffer.concat([text.subarray(0, i), Buffer.from(junk), text.subarray(i)]);
    }),
  // Delete a line.
  fc.nat().map((pick) => (text: Buffer) => {
    const ls = lines(text);
    ls.splice(pick % ls.length, 1);
    return joined(ls);
  }),
  // Duplicate a line (a duplicate key, usually).
  fc.nat().map((pick) => (text: Buffer) => {
    const ls = lines(text);
    const i = pick % ls.length;
    ls.splice(i, 0, ls[i]);
    return joined(ls);
  }),
  // Indent a line with a tab, or by one space more or less.
  fc.tuple(fc.nat(), fc.constantFrom("\t", " ", "")).map(([pick, indent]) => (text: Buffer) => {
    const ls = lines(text);
    const i = pick % ls.length;
    ls[i] = indent === "" ? ls[i].replace(/^ /, "") : indent + ls[i].replace(/^ {2}/, "");
    return joined(ls);
  }),
  // Cut the file short.
  fc.nat().map((at) => (text: Buffer) => text.subarray(0, at % (text.length + 1))),
  // An alias bomb, or a few levels of one (which should still be refused or loaded).
  fc
    .integer({ min: 2, max: 9 })
    .map(
      (levels) => (text: Buffer) => Buffer.concat([text, Buffer.from(`\n${aliasBomb(levels)}`)]),
    ),
  // An alias inside the value its own anchor names (a structure that refers to itself).
  fc
    .constantFrom("loop: &a [*a]\n", "loop: &a\n  inner:\n    - *a\n", "loop: &a { self: *a }\n")
    .map((loop) => (text: Buffer) => Buffer.concat([text, Buffer.from(`\n${loop}`)])),
  // Amplification: one anchored list reused by many aliases, under the alias-count limit.
  fc
    .tuple(fc.integer({ min: 100, max: 2000 }), fc.integer({ min: 10, max: 900 }))
    .map(([values, uses]) => (text: Buffer) => {
      const list = `big: &big [${Array.from({ length: values }, (_, i) => i).join(", ")}]`;
      const reuse = `again: [${Array.from({ length: uses }, () => "*big").join(", ")}]`;
      return Buffer.concat([text, Buffer.from(`\n${list}\n${reuse}\n`)]);
    }),
  // Nothing useful at all.
  fc
    .constantFrom("", "\n", "---\n", "null\n", "- a\n- b\n", "42\n", "'just text'\n", "a: [", "{}")
    .map((replacement) => () => Buffer.from(replacement)),
);

/** Slow to write and read, so rarer: absurd nesting and absurd size. */
const HUGE_COMMENT = Buffer.from(`# ${"x".repeat(5_300_000)}\n`);
const rareTextMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  // Lists or blocks nested absurdly deep (a stack overflow in the parser, if not refused).
  fc
    .tuple(fc.constantFrom(45, 1500, 50_000), fc.boolean())
    .map(([depth, flow]) => (text: Buffer) => {
      const deep = flow
        ? `deep: ${"[".repeat(depth)}1${"]".repeat(depth)}\n`
        : `deep:\n${Array.from({ length: Math.min(depth, 1500) }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}1\n`;
      return Buffer.concat([text, Buffer.from(`\n${deep}`)]);
    }),
  // A file far too big to be hand-written.
  fc.constant(null).map(() => (text: Buffer) => Buffer.concat([text, HUGE_COMMENT])),
);

const textMutation = fc.oneof(
  { arbitrary: commonTextMutation, weight: 15 },
  { arbitrary: rareTextMutation, weight: 1 },
);

// ---------------------------------------------------------------------------------------------
// Cases

type Target = "model" | "scenario" | "both";

interface Case {
  scenario: string;
  target: Target;
  dataMutations: DataMutation[];
  textMutations: TextMutation[];
  /** Files the scenario refers to: missing, cyclic, a folder, a device, or as bundled. */
  references:
    | "bundled"
    | "missing-model"
    | "model-is-folder"
    | "cyclic"
    | "missing-parent"
    | "model-is-device"
    | "parent-is-device"
    | "model-is-pipe";
}

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  scenario: fc.constantFrom(...SCENARIOS),
  target: fc.constantFrom<Target>("model", "scenario", "both"),
  dataMutations: fc.array(dataMutation, { maxLength: 3 }),
  textMutations: fc.array(textMutation, { maxLength: 2 }),
  references: fc.constantFrom<Case["references"]>(
    "bundled",
    "bundled",
    "bundled",
    "bundled",
    "bundled",
    "missing-model",
    "model-is-folder",
    "cyclic",
    "missing-parent",
    "model-is-device",
    "parent-is-device",
    "model-is-pipe",
  ),
});

function corrupt(text: string, c: Case): Buffer {
  let out: Buffer = Buffer.from(text);
  if (c.dataMutations.length > 0) {
    const data = parse(text, { schema: "core" }) as Record<string, unknown>;
    for (const mutate of c.dataMutations) mutate(data);
    out = Buffer.from(stringify(data));
  }
  for (const mutate of c.textMutations) out = mutate(out);
  return out;
}

let counter = 0;
const root = tempDir("bedsim-fuzz-");

/** Writes the case's files into a fresh folder laid out like the repository. */
function writeCase(c: Case): string {
  const dir = path.join(root, `case-${counter++}`);
  mkdirSync(path.join(dir, "models"), { recursive: true });
  mkdirSync(path.join(dir, "scenarios"), { recursive: true });
  const model = c.target === "scenario" ? Buffer.from(MODEL_TEXT) : corrupt(MODEL_TEXT, c);
  writeFileSync(path.join(dir, "models", "example-icb.yaml"), model);

  let scenario = SCENARIO_TEXT[c.scenario];
  switch (c.references) {
    case "missing-model":
      scenario = scenario.replace("../models/example-icb.yaml", "../models/no-such-model.yaml");
      break;
    case "model-is-folder":
      scenario = scenario.replace("../models/example-icb.yaml", "../models");
      break;
    case "cyclic":
      scenario = `extends: loop.yaml\n${scenario.replace(/^extends: .*$/m, "")}`;
      writeFileSync(path.join(dir, "scenarios", "loop.yaml"), `extends: ${c.scenario}\n`);
      break;
    case "missing-parent":
      scenario = `extends: no-such-parent.yaml\n${scenario.replace(/^extends: .*$/m, "")}`;
      break;
    // Special files: reading them whole would never end (devices) or never start (a pipe).
    case "model-is-device":
      scenario = scenario.replace("../models/example-icb.yaml", "/dev/zero");
      break;
    case "parent-is-device":
      scenario = `extends: /dev/urandom\n${scenario.replace(/^extends: .*$/m, "")}`;
      break;
    case "model-is-pipe": {
      const pipe = path.join(dir, "models", "pipe.yaml");
      execFileSync("mkfifo", [pipe]);
      scenario = scenario.replace("../models/example-icb.yaml", "../models/pipe.yaml");
      break;
    }
  }
  // What-ifs extend baseline.yaml; give them an intact one.
  if (c.scenario !== "baseline.yaml")
    writeFileSync(path.join(dir, "scenarios", "baseline.yaml"), SCENARIO_TEXT["baseline.yaml"]);
  const file = path.join(dir, "scenarios", c.scenario);
  writeFileSync(file, c.target === "model" ? Buffer.from(scenario) : corrupt(scenario, c));
  return file;
}

/** Loads (and builds the pathway of) a case; fails on anything but success or an InputError. */
function checkLoads(file: string): "loaded" | "rejected" {
  try {
    buildPathway(loadScenario(file));
    return "loaded";
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      const shown = JSON.stringify(p);
      expect(typeof p.file, shown).toBe("string");
      expect(p.file?.length, shown).toBeGreaterThan(0);
      expect(Number.isInteger(p.line) && (p.line as number) >= 1, shown).toBe(true);
      expect(Number.isInteger(p.column) && (p.column as number) >= 1, shown).toBe(true);
      expect(p.message.trim().length, shown).toBeGreaterThan(0);
      // zod's own wording, or a value shown raw, means a message nobody wrote for people.
      expect(p.message, shown).not.toMatch(
        /Invalid input|Too small|Too big|Invalid option|\[object Object\]|undefined/,
      );
      // Text from the file must not break the message across lines or style the terminal.
      for (const c of ["\n", "\r", "\u001b"]) expect(p.message.includes(c), shown).toBe(false);
    }
    return "rejected";
  }
}

afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
});

describe("fuzzed files load or are rejected with located problems", () => {
  it(`${IN_PROCESS_RUNS} corrupted copies of the bundled files`, () => {
    const outcomes = { loaded: 0, rejected: 0 };
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        outcomes[checkLoads(writeCase(c))]++;
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { seed: SEED, numRuns: IN_PROCESS_RUNS, endOnFailure: false },
    );
    // The corruptions should mostly be caught, but not all of them are mistakes.
    if (process.env.BEDSIM_FUZZ_RUNS) console.log(outcomes);
    expect(outcomes.rejected).toBeGreaterThan(IN_PROCESS_RUNS / 2);
    expect(outcomes.loaded).toBeGreaterThan(0);
  }, 60_000);
});

describe("fuzzed --set options", () => {
  const SET_RUNS = 200;
  const assignment = fc
    .tuple(
      fc.array(fc.oneof(fc.constantFrom(...SET_SEGMENTS), fc.string({ maxLength: 6 })), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.oneof(
        fc.string({ maxLength: 16 }),
        fc.string({
          unit: fc.constantFrom(..."[]{}:-&*!|>'\"#%@`?,\n \t<=~0123456789.e".split("")),
          maxLength: 12,
        }),
        fc.constantFrom("[1", "*anchor", "&a 1", "!!js/function x", "{a: 1", ".nan", "1e999"),
        weirdValue.map((v) => JSON.stringify(v) ?? "null"),
      ),
    )
    .map(([segments, value]) => `${segments.join(".")}=${value}`);

  it(`${SET_RUNS} random --set options load or are rejected with a plain message`, () => {
    const ws = path.join(root, "set-cases");
    mkdirSync(path.join(ws, "models"), { recursive: true });
    mkdirSync(path.join(ws, "scenarios"), { recursive: true });
    writeFileSync(path.join(ws, "models", "example-icb.yaml"), MODEL_TEXT);
    const file = path.join(ws, "scenarios", "baseline.yaml");
    writeFileSync(file, SCENARIO_TEXT["baseline.yaml"]);
    fc.assert(
      fc.property(fc.array(assignment, { minLength: 1, maxLength: 3 }), (set) => {
        try {
          buildPathway(loadScenario(file, { set }));
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          for (const p of error.problems) {
            const shown = JSON.stringify(p);
            // From the command line there is no file; the message names the option instead.
            if (p.file === undefined) expect(p.message, shown).toMatch(/^(--set |run\.)/);
            else expect(p.line, shown).toBeGreaterThanOrEqual(1);
            for (const c of ["\n", "\r", "\u001b"])
              expect(p.message.includes(c), shown).toBe(false);
          }
        }
        expect(Object.keys(Object.prototype)).toEqual([]);
      }),
      { seed: SEED + 2, numRuns: SET_RUNS },
    );
  });
});

describe("fuzzed files through the command line", () => {
  const BIN = path.join(REPO, "bin", "bedsim.js");

  it(`bedsim validate exits 0 or 2 with a plain message, ${CLI_RUNS} cases`, () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const file = writeCase(c);
        const result = spawnSync(process.execPath, [BIN, "validate", file], {
          cwd: path.dirname(file),
          encoding: "utf8",
          timeout: 30_000,
          env: { ...process.env, BEDSIM_DEBUG: "", NO_COLOR: "1" },
        });
        if (result.error) throw result.error;
        const shown = `exit ${result.status}\n${result.stderr}`;
        expect([0, 2], shown).toContain(result.status);
        expect(result.stderr, shown).not.toMatch(/^\s+at /m);
        expect(result.stderr, shown).not.toMatch(/internal error/);
        if (result.status === 0) expect(result.stderr).toBe("");
        else {
          expect(result.stderr.startsWith("bedsim:"), shown).toBe(true);
          for (const line of result.stderr.trimEnd().split("\n"))
            expect(line, shown).toMatch(/^bedsim: \S+:\d+:\d+: \S/);
        }
      }),
      { seed: SEED + 1, numRuns: CLI_RUNS },
    );
  }, 120_000);
});
