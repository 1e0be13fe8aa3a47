// One Web Worker of the page: runs replication `index` of each pathway it was given (the
// baseline and the plan), so the pair meets the same people (common random numbers).
import "./node-maths.js";
import { runReplication } from "../../src/experiment/replication.js";
import type { Pathway } from "../../src/model/pathway.js";
import type { ToMain, ToWorker } from "./worker-messages.js";

let pathways: Pathway[] = [];
let seed = 0;

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "job") {
    pathways = message.pathways;
    seed = message.seed;
    return;
  }
  try {
    const outcomes = pathways.map((p) => runReplication(p, seed, message.index));
    self.postMessage({ type: "done", index: message.index, outcomes } satisfies ToMain);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    self.postMessage({ type: "failed", index: message.index, error: text } satisfies ToMain);
  }
};
