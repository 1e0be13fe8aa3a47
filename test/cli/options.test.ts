/**
 * Command-line options checked before anything is loaded: the largest seed, a --set written
 * with a space for its "=", and worker threads beyond the cores.
 */
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import {
  LARGEST_SEED,
  straySetValueAdvice,
  wholeNumberOption,
  workersWithin,
} from "../../src/cli/options.js";
import { ReplicationPool, workerCount } from "../../src/experiment/pool.js";
import { loadScenario } from "../../src/scenario/load.js";
import { problemsOf, workspace } from "../scenario/helpers.js";

describe("--seed", () => {
  const seed = wholeNumberOption("--seed", 0, { value: LARGEST_SEED, what: "the largest seed" });

  it("takes 0 to the largest seed, the same as a scenario's seed:", () => {
    expect(seed("0")).toBe(0);
    expect(seed("4294967295")).toBe(LARGEST_SEED);
    const ws = workspace();
    expect(loadScenario(ws.scenarioFile, { set: [`run.seed=${LARGEST_SEED}`] }).run.seed).toBe(
      LARGEST_SEED,
    );
    problemsOf(ws.scenarioFile, { set: [`run.seed=${LARGEST_SEED + 1}`] });
  });

  it.each(["4294967296", "9007199254740993", "1e300", "-1", "1.5", "x"])("refuses %s", (value) => {
    expect(() => seed(value)).toThrow(
      "--seed must be a whole number from 0 to 4,294,967,295 (the largest seed).",
    );
  });
});

describe("--set with a space for the =", () => {
  it.each([
    [["run", "b.yaml", "--set", "a.b", "24"], "--set a.b 24: write --set a.b=24"],
    [["run", "--set", "a.b", "24", "b.yaml"], "--set a.b 24: write --set a.b=24"],
    [["run", "b.yaml", "--set", "a.b", "=", "24"], "--set a.b = 24: write --set a.b=24"],
    [["run", "b.yaml", "--set", "a.b", "=24"], "--set a.b =24: write --set a.b=24"],
    [["run", "b.yaml", "--set", "a.b=", "24"], "--set a.b= 24: write --set a.b=24"],
    [["run", "b.yaml", "--set=a.b", "24"], "--set a.b 24: write --set a.b=24"],
  ])("%j", (argv, advice) => {
    expect(straySetValueAdvice(argv)).toBe(`${advice}, with no space around the "="`);
  });

  it.each([
    [["run", "b.yaml", "extra"]],
    [["run", "b.yaml", "--set", "a.b=24", "extra"]],
    [["run", "b.yaml", "--set", "a.b", "--json"]],
    [["run", "b.yaml", "--set", "a.b"]],
  ])("not for %j", (argv) => {
    expect(straySetValueAdvice(argv)).toBeUndefined();
  });
});

describe("--workers", () => {
  it("up to the cores is taken as asked, beyond them capped with a note", () => {
    expect(workersWithin(undefined, 4)).toEqual({ workers: undefined });
    expect(workersWithin(4, 4)).toEqual({ workers: 4 });
    expect(workersWithin(300, 4)).toEqual({
      workers: 4,
      note: "--workers 300 is more than the 4 cores of this computer, so bedsim uses 4 (more would only take turns and use more memory; results are the same for any number)",
    });
    expect(workersWithin(2, 1).note).toMatch(/^--workers 2 is more than the 1 core of/);
  });

  it("the pool itself never starts more threads than cores", async () => {
    const cores = availableParallelism();
    expect(workerCount(300)).toBe(cores);
    expect(workerCount(undefined)).toBe(cores);
    expect(workerCount(0)).toBe(1);
    expect(await ReplicationPool.with(300, async (pool) => pool.size)).toBe(cores);
  });
});
