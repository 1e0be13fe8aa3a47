import { parentPort, workerData } from "node:worker_threads";
import type { Pathway } from "../model/pathway.js";
import { runReplication } from "./replication.js";

/** A worker thread: receives replication indices, answers with their outcomes. */
const { pathway, seed } = workerData as { pathway: Pathway; seed: number };
parentPort?.on("message", (index: number) => {
  parentPort?.postMessage({ index, outcome: runReplication(pathway, seed, index) });
});
