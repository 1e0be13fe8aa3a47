/** backtest.json: a model started from the census on a date, against what was observed after. */
import { z } from "zod";

const series = z.array(z.number());

export const measureBacktest = z.object({
  label: z.string(),
  unit: z.string(),
  what: z.string(),
  observed: series,
  p10: series,
  p50: series,
  p90: series,
  inside: z.number(),
  mape: z.number().nullable(),
});

export const backtestFile = z.object({
  version: z.string(),
  seed: z.number(),
  replications: z.number(),
  scenario: z.object({ name: z.string(), title: z.string().optional(), file: z.string() }),
  observed: z.object({ file: z.string(), spells: z.number(), extract_date: z.string() }),
  from: z.string(),
  to: z.string(),
  census: z.object({ local: z.number(), out_of_area: z.number(), delayed: z.number() }),
  months: z.array(z.string()),
  measures: z.record(z.string(), measureBacktest),
  notes: z.array(z.string()),
  run_at: z.string(),
});
export type BacktestFile = z.infer<typeof backtestFile>;
