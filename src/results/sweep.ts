/**
 * sweep.json: KPIs over a grid of one or two settings. rightsize.json is a sweep of one
 * setting (its `points` are the values explored) with the answer of the search added.
 */
import { z } from "zod";
import { ci95, kpis, manifest } from "./kpis.js";

export const sweepPoint = z.object({
  /** Setting path → value at this point. */
  values: z.record(z.string(), z.number()),
  kpis,
  /** The right-size target's statistic here, when it is not simply a KPI's mean or P10/P50/P90. */
  target_estimate: z.object({ estimate: z.number(), ci95 }).optional(),
});
export type SweepPoint = z.infer<typeof sweepPoint>;

/** "oap_bed_days <= 100", optionally at a percentile of single years, and its statistic's name. */
const sweepTarget = z.object({
  kpi: z.string(),
  operator: z.enum(["<=", ">="]),
  value: z.number(),
  percentile: z.number().optional(),
  statistic: z.string(),
});
export type SweepTarget = z.infer<typeof sweepTarget>;

/** A right-size answer: the point, and the statistic it was judged on with its 95% interval. */
const rightsizeAnswer = sweepPoint.extend({
  estimate: z.object({ statistic: z.string(), estimate: z.number(), ci95 }),
});

export const sweepFile = z.object({
  version: z.string(),
  seed: z.number(),
  replications: z.number(),
  scenario: z.object({
    name: z.string(),
    title: z.string().optional(),
    file: z.string().optional(),
  }),
  parameters: z.array(z.string()),
  /** Display names of the services and cohorts varied, by id ("Oakwood (men)"). */
  names: z.record(z.string(), z.string()).optional(),
  points: z.array(sweepPoint),
  manifest: manifest.optional(),
  /** Where older files kept the time of the run (now manifest.run_at). */
  run_at: z.string().optional(),
  // Right-size only; declared here too so the report reads both kinds as one.
  target: sweepTarget.optional(),
  minimise: z.string().optional(),
  answer: sweepPoint.nullable().optional(),
});
export type SweepFile = z.infer<typeof sweepFile>;

export const rightsizeFile = sweepFile.extend({
  /** Target only: the value that meets it even at the unfavourable end of the 95% interval. */
  confident_answer: rightsizeAnswer.nullable().optional(),
  /** Minimise only: values the replications cannot tell apart from the optimum. */
  near_optimal: z.array(z.number()).optional(),
  /** A plain sentence on how the answer was found, or why there is none. */
  note: z.string(),
  /** Every point simulated, in order of value (the same as `points`). */
  explored: z.array(sweepPoint),
  answer: rightsizeAnswer.nullable(),
});
export type RightsizeFile = z.infer<typeof rightsizeFile>;
