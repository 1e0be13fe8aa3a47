/**
 * Peak memory of a run as the command line makes it: `node bench/peak-memory.js <replications>`
 * runs the baseline scenario's experiment (2 workers, summaries and warnings included) in this
 * process and prints its peak resident set in MB. Worker threads share the process, so the
 * figure covers them. bench/run.js starts it as a fresh process for each size, so one
 * measurement's heap never inflates the next.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeFiles } from "../dist/cli/node-files.js";
import { runExperiment } from "../dist/experiment/run-experiment.js";
import { loadScenario } from "../dist/scenario/load.js";
import { buildPathway } from "../dist/scenario/to-pathway.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const replications = Number(process.argv[2] ?? 200);
const loaded = loadScenario(path.join(root, "scenarios", "baseline.yaml"), { files: nodeFiles });
const { pathway } = buildPathway(loaded);
const experiment = await runExperiment(pathway, loaded.run.seed, replications, { workers: 2 });
if (experiment.outcomes.length !== replications) throw new Error("replications went missing");
console.log(JSON.stringify({ replications, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
