import { createHash } from "node:crypto";
import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import { type PoolOptions, streamReplications, type TakeOutcome } from "./pool.js";
import { type Shard, shareOf } from "./shard.js";
import { WarmUpSeries } from "./warm-up-check.js";

/** Whatever runs a batch of replications and hands their outcomes to `take` in the order of `indices`. */
export interface ReplicationRunner {
  run(
    pathway: Pathway,
    seed: number,
    indices: number[],
    take: TakeOutcome,
    options?: Omit<PoolOptions, "workers">,
  ): Promise<void>;
}

/** A short-lived pool for each batch, as a plain run uses. */
export function poolRunner(workers: number | undefined): ReplicationRunner {
  return {
    run: (pathway, seed, indices, take, options = {}) =>
      streamReplications(pathway, seed, indices, take, { ...options, workers }),
  };
}

/** One batch a command ran (a scenario, or a sweep's point): its model and a shard's outcomes. */
export interface ShardJob {
  /** sha256 of the pathway, so a merge can tell that it rebuilt the very same model. */
  pathway: string;
  seed: number;
  /** Replications in the whole batch, across all shards. */
  replications: number;
  indices: number[];
  outcomes: ReplicationOutcome[];
}

export function pathwayHash(pathway: Pathway): string {
  return createHash("sha256").update(JSON.stringify(pathway)).digest("hex");
}

/**
 * Runs a shard's share of every batch and keeps its outcomes, with the days of the daily
 * series that the warm-up check reads. The command goes on with just that share.
 */
export class ShardRecorder implements ReplicationRunner {
  constructor(
    readonly shard: Shard,
    private readonly inner: ReplicationRunner,
    /** Every batch run so far, in order (shared by recorders over different runners). */
    readonly jobs: ShardJob[] = [],
  ) {}

  async run(
    pathway: Pathway,
    seed: number,
    indices: number[],
    take: TakeOutcome,
    options: Omit<PoolOptions, "workers"> = {},
  ): Promise<void> {
    const mine = shareOf(this.shard, indices.length).map((p) => indices[p]);
    const days = new WarmUpSeries(pathway).length;
    const outcomes: ReplicationOutcome[] = [];
    this.jobs.push({
      pathway: pathwayHash(pathway),
      seed,
      replications: indices.length,
      indices: mine,
      outcomes,
    });
    await this.inner.run(
      pathway,
      seed,
      mine,
      (o) => {
        // Only the days the warm-up check reads, as doubles (an array of numbers took twice the memory).
        outcomes.push({
          ...o,
          dailyOccupancy: Float64Array.from({ length: days }, (_, d) => o.dailyOccupancy[d]),
          dailyOtherOccupied: Float64Array.from(
            { length: days },
            (_, d) => o.dailyOtherOccupied[d],
          ),
        });
        take(o);
      },
      options,
    );
  }
}

/** The model a merge rebuilt differs from the one a shard ran (`job` counts from 0). */
export class ShardMismatch extends Error {
  constructor(
    readonly job: number,
    message: string,
  ) {
    super(message);
    this.name = "ShardMismatch";
  }
}

/**
 * Replays the outcomes the shards stored, batch by batch in the order the command asks for
 * them, instead of simulating: the command then summarises and writes exactly as it would.
 */
export class ShardReplay implements ReplicationRunner {
  private next = 0;

  constructor(
    /** Per batch, in order: the pathway hash and every replication's outcome by index. */
    private readonly jobs: {
      pathway: string;
      seed: number;
      outcomes: Map<number, ReplicationOutcome>;
    }[],
  ) {}

  async run(
    pathway: Pathway,
    seed: number,
    indices: number[],
    take: TakeOutcome,
    options: Omit<PoolOptions, "workers"> = {},
  ): Promise<void> {
    const at = this.next++;
    const job = this.jobs[at];
    if (!job || job.pathway !== pathwayHash(pathway) || job.seed !== seed)
      throw new ShardMismatch(at, "the model rebuilt here is not the one the shards ran");
    indices.forEach((index, done) => {
      const outcome = job.outcomes.get(index);
      if (!outcome) throw new ShardMismatch(at, `replication ${index + 1} is in no shard`);
      options.onProgress?.(done + 1, indices.length);
      take(outcome);
    });
  }
}
