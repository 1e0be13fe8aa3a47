// What the page and its workers say to each other.
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";

export type ToWorker =
  /** A new run: the pathways (baseline, then the plan if any) and the seed. */
  | { type: "job"; pathways: Pathway[]; seed: number }
  /** Run replication `index` of every pathway of the job. */
  | { type: "run"; index: number };

export type ToMain =
  | { type: "done"; index: number; outcomes: ReplicationOutcome[] }
  | { type: "failed"; index: number; error: string };
