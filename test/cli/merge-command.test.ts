/**
 * Sharded runs as a batch cluster makes them: each shard a separate process of the built
 * command line, then `bedsim merge`, whose folder must be the one-machine run's byte for byte
 * (the result JSON after removing the manifests' `run_at`). Needs `npm run build` first.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../scenario/helpers.js";
import { bedsim, requireBuild } from "./built-cli.js";

requireBuild();

const SHORT = ["--replications", "6", "--set", "run.years=1", "--set", "run.warm_up_days=365"];
const COMPARE_SHORT = [
  "--replications",
  "5",
  "--set",
  "run.years=3",
  "--set",
  "run.warm_up_days=365",
];
const BASELINE = "scenarios/baseline.yaml";

/** Runs a command that must succeed into a fresh --out; returns the folder it wrote. */
function folderOf(args: string[], out = tempDir("bedsim-shard-")): string {
  const result = bedsim([...args, "--out", out]);
  expect(result.status, result.stderr).toBe(0);
  const written = readdirSync(out).filter((f) => !f.startsWith("."));
  expect(written).toHaveLength(1);
  return path.join(out, written[0]);
}

/** Shards 1..n of a command, each its own process, into one --out; their folders. */
function shards(args: string[], n: number): string[] {
  const out = tempDir("bedsim-shards-");
  for (let k = 1; k <= n; k++) {
    const result = bedsim([...args, "--shard", `${k}/${n}`, "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Shard ${k} of ${n}`);
  }
  const folders = readdirSync(out).map((f) => path.join(out, f));
  expect(folders).toHaveLength(n);
  for (const folder of folders)
    expect(readdirSync(folder).sort()).toEqual(["outcomes.jsonl", "partial.json"]);
  return folders;
}

function filesOf(folder: string, under = ""): string[] {
  return readdirSync(path.join(folder, under), { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? filesOf(folder, path.join(under, e.name)) : [path.join(under, e.name)],
    )
    .sort();
}

/** Every `run_at` of a result file's manifests removed, with the values removed. */
function withoutRunAt(text: string): { json: unknown; runAts: string[] } {
  const runAts: string[] = [];
  const json = JSON.parse(text, function (key, value) {
    if (key === "run_at" && this && typeof this === "object" && "bedsim_version" in this) {
      runAts.push(value);
      return undefined;
    }
    return value;
  });
  return { json, runAts };
}

/** The same files, byte for byte. */
function expectSameFolder(one: string, merged: string): void {
  expect(filesOf(merged)).toEqual(filesOf(one));
  for (const file of filesOf(one))
    expect(
      readFileSync(path.join(merged, file)).equals(readFileSync(path.join(one, file))),
      file,
    ).toBe(true);
}

/** When the latest of the shards finished, from their partial.json. */
function latestRunAt(folders: string[]): string | undefined {
  return folders
    .map((f) => JSON.parse(readFileSync(path.join(f, "partial.json"), "utf8")).run_at as string)
    .sort()
    .at(-1);
}

describe("bedsim merge of shards run as separate processes", () => {
  // With the run time fixed (the reproducible-builds convention), every file must be the
  // same, the workbook and report, which show the run time, included.
  beforeAll(() => {
    process.env.SOURCE_DATE_EPOCH = "1764547200";
  });
  afterAll(() => {
    delete process.env.SOURCE_DATE_EPOCH;
  });

  it("run: 4 shards merge into the one-machine folder, byte for byte", () => {
    const one = folderOf(["run", BASELINE, ...SHORT, "--no-charts"]);
    const parts = shards(["run", BASELINE, ...SHORT], 4);
    // Given in any order.
    const merged = folderOf(["merge", ...parts.reverse(), "--no-charts"]);
    expect(path.basename(merged)).toMatch(/^baseline-\d{8}-\d{6}/);
    expectSameFolder(one, merged);
  });

  it("compare: 3 shards merge into the one-machine folder, charts and report included", () => {
    const args = ["compare", BASELINE, "scenarios/fewer-beds.yaml", ...COMPARE_SHORT];
    const one = folderOf(args);
    const parts = shards(args, 3);
    const merged = folderOf(["merge", ...parts]);
    expect(filesOf(merged).some((f) => f.endsWith(".png"))).toBe(true);
    expectSameFolder(one, merged);
  });

  it("sweep: 2 shards merge into the one-machine folder", () => {
    const args = [
      "sweep",
      BASELINE,
      ...SHORT.slice(0, 2),
      "--replications",
      "3",
      ...SHORT.slice(2),
      "--vary",
      "services.oakwood_ward.beds=20..24:2",
      "--no-charts",
    ];
    const one = folderOf(args);
    const parts = shards(args, 2);
    const merged = folderOf(["merge", ...parts, "--no-charts"]);
    expectSameFolder(one, merged);
  });
});

describe("bedsim merge without a fixed run time", () => {
  it("dates the results by the latest shard; the rest as one machine writes it", () => {
    const one = folderOf(["run", BASELINE, ...SHORT, "--no-charts"]);
    const parts = shards(["run", BASELINE, ...SHORT], 2);
    const merged = folderOf(["merge", ...parts, "--no-charts"]);
    const summary = (folder: string) =>
      withoutRunAt(readFileSync(path.join(folder, "summary.json"), "utf8"));
    expect(summary(merged).runAts).toEqual([latestRunAt(parts)]);
    expect(JSON.stringify(summary(merged).json)).toBe(JSON.stringify(summary(one).json));
    // The workbook shows the run time, so only the CSVs are compared byte for byte here.
    const csvs = filesOf(one).filter((f) => f.endsWith(".csv"));
    expect(csvs.length).toBeGreaterThan(2);
    for (const file of csvs)
      expect(
        readFileSync(path.join(merged, file)).equals(readFileSync(path.join(one, file))),
        file,
      ).toBe(true);
  });
});

describe("bedsim merge refuses shards that do not belong together", () => {
  const parts = shards(["run", BASELINE, ...SHORT], 3);
  const partial = (folder: string) => path.join(folder, "partial.json");
  const lineOf = (folder: string, key: string) =>
    readFileSync(partial(folder), "utf8")
      .split("\n")
      .findIndex((l) => l.startsWith(`  "${key}":`)) + 1;

  /** Exit 2, one located message per problem, no stack trace, nothing written. */
  function refused(args: string[]): string {
    const out = tempDir("bedsim-refused-");
    const result = bedsim([...args, "--out", out]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe("");
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    return result.stderr;
  }

  it("a missing shard", () => {
    const stderr = refused(["merge", parts[0], parts[2], "--no-charts"]);
    expect(stderr).toContain(
      `${partial(parts[0])}:${lineOf(parts[0], "shard")}:3: shard 2 of 3 is missing`,
    );
  });

  it("a shard given twice", () => {
    const stderr = refused(["merge", parts[0], parts[1], parts[1], parts[2], "--no-charts"]);
    expect(stderr).toContain(
      `${partial(parts[1])}:${lineOf(parts[1], "shard")}:3: shard 2 of 3 is given twice`,
    );
  });

  it("a shard of another seed", () => {
    const [other] = shards(["run", BASELINE, ...SHORT, "--seed", "99"], 3).sort();
    const stderr = refused(["merge", parts[1], parts[2], other, "--no-charts"]);
    expect(stderr).toContain(
      `${partial(other)}:${lineOf(other, "seed")}:3: this shard has another seed`,
    );
  });

  it("a shard of another scenario", () => {
    const args = ["run", "scenarios/sweep-acute-beds.yaml", ...SHORT];
    const other = folderOf([...args, "--shard", "3/3"]);
    const stderr = refused(["merge", parts[0], parts[1], other, "--no-charts"]);
    expect(stderr).toContain(
      `${partial(other)}:${lineOf(other, "files")}:3: this shard ran other scenario files`,
    );
  });

  it("a shard's outcomes cut short while copying", () => {
    const copy = path.join(tempDir("bedsim-copy-"), path.basename(parts[1]));
    cpSync(parts[1], copy, { recursive: true });
    const outcomes = path.join(copy, "outcomes.jsonl");
    const text = readFileSync(outcomes, "utf8");
    writeFileSync(outcomes, text.slice(0, text.length / 2));
    const stderr = refused(["merge", parts[0], copy, parts[2], "--no-charts"]);
    expect(stderr).toContain(`${outcomes}: this file is not the one the shard wrote`);
  });

  it("a folder that is not a shard's", () => {
    const stderr = refused(["merge", parts[0], path.dirname(BASELINE), "--no-charts"]);
    expect(stderr).toContain("scenarios: this is not a shard's folder");
  });
});

describe("--shard on the command line", () => {
  function refused(args: string[], message: string) {
    const out = tempDir("bedsim-refused-");
    const result = bedsim([...args, "--out", out]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  }

  it("with --precision, which needs every replication in one place", () =>
    refused(
      ["run", BASELINE, ...SHORT, "--shard", "1/2", "--precision", "5%"],
      "--precision cannot be used with --shard",
    ));

  it("K outside 1..N, or not K/N", () => {
    refused(["run", BASELINE, ...SHORT, "--shard", "0/4"], "K must be from 1 to N");
    refused(["run", BASELINE, ...SHORT, "--shard", "5/4"], "K must be from 1 to N");
    refused(["run", BASELINE, ...SHORT, "--shard", "2"], "--shard must be written K/N");
  });

  it("with --json, says which replications went where as JSON", () => {
    const out = tempDir("bedsim-json-");
    const result = bedsim(["run", BASELINE, ...SHORT, "--shard", "2/4", "--json", "--out", out]);
    expect(result.status, result.stderr).toBe(0);
    const said = JSON.parse(result.stdout);
    expect(said.shard).toEqual({ index: 2, count: 4 });
    // Six replications in four blocks: 1, 2-3, 4, 5-6.
    expect(said.replications).toEqual({ from: 2, to: 3, of: 6 });
    expect(existsSync(path.join(said.folder, "partial.json"))).toBe(true);
  });

  it("more shards than replications", () =>
    refused(["run", BASELINE, ...SHORT, "--shard", "1/7"], "7 shards for 6 replications"));
});
