/**
 * The pieces every result file is built from: a KPI summarised across replications, a paired
 * difference, a monthly band. Declared once here; the writers are checked against these and
 * `bedsim report` validates files with them before reading.
 */
import { z } from "zod";

/** A 95% interval, [low, high]. */
export const ci95 = z.tuple([z.number(), z.number()]).readonly();

/** A KPI across replications, as in `kpis` of summary.json and of each sweep point. */
export const kpiSummary = z.object({
  mean: z.number(),
  ci95,
  p10: z.number(),
  p50: z.number(),
  p90: z.number(),
  unit: z.string(),
  /** Half-width of the 95% interval as a percentage of the mean (null when the mean is 0). */
  half_width_pct: z.number().nullable(),
});
export type KpiSummary = z.infer<typeof kpiSummary>;

/** KPI name → summary. */
export const kpis = z.record(z.string(), kpiSummary);
export type Kpis = z.infer<typeof kpis>;

/** A mean with its 95% interval: a paired difference, or a cost. */
export const interval = z.object({ mean: z.number(), ci95 });
export type Interval = z.infer<typeof interval>;

/** A monthly series across replications: one number a month for each statistic. */
export const band = z.object({
  mean: z.array(z.number()),
  p10: z.array(z.number()),
  p50: z.array(z.number()),
  p90: z.array(z.number()),
});
export type Band = z.infer<typeof band>;

/** What is needed to reproduce a run: bedsim's version, the seed, the input files' hashes. */
export const manifest = z.object({
  bedsim_version: z.string(),
  node_version: z.string().optional(),
  /** Operating system and processor ("linux x64"), for the STRESS-DES checklist. */
  platform: z.string().optional(),
  seed: z.number().optional(),
  files: z.array(z.object({ path: z.string(), sha256: z.string() })),
  run_at: z.string().optional(),
});
export type Manifest = z.infer<typeof manifest>;
