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
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Threads actually started for a request: at least one, and no more than the cores. Beyond
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

/**
 * Worker threads that stay up across many runs (a sweep runs dozens of points, and starting
 * threads for each would cost more than some points take). Each replication is a pure
 * function of (pathway, seed, index), so results are identical for any number of workers;
 * only the order in which they finish differs, and `run` undoes it.
 */
export class ReplicationPool {
  private readonly threads: Worker[] = [];
  private readonly jobOf = new Map<Worker, number>();
  private jobs = 0;

  private constructor(readonly size: number) {}

  /** Runs `work` with a pool of `workers` threads (none for 1) and always shuts it down. */
  static async with<T>(
    workers: number | undefined,
    work: (pool: ReplicationPool) => Promise<T>,
  ): Promise<T> {
    const pool = new ReplicationPool(workerCount(workers));
    let finished = false;
    try {
      const result = await work(pool);
      finished = true;
      return result;
    } finally {
      await pool.close(!finished);
    }
  }

  /** Runs replications `indices` and returns their outcomes in index order. */
  async run(
    pathway: Pathway,
    seed: number,
    indices: number[],
    options: Omit<PoolOptions, "workers"> = {},
  ): Promise<ReplicationOutcome[]> {
    const results = new Array<ReplicationOutcome>(indices.length);
    const total = indices.length;
    let done = 0;
    if (this.size === 1 || total === 1) {
      for (const [i, index] of indices.entries()) {
        if (options.signal?.aborted) throw abortError();
        results[i] = runReplication(pathway, seed, index);
        done++;
        options.onProgress?.(done, total);
        // Yield so a Ctrl-C handler can run between replications.
        if (done % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      return results;
    }
    if (total === 0) return results;
    const job = ++this.jobs;
    let next = 0;
    await new Promise<void>((resolve, reject) => {
      const detach: (() => void)[] = [];
      const finish = (error?: Error) => {
        for (const undo of detach) undo();
        options.signal?.removeEventListener("abort", abort);
        if (error) {
          // The other threads' work is no longer wanted, and a second failure must not go unheard.
          void this.close();
          reject(error);
        } else resolve();
      };
      const abort = () => {
        // Stop the threads at once: a replication in flight is not worth waiting for.
        void this.close();
        finish(abortError());
      };
      if (options.signal?.aborted) return abort();
      options.signal?.addEventListener("abort", abort, { once: true });
      const feed = (worker: Worker) => {
        if (next >= total) return;
        const position = next++;
        const task: WorkerTask = { job, seed, index: indices[position] };
        if (this.jobOf.get(worker) !== job) {
          task.pathway = pathway;
          this.jobOf.set(worker, job);
        }
        worker.postMessage({ position, task });
      };
      for (const worker of this.startThreads(Math.min(this.size, total))) {
        const onMessage = ({
          position,
          outcome,
        }: {
          position: number;
          outcome: ReplicationOutcome;
        }) => {
          results[position] = outcome;
          // Counted apart from the call: `?.` would skip `++done` too when there is no callback.
          done++;
          options.onProgress?.(done, total);
          if (done === total) finish();
          else feed(worker);
        };
        const onError = (error: Error) => finish(error);
        // A thread that stops without an error would otherwise leave the run waiting forever.
        const onExit = (code: number) =>
          finish(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
        worker.on("message", onMessage).on("error", onError).on("exit", onExit);
        detach.push(() =>
          worker.off("message", onMessage).off("error", onError).off("exit", onExit),
        );
        // Two replications in flight per worker hides the message round trip.
        feed(worker);
        feed(worker);
      }
    });
    return results;
  }

  private startThreads(count: number): Worker[] {
    while (this.threads.length < count) {
      this.threads.push(new Worker(workerUrl()));
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

/** One batch of replications with its own short-lived pool. */
export function runReplications(
  pathway: Pathway,
  seed: number,
  indices: number[],
  options: PoolOptions = {},
): Promise<ReplicationOutcome[]> {
  const workers = Math.min(workerCount(options.workers), indices.length);
  return ReplicationPool.with(workers, (pool) => pool.run(pathway, seed, indices, options));
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
