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
 * Runs replications `indices` and returns outcomes in index order. Each replication is a pure
 * function of (pathway, seed, index), so the results are identical for any number of workers;
 * only the order in which they finish differs, and it is undone here.
 */
export async function runReplications(
  pathway: Pathway,
  seed: number,
  indices: number[],
  options: PoolOptions = {},
): Promise<ReplicationOutcome[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), indices.length));
  const results = new Array<ReplicationOutcome>(indices.length);
  const position = new Map(indices.map((index, i) => [index, i]));
  let done = 0;
  if (workers === 1) {
    for (const index of indices) {
      if (options.signal?.aborted) throw abortError();
      results[position.get(index) as number] = runReplication(pathway, seed, index);
      options.onProgress?.(++done, indices.length);
      // Yield so a Ctrl-C handler can run between replications.
      if (done % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return results;
  }
  const pending = [...indices];
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const abort = () => reject(abortError());
      options.signal?.addEventListener("abort", abort, { once: true });
      const feed = (worker: Worker) => {
        const next = pending.shift();
        if (next !== undefined) worker.postMessage(next);
      };
      for (let w = 0; w < workers; w++) {
        const worker = new Worker(workerUrl(), {
          workerData: { pathway, seed },
          execArgv: workerExecArgv(),
        });
        pool.push(worker);
        worker.on(
          "message",
          ({ index, outcome }: { index: number; outcome: ReplicationOutcome }) => {
            results[position.get(index) as number] = outcome;
            options.onProgress?.(++done, indices.length);
            if (done === indices.length) resolve();
            else feed(worker);
          },
        );
        worker.on("error", reject);
        // Two replications in flight per worker hides the message round trip.
        feed(worker);
        feed(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

function abortError(): Error {
  const error = new Error("the run was interrupted");
  error.name = "AbortError";
  return error;
}

/** The worker module beside this one; under the test runner that is TypeScript source. */
function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith(".ts");
  return new URL(fromSource ? "./worker.ts" : "./worker.js", import.meta.url);
}

function workerExecArgv(): string[] {
  return import.meta.url.endsWith(".ts") ? ["--import", "tsx"] : [];
}
