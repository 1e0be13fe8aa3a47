/** summary.json: one scenario's KPIs over the whole run, by financial year and by month. */
import { z } from "zod";
import { band, interval, kpis, manifest } from "./kpis.js";
import { scenarioRecord } from "./scenario-record.js";

/** What `--precision` aimed for and reached. */
const precisionReport = z.object({
  target_pct: z.number(),
  met: z.boolean(),
  worst_kpi: z.string(),
  worst_pct: z.number(),
  max_replications: z.number(),
});

export const runSummaryFile = z.object({
  version: z.string(),
  seed: z.number(),
  replications: z.number(),
  scenario: scenarioRecord,
  kpis,
  /** `days` below 365: a part year, whose figures cover only those days. */
  by_financial_year: z.array(z.object({ year: z.string(), days: z.number().optional(), kpis })),
  cost: z
    .object({
      by_financial_year: z.array(interval.extend({ year: z.string(), service: z.string() })),
    })
    .optional(),
  monthly: z.object({ months: z.array(z.string()), series: z.record(z.string(), band) }),
  precision: precisionReport.optional(),
  /** Plain-English warnings about the run (e.g. a warm-up that looks too short). */
  warnings: z.array(z.string()).optional(),
  manifest: manifest.optional(),
});
export type RunSummaryFile = z.infer<typeof runSummaryFile>;
