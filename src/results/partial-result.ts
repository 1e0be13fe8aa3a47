/**
 * A shard's partial result: `partial.json`, what was run and by which shard, and
 * `outcomes.jsonl`, one line per replication with its whole outcome, enough for
 * `bedsim merge` to rebuild every result file as one machine would have written it.
 */
import { z } from "zod";
import { manifest } from "./kpis.js";
import { scenarioRecord } from "./scenario-record.js";

export const PARTIAL_FILE = "partial.json";
export const OUTCOMES_FILE = "outcomes.jsonl";
/** Raise when the partial files change shape: a merge reads only its own version's. */
export const PARTIAL_VERSION = 1;

export const partialResult = z.object({
  partial_version: z.number(),
  version: z.string(),
  /** The command and its arguments as given, which `merge` runs again on the stored outcomes. */
  command: z.enum(["run", "compare", "sweep"]),
  files: z.array(z.string()),
  options: z.record(z.string(), z.unknown()),
  seed: z.number(),
  replications: z.number(),
  shard: z.object({ index: z.number(), count: z.number() }),
  run_at: z.string(),
  manifest,
  scenarios: z.array(scenarioRecord),
  /** Per batch (a scenario, or a sweep's point), in the order the command ran them. */
  jobs: z.array(
    z.object({
      pathway_sha256: z.string(),
      seed: z.number(),
      replications: z.number(),
      indices: z.array(z.number()),
    }),
  ),
  /** Lines in outcomes.jsonl and their sha256, so a truncated copy is caught. */
  outcomes: z.object({ lines: z.number(), sha256: z.string() }),
});
export type PartialResult = z.infer<typeof partialResult>;

/**
 * One line of outcomes.jsonl: batch `job`'s replication `index` (from 0) and its outcome
 * (experiment/'s ReplicationOutcome; kept generic, as results/ reads no other layer).
 */
export interface StoredOutcome<Outcome = unknown> {
  job: number;
  index: number;
  outcome: Outcome;
}

/** The daily series, most of an outcome's size: stored as little-endian doubles in base64. */
const DAILY = new Set(["dailyOccupancy", "dailyOtherOccupied"]);
const DOUBLES = "f64:";

/**
 * A number JSON cannot hold exactly (NaN, ±Infinity, −0) is written as a string: outcomes
 * hold numbers only, so a string read back is always one of these, or a daily series.
 */
export function outcomeLine<Outcome>(stored: StoredOutcome<Outcome>): string {
  return JSON.stringify(stored, (key, value: unknown) => {
    if (DAILY.has(key)) return DOUBLES + doublesBase64(Array.from(value as ArrayLike<number>));
    if (ArrayBuffer.isView(value)) return Array.from(value as Float64Array);
    if (typeof value === "number" && (!Number.isFinite(value) || Object.is(value, -0)))
      return Object.is(value, -0) ? "-0" : String(value);
    return value;
  });
}

export function readOutcomeLine<Outcome>(line: string): StoredOutcome<Outcome> {
  return JSON.parse(line, (_key, value: unknown) => {
    if (typeof value !== "string") return value;
    return value.startsWith(DOUBLES) ? base64Doubles(value.slice(DOUBLES.length)) : Number(value);
  }) as StoredOutcome<Outcome>;
}

function doublesBase64(values: number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return Buffer.from(view.buffer).toString("base64");
}

function base64Doubles(text: string): Float64Array {
  const bytes = Buffer.from(text, "base64");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: bytes.byteLength / 8 }, (_, i) =>
    view.getFloat64(i * 8, true),
  );
}
