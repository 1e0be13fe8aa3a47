/**
 * sensitivity.json: each input set low and high, one at a time, with common random numbers;
 * each effect a paired difference from the scenario, inputs ranked by their swing.
 */
import { z } from "zod";
import { interval, kpis, manifest } from "./kpis.js";

export const sensitivityInput = z.object({
  id: z.string(),
  label: z.string(),
  /** The values are factors on the scenario's own (×0.9, ×1.1), not values of a setting. */
  factor: z.boolean().optional(),
  base: z.number(),
  low: z.number(),
  high: z.number(),
  /** KPI → the change from the scenario at the low and the high value, and high − low. */
  effects: z.record(z.string(), z.object({ low: interval, high: interval, swing: z.number() })),
});
export type SensitivityInputResult = z.infer<typeof sensitivityInput>;

export const sensitivityFile = z.object({
  version: z.string(),
  seed: z.number(),
  replications: z.number(),
  scenario: z.object({
    name: z.string(),
    title: z.string().optional(),
    file: z.string().optional(),
  }),
  /** The default spread either side of each input's value, as a fraction (0.1 = ±10%). */
  spread: z.number(),
  /** The KPIs measured; inputs are ranked by the swing of the first. */
  kpis_measured: z.array(z.string()),
  /** The scenario's own KPIs, the point every effect is measured from. */
  base: kpis,
  inputs: z.array(sensitivityInput),
  overrides: z.array(z.string()).optional(),
  manifest: manifest.optional(),
});
export type SensitivityFile = z.infer<typeof sensitivityFile>;
