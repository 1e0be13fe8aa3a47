import { parentPort } from "node:worker_threads";
import type { Pathway } from "../model/pathway.js";
import type { WorkerTask } from "./pool.js";
import { runReplication } from "./replication.js";

/**
 * A worker thread: receives replication tasks, answers with their outcomes. The pathway
 * arrives with the first task of each job and is kept for the job's later tasks.
 */
let pathway: Pathway | undefined;
parentPort?.on("message", (message: "stop" | { position: number; task: WorkerTask }) => {
  // Closing the port leaves the thread nothing to wait for, so it exits.
  if (message === "stop") return parentPort?.close();
  const { position, task } = message;
  if (task.pathway) pathway = task.pathway;
  if (!pathway) throw new Error("a replication task arrived before its pathway");
  parentPort?.postMessage({ position, outcome: runReplication(pathway, task.seed, task.index) });
});
// Loaded: the pool gives a thread work only from now on, doing it itself meanwhile.
parentPort?.postMessage("ready");
