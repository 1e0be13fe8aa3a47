import { readFileSync } from "node:fs";
import type { CompareInput, RunSummaryInput, SweepInput } from "../../src/report/charts/data.js";

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

/** Fresh copies each call, so a test may change its copy freely. */
export const runSummary = (): RunSummaryInput => read("run-summary.json");
export const comparison = (): CompareInput => read("compare.json");
export const sweep = (): SweepInput => read("sweep.json");
