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
  /** With several targets: each one's statistic here, in the order of `targets`. */
  target_estimates: z.array(z.object({ estimate: z.number(), ci95 })).optional(),
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
const estimate = z.object({ statistic: z.string(), estimate: z.number(), ci95 });
const rightsizeAnswer = sweepPoint.extend({
  estimate,
  /** Every target's statistic at the answer, in the order of `targets`. */
  estimates: z.array(estimate).optional(),
});

/** One step of a search over several settings: where it moved, and how the targets stood. */
const searchStep = z.object({
  values: z.record(z.string(), z.number()),
  move: z.string(),
  objective: z.number(),
  met: z.boolean(),
  estimates: z.array(estimate),
});

/** A greedy search over several settings together, within a budget of replications. */
const search = z.object({
  method: z.string(),
  /** What is minimised: a KPI's mean, or "total of the settings" (fewest beds). */
  objective: z.string(),
  budget: z.number(),
  replications_used: z.number(),
  steps: z.array(searchStep),
  /** Each setting one step below the answer: whether the targets still held, and the objective. */
  neighbours: z.array(
    z.object({ path: z.string(), value: z.number(), met: z.boolean(), objective: z.number() }),
  ),
});

/** The answer re-run with fresh replications, and every target's interval there. */
const finalCheck = z.object({
  first_replication: z.number(),
  replications: z.number(),
  estimates: z.array(estimate.extend({ kpi: z.string(), met: z.boolean() })),
  met: z.boolean(),
  met_confidently: z.boolean(),
  kpis,
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
  /** The first target (the file's or --target), marked on the charts and tables. */
  target: sweepTarget.optional(),
  /** Every target; a point meets them only if all hold. */
  targets: z.array(sweepTarget).optional(),
  /** The --set options of the run, so the file records everything that shaped it. */
  overrides: z.array(z.string()).optional(),
  // Right-size only; declared here too so the report reads both kinds as one.
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
  search: search.optional(),
  final_check: finalCheck.optional(),
});
export type RightsizeFile = z.infer<typeof rightsizeFile>;
