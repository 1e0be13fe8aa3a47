/**
 * Command-line options checked before anything is loaded: worker threads beyond the cores.
 */
import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { workersWithin } from "../../src/cli/options.js";
import { ReplicationPool, workerCount } from "../../src/experiment/pool.js";

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
