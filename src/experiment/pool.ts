import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import { runReplication } from "./replication.js";

export interface PoolOptions {
  workers?: number;
  /** Called after each replication finishes (in completion order). */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops handing out work and terminates the workers. */
  signal?: AbortSignal;
  /**
   * Work, in arrivals simulated, a pool is asked for before it starts worker threads
   * (default THREADS_FROM_ARRIVALS); 0 starts them with the first run. For tests.
   */
  threadsFrom?: number;
}

/**
 * Work (arrivals simulated, summed over a pool's runs) below which a pool does it all on this
 * thread. A worker thread takes about 0.1 s to load, and its first replication runs cold,
 * several times slower than a warm one: for the example model that is the time of 10 or so
 * replications on this thread, which has run them all by the time the thread could help. So
 * a run under about 16 of its replications (250,000 arrivals; a 2-replication run above all)
 * starts no thread; a larger model needs fewer replications to pay for one. Once started, the
 * threads stay up for the pool's later runs, however small. Results are the same either way.
 */
export const THREADS_FROM_ARRIVALS = 250_000;

/** Arrivals a replication of `pathway` simulates, roughly (growth and dated changes aside). */
function arrivalsPerReplication(pathway: Pathway): number {
  const years = (pathway.horizon.days + pathway.horizon.warmUpDays) / 365.25;
  return pathway.cohorts.reduce((sum, cohort) => sum + cohort.arrivalsPerYear, 0) * years;
}

/**
 * Takes each replication's outcome in the order of the indices asked for, whatever thread ran
 * it (one that finishes early waits for those before it): so a caller folds outcomes into
 * what it keeps in an order that does not depend on the number of workers, and the pool holds
 * an outcome only until it is taken.
 */
export type TakeOutcome = (outcome: ReplicationOutcome) => void;

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Threads that work for a request (this one included): at least one, no more than the cores. Beyond
 * them threads only take turns on the same cores while each holds its own memory (300 asked
 * for took 3.6 GB and ran ten times slower); results are the same for any number.
 */
export function workerCount(requested: number | undefined): number {
  return Math.max(1, Math.min(requested ?? defaultWorkers(), availableParallelism()));
}

/** A message to a worker: run replication `index` of `job`; the pathway comes with a new job. */
export interface WorkerTask {
  job: number;
  pathway?: Pathway;
  seed: number;
  index: number;
}

/** A message from a worker: it has loaded and can take work, or a replication's outcome. */
type WorkerMessage = "ready" | { position: number; outcome: ReplicationOutcome };

/**
 * Replications on this thread and on worker threads that stay up across many runs (a sweep
 * runs dozens of points, and starting threads for each would cost more than some points take).
 * A pool of size n works on this thread plus n − 1 worker threads: this thread starts at once
 * while the workers load, and a worker is given work only when it says it is ready, so a small
 * run is not kept waiting for threads that are still starting (a warm start), and a large one
 * keeps every core busy. Threads start only once the pool's work is worth one
 * (THREADS_FROM_ARRIVALS). Each replication is a pure function of (pathway, seed, index), so
 * results are identical for any number of workers; only the order in which they finish
 * differs, and `run` undoes it.
 */
export class ReplicationPool {
  private readonly threads: Worker[] = [];
  /** Threads that have loaded their modules and said so. */
  private readonly ready = new Set<Worker>();
  private readonly jobOf = new Map<Worker, number>();
  private jobs = 0;
  /** Replications run on worker threads so far (the rest ran on this thread): for tests and the bench. */
  workerReplications = 0;
  /** Arrivals the pool's runs have asked for so far, against `threadsFrom`. */
  private work = 0;

  private constructor(
    readonly size: number,
    private readonly threadsFrom: number,
  ) {}

  /** Worker threads started (and still up): for tests. */
  get threadCount(): number {
    return this.threads.length;
  }

  /** Runs `work` with a pool of `workers` threads (this one and workers − 1 more); always shuts it down. */
  static async with<T>(
    workers: number | undefined,
    work: (pool: ReplicationPool) => Promise<T>,
    options: Pick<PoolOptions, "threadsFrom"> = {},
  ): Promise<T> {
    const pool = new ReplicationPool(
      workerCount(workers),
      options.threadsFrom ?? THREADS_FROM_ARRIVALS,
    );
    let finished = false;
    try {
      const result = await work(pool);
      finished = true;
      return result;
    } finally {
      await pool.close(!finished);
    }
  }

