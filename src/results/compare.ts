/** compare.json: a baseline and one or more scenarios run with common random numbers. */
import { z } from "zod";
import { interval } from "./kpis.js";
import { runSummaryFile } from "./run-summary.js";

/** KPI name → paired difference, scenario − baseline. */
const differences = z.record(z.string(), interval);

export const scenarioComparison = z.object({
  name: z.string(),
  summary: runSummaryFile,
  differences,
  differences_by_financial_year: z.array(z.object({ year: z.string(), differences })).optional(),
});
export type ScenarioComparison = z.infer<typeof scenarioComparison>;

export const compareFile = z.object({
  version: z.string(),
  seed: z.number(),
  replications: z.number(),
  baseline: runSummaryFile,
  scenarios: z.array(scenarioComparison),
});
export type CompareFile = z.infer<typeof compareFile>;
