// Replications in Web Workers: one per core, at most four (a laptop's fans and a shared
// desktop's other work matter more than the last few seconds). Each replication is a pure
// function of (pathway, seed, index), so results do not depend on how many workers run.
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import PageWorker from "./worker.ts?worker&inline";
import type { ToMain, ToWorker } from "./worker-messages.js";

export const MAX_WORKERS = 4;

export function pageWorkers(): number {
  return Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
}

export interface PageRun {
  /** Outcomes of each pathway, by replication index; resolves when all are in. */
  done: Promise<ReplicationOutcome[][]>;
  /** Stops at once: the workers are ended, and `done` rejects with an AbortError. */
  cancel(): void;
}

/**
 * Runs replications 0..replications-1 of every pathway with `seed`. `onPair` hears each
 * replication as it arrives (in completion order), with how many are done.
 */
export function runInWorkers(
  pathways: Pathway[],
  seed: number,
  replications: number,
  workers: number,
  onReplication: (index: number, outcomes: ReplicationOutcome[], done: number) => void,
): PageRun {
  const threads: Worker[] = [];
  const results: ReplicationOutcome[][] = pathways.map(() => new Array(replications));
  let next = 0;
  let done = 0;
  let settle: { resolve: (r: ReplicationOutcome[][]) => void; reject: (e: Error) => void };
  const finished = new Promise<ReplicationOutcome[][]>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const stop = () => {
    for (const t of threads.splice(0)) t.terminate();
  };
  const fail = (error: Error) => {
    stop();
    settle.reject(error);
  };
  const feed = (worker: Worker) => {
    if (next >= replications) return;
    worker.postMessage({ type: "run", index: next++ } satisfies ToWorker);
  };
  for (let w = 0; w < Math.min(workers, replications); w++) {
    const worker = new PageWorker();
    threads.push(worker);
    worker.onmessage = (event: MessageEvent<ToMain>) => {
      const message = event.data;
      if (message.type === "failed") return fail(new Error(message.error));
      message.outcomes.forEach((o, p) => {
        results[p][message.index] = o;
      });
      done++;
      onReplication(message.index, message.outcomes, done);
      if (done === replications) {
        stop();
        settle.resolve(results);
      } else feed(worker);
    };
    worker.onerror = (event) => fail(new Error(event.message || "a worker stopped unexpectedly"));
    worker.postMessage({ type: "job", pathways, seed } satisfies ToWorker);
    // Two in flight per worker hides the message round trip.
    feed(worker);
    feed(worker);
  }
  return {
    done: finished,
    cancel() {
      const error = new Error("the run was cancelled");
      error.name = "AbortError";
      fail(error);
    },
  };
}