  /** Runs replications `indices`, handing their outcomes to `take` in index order. */
  async run(
    pathway: Pathway,
    seed: number,
    indices: number[],
    take: TakeOutcome,
    options: Omit<PoolOptions, "workers" | "threadsFrom"> = {},
  ): Promise<void> {
    const total = indices.length;
    /** Outcomes that arrived before their turn to be taken. */
    const waiting = new Array<ReplicationOutcome | undefined>(total);
    if (total === 0) return;
    const job = ++this.jobs;
    let next = 0;
    let done = 0;
    let failure: Error | undefined;
    /** Wakes this thread when it has run out of work and waits for the workers'. */
    let wake: (() => void) | undefined;
    /** Outcomes before this position have been taken. */
    let taken = 0;
    const completed = (position: number, outcome: ReplicationOutcome) => {
      waiting[position] = outcome;
      done++;
      for (let next = waiting[taken]; next !== undefined; next = waiting[taken]) {
        waiting[taken++] = undefined;
        take(next);
      }
      options.onProgress?.(done, total);
    };
    const fail = (error: Error) => {
      failure ??= error;
      wake?.();
    };
    const feed = (worker: Worker) => {
      if (failure || next >= total) return;
      const position = next++;
      const task: WorkerTask = { job, seed, index: indices[position] };
      if (this.jobOf.get(worker) !== job) {
        task.pathway = pathway;
        this.jobOf.set(worker, job);
      }
      worker.postMessage({ position, task });
    };
    // Two replications in flight per worker, so it never waits for this thread, which answers
    // only between its own replications.
    const start = (worker: Worker) => {
      feed(worker);
      feed(worker);
    };
    const detach: (() => void)[] = [];
    this.work += arrivalsPerReplication(pathway) * total;
    const worthThreads = this.threads.length > 0 || this.work >= this.threadsFrom;
    const helpers =
      total > 1 && worthThreads ? this.startThreads(Math.min(this.size - 1, total - 1)) : [];
    for (const worker of helpers) {
      const onMessage = (message: WorkerMessage) => {
        if (message === "ready") return start(worker);
        this.workerReplications++;
        completed(message.position, message.outcome);
        feed(worker);
        wake?.();
      };
      // A thread that stops without an error would otherwise leave the run waiting forever.
      const onExit = (code: number) =>
        fail(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
      worker.on("message", onMessage).on("error", fail).on("exit", onExit);
      detach.push(() => worker.off("message", onMessage).off("error", fail).off("exit", onExit));
      if (this.ready.has(worker)) start(worker);
    }
    // Stop the threads at once on an interrupt: a replication in flight is not worth waiting for.
    const abort = () => fail(abortError());
    if (options.signal?.aborted) abort();
    options.signal?.addEventListener("abort", abort, { once: true });
    try {
      for (;;) {
        if (failure) throw failure;
        if (next < total) {
          const position = next++;
          completed(position, runReplication(pathway, seed, indices[position]));
          // Between replications, let in the workers' results (and give them more work) and
          // a Ctrl-C handler; without workers, every tenth is often enough.
          if (helpers.length > 0 || done % 10 === 0) await new Promise(setImmediate);
        } else if (done === total) {
          return;
        } else {
          await new Promise<void>((resolve) => {
            wake = resolve;
          });
          wake = undefined;
        }
      }
    } catch (error) {
      // The other threads' work is no longer wanted, and a second failure must not go unheard.
      await this.close();
      throw error;
    } finally {
      for (const undo of detach) undo();
      options.signal?.removeEventListener("abort", abort);
    }
  }

  private startThreads(count: number): Worker[] {
    while (this.threads.length < count) {
      const worker = new Worker(workerUrl());
      // Kept for the thread's life: it may become ready between two runs.
      worker.on("message", (message: WorkerMessage) => {
        if (message === "ready") this.ready.add(worker);
      });
      this.threads.push(worker);
    }
    return this.threads.slice(0, count);
  }

  /**
   * Stops the threads. After finished work each is asked to stop and exits on its own, which
   * avoids a Node crash seen when a thread is terminated as the process exits; after an
   * interrupt or a failure they are terminated at once.
   */
  private async close(now = true): Promise<void> {
    const threads = this.threads.splice(0);
    this.jobOf.clear();
    this.ready.clear();
    await Promise.all(
      threads.map((worker) => {
        if (now) return worker.terminate();
        const exited = new Promise((resolve) => worker.once("exit", resolve));
        worker.postMessage("stop");
        return exited;
      }),
    );
  }
}

/** One batch of replications with its own short-lived pool, its outcomes handed to `take`. */
export function streamReplications(
  pathway: Pathway,
  seed: number,
  indices: number[],
  take: TakeOutcome,
  options: PoolOptions = {},
): Promise<void> {
  const workers = Math.min(workerCount(options.workers), indices.length);
  return ReplicationPool.with(
    workers,
    (pool) => pool.run(pathway, seed, indices, take, options),
    options,
  );
}

/** The same, with the outcomes returned in index order (for small batches and tests). */
export async function runReplications(
  pathway: Pathway,
  seed: number,
  indices: number[],
  options: PoolOptions = {},
): Promise<ReplicationOutcome[]> {
  const outcomes: ReplicationOutcome[] = [];
  await streamReplications(pathway, seed, indices, (o) => outcomes.push(o), options);
  return outcomes;
}

function abortError(): Error {
  const error = new Error("the run was interrupted");
  error.name = "AbortError";
  return error;
}

/**
 * The worker module beside this one. Run from TypeScript source (tests, tsx) the thread starts
 * from a small bootstrap that loads tsx itself: Node 20 does not apply `--import` hooks to a
 * worker's entry module.
 */
function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith(".ts");
  return new URL(fromSource ? "./worker-from-source.mjs" : "./worker.js", import.meta.url);
}
