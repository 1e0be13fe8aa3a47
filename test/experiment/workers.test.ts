/**
 * "The same seed gives byte-identical results however many worker threads run" (DESIGN.md):
 * each replication is a pure function of (pathway, seed, index), so running them on one
 * thread or two must give the same outcomes in the same order. The CLI's view of the same
 * property is in test/cli/commands.test.ts.
 *
 * Threads are tested through the built code in dist/ (what the CLI runs; `npm run build`
 * first, as for the CLI tests), and once from TypeScript source, whose threads start through
 * a tsx bootstrap.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/cli/node-files.js";
import type * as sourcePool from "../../src/experiment/pool.js";
import type * as sourceLoad from "../../src/scenario/load.js";
import type * as sourceToPathway from "../../src/scenario/to-pathway.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SEED = 987_654;
const SET = ["run.years=2", "run.warm_up_days=200"];

/** The built modules, typed as their sources (dist/ has no .d.ts files). */
async function fromDist<T>(relative: string): Promise<T> {
  const file = path.join(REPO, "dist", relative);
  return (await import(pathToFileURL(file).href)) as T;
}

let pool: typeof sourcePool;
let pathwayOf: (file: string) => ReturnType<typeof sourceToPathway.buildPathway>["pathway"];

beforeAll(async () => {
  if (!existsSync(path.join(REPO, "dist", "experiment", "pool.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
  pool = await fromDist<typeof sourcePool>("experiment/pool.js");
  const load = await fromDist<typeof sourceLoad>("scenario/load.js");
  const toPathway = await fromDist<typeof sourceToPathway>("scenario/to-pathway.js");
  pathwayOf = (file) =>
    toPathway.buildPathway(load.loadScenario(path.join(REPO, file), { set: SET, files: nodeFiles }))
      .pathway;
});

describe("replications on worker threads (built code)", () => {
  it("workers 1 and workers 2 give identical KPIs, replication by replication", async () => {
    const pathway = pathwayOf("scenarios/more-crisis-beds.yaml");
    const indices = [0, 1, 2, 3, 4];
    const one = await pool.runReplications(pathway, SEED, indices, { workers: 1 });
    const two = await pool.runReplications(pathway, SEED, indices, { workers: 2, threadsFrom: 0 });
    expect(two).toHaveLength(indices.length);
    expect(two.map((o) => o.kpis)).toEqual(one.map((o) => o.kpis));
    expect(JSON.stringify(two.map((o) => o.kpis))).toBe(JSON.stringify(one.map((o) => o.kpis)));
    expect(two.map((o) => o.byFinancialYear)).toEqual(one.map((o) => o.byFinancialYear));
    expect(two.map((o) => o.monthly)).toEqual(one.map((o) => o.monthly));
    // Not trivially equal: the replications differ from one another.
    expect(new Set(one.map((o) => o.kpis.admissions)).size).toBeGreaterThan(1);
  }, 60_000);

  it("results come back in index order, whatever order they finish in", async () => {
    const pathway = pathwayOf("scenarios/baseline.yaml");
    // Out-of-order and non-contiguous indices: replication i is the same wherever it runs.
    const indices = [6, 2, 9, 0];
    const singles = await Promise.all(
      indices.map((i) => pool.runReplications(pathway, SEED, [i], { workers: 1 })),
    );
    const pooled = await pool.ReplicationPool.with(2, (p) => collect(p, pathway, indices), {
      threadsFrom: 0,
    });
    expect(pooled.map((o) => o.kpis)).toEqual(singles.map(([o]) => o.kpis));
  }, 60_000);

  it("a pool reused for a second pathway runs the new pathway, not the old one", async () => {
    // The pool sends a pathway to a thread only with a new job; a stale one would be a bug.
    const baseline = pathwayOf("scenarios/baseline.yaml");
    const other = pathwayOf("scenarios/more-crisis-beds.yaml");
    const indices = [0, 1, 2, 3];
    const [first, second] = await pool.ReplicationPool.with(
      2,
      async (p) => [await collect(p, baseline, indices), await collect(p, other, indices)],
      { threadsFrom: 0 },
    );
    const expectedFirst = await pool.runReplications(baseline, SEED, indices, { workers: 1 });
    const expectedSecond = await pool.runReplications(other, SEED, indices, { workers: 1 });
    expect(first.map((o) => o.kpis)).toEqual(expectedFirst.map((o) => o.kpis));
    expect(second.map((o) => o.kpis)).toEqual(expectedSecond.map((o) => o.kpis));
    expect(second.map((o) => o.kpis)).not.toEqual(first.map((o) => o.kpis));
  }, 60_000);
});

describe("replications on worker threads (edge cases)", () => {
  // Progress is counted apart from the optional callback: with `onProgress?.(++done)` the
  // count never moved without a callback and a run on two threads never finished.
  it("runReplications on 2 threads without onProgress finishes", async () => {
    const pathway = pathwayOf("scenarios/baseline.yaml");
    const controller = new AbortController();
    // Two replications take well under a second; give it 5 s, then stop the threads.
    const timer = setTimeout(() => controller.abort(), 5_000);
    try {
      const two = await pool.runReplications(pathway, SEED, [0, 1], {
        workers: 2,
        threadsFrom: 0,
        signal: controller.signal,
      });
      expect(two).toHaveLength(2);
    } finally {
      clearTimeout(timer);
    }
  }, 30_000);

  // Node 20 does not apply `--import tsx` to a worker's entry module, so from source (as here,
  // under vitest) the pool starts its threads through worker-from-source.mjs.
  it("from TypeScript source, workers 2 gives the same KPIs as workers 1", async () => {
    const source = await import("../../src/experiment/pool.js");
    const pathway = pathwayOf("scenarios/baseline.yaml");
    const indices = [0, 1, 2, 3];
    const one = await source.runReplications(pathway, SEED, indices, { workers: 1 });
    // This thread starts at once and a worker joins only when loaded (slowly, through tsx):
    // runs on one pool are repeated until the worker has taken part, as it must once ready.
    // The default threadsFrom: these small runs add up to enough work to start a thread.
    const { two, onWorker } = await source.ReplicationPool.with(2, async (p) => {
      for (let attempt = 0; ; attempt++) {
        const outcomes = await collect(p, pathway, indices);
        if (p.workerReplications > 0 || attempt >= 200) {
          return { two: outcomes, onWorker: p.workerReplications };
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    expect(onWorker).toBeGreaterThan(0);
    expect(JSON.stringify(two.map((o) => o.kpis))).toBe(JSON.stringify(one.map((o) => o.kpis)));
  }, 60_000);

  it("streamReplications hands over the replications in index order whatever thread ran them", async () => {
    const pathway = pathwayOf("scenarios/baseline.yaml");
    const indices = [5, 3, 8, 1, 0, 7, 2, 6];
    const seen: number[] = [];
    const expected = await pool.runReplications(pathway, SEED, indices, { workers: 1 });
    const byEvents = new Map(expected.map((o, i) => [o.events, indices[i]]));
    await pool.streamReplications(
      pathway,
      SEED,
      indices,
      (o) => seen.push(byEvents.get(o.events) ?? -1),
      { workers: 2, threadsFrom: 0 },
    );
    expect(seen).toEqual(indices);
  }, 60_000);
});

describe("when a pool starts worker threads", () => {
  // A worker thread costs more to start than a small run takes on this thread, so a pool
  // starts threads only once it has been asked for enough work (THREADS_FROM_ARRIVALS).
  const arrivalsOf = (p: ReturnType<typeof pathwayOf>) =>
    p.cohorts.reduce((sum, c) => sum + c.arrivalsPerYear, 0) *
    ((p.horizon.days + p.horizon.warmUpDays) / 365.25);

  it("a 2-replication run on 2 workers starts no thread, and gives the 1-worker results", async () => {
    const pathway = pathwayOf("scenarios/baseline.yaml");
    expect(2 * arrivalsOf(pathway)).toBeLessThan(pool.THREADS_FROM_ARRIVALS);
    const one = await pool.runReplications(pathway, SEED, [0, 1], { workers: 1 });
    const { two, threads } = await pool.ReplicationPool.with(2, async (p) => ({
      two: await collect(p, pathway, [0, 1]),
      threads: p.threadCount,
    }));
    expect(threads).toBe(0);
    expect(JSON.stringify(two.map((o) => o.kpis))).toBe(JSON.stringify(one.map((o) => o.kpis)));
  }, 60_000);

  it("starts a thread once the pool's runs add up to enough work, and keeps it", async () => {
    const pathway = pathwayOf("scenarios/baseline.yaml");
    const indices = [0, 1, 2];
    const runsNeeded = Math.ceil(
      pool.THREADS_FROM_ARRIVALS / (indices.length * arrivalsOf(pathway)),
    );
    expect(runsNeeded).toBeGreaterThan(1);
    const threadsAfterEach = await pool.ReplicationPool.with(2, async (p) => {
      const counts: number[] = [];
      for (let i = 0; i < runsNeeded + 1; i++) {
        await collect(p, pathway, indices);
        counts.push(p.threadCount);
      }
      return counts;
    });
    expect(threadsAfterEach).toEqual([
      ...new Array(runsNeeded - 1).fill(0),
      ...new Array(2).fill(1),
    ]);
  }, 60_000);

  it("a run of enough work starts its threads at once", async () => {
    const pathway = pathwayOf("scenarios/baseline.yaml");
    const many = Math.ceil(pool.THREADS_FROM_ARRIVALS / arrivalsOf(pathway));
    const threads = await pool.ReplicationPool.with(2, async (p) => {
      const run = collect(
        p,
        pathway,
        Array.from({ length: many }, (_, i) => i),
      );
      // Asked for before the run's first replication has finished.
      const started = p.threadCount;
      await run;
      return started;
    });
    expect(threads).toBe(1);
  }, 60_000);
});

/** A pool's run, its outcomes collected in the order they are handed over. */
async function collect(
  p: sourcePool.ReplicationPool,
  pathway: Parameters<typeof sourcePool.runReplications>[0],
  indices: number[],
) {
  const outcomes: Awaited<ReturnType<typeof sourcePool.runReplications>> = [];
  await p.run(pathway, SEED, indices, (o) => outcomes.push(o));
  return outcomes;
}
