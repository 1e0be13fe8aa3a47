import { createHash } from "node:crypto";
import type { Shard } from "../experiment/shard.js";
import {
  type ReplicationRunner,
  type ShardJob,
  ShardRecorder,
} from "../experiment/shard-runners.js";
import { resultJson } from "../results/format-version.js";
import {
  OUTCOMES_FILE,
  outcomeLine,
  PARTIAL_FILE,
  PARTIAL_VERSION,
  type PartialResult,
} from "../results/partial-result.js";
import type { ResultsFolder } from "../results/results-folder.js";
import { InputError } from "../scenario/input-error.js";
import type { LoadedScenario } from "../scenario/load.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { runTime } from "./run-time.js";
import { describeScenario, manifest } from "./scenario-description.js";

/** What `bedsim merge` hands a command: the shards' outcomes, and when the latest finished. */
export interface MergedShards {
  runner: ReplicationRunner;
  runAt: string;
}

/** The options a command takes for sharding: --shard from the user, `merging` from merge. */
export interface ShardOptions {
  shard?: Shard;
  merging?: MergedShards;
}

type Command = PartialResult["command"];

/** The options that change results, recorded so that merge runs the command as the shards did. */
const RECORDED = [
  "set",
  "replications",
  "seed",
  "vary",
  "target",
  "writeSpells",
  "maxReplications",
];

/**
 * A command run as one shard of a batch job: it runs its share of every batch of
 * replications, then writes a partial-result folder (no charts) instead of results.
 */
export class ShardRun {
  private constructor(
    private readonly command: Command,
    private readonly files: string[],
    private readonly options: Record<string, unknown>,
    readonly shard: Shard,
    /** --json: say what was written as JSON on stdout, for the batch job's own scripts. */
    private readonly json: boolean,
  ) {}

  private readonly jobs: ShardJob[] = [];

  /** Runs this shard's share of each batch on `inner`, and keeps the outcomes to save. */
  over(inner: ReplicationRunner): ReplicationRunner {
    return new ShardRecorder(this.shard, inner, this.jobs);
  }

  /** The shard run for these options, or undefined without --shard. */
  static of(
    command: Command,
    files: string[],
    options: ShardOptions & { precision?: number; json?: boolean },
  ): ShardRun | undefined {
    if (!options.shard) return undefined;
    if (options.precision !== undefined)
      throw InputError.at(
        undefined,
        "--precision cannot be used with --shard: it decides how many replications to run from all of them, so they must be in one place. Give a fixed --replications to the shards instead, or run --precision on one machine.",
      );
    const recorded: Record<string, unknown> = {};
    for (const key of RECORDED) {
      const value = (options as Record<string, unknown>)[key];
      if (value !== undefined) recorded[key] = value;
    }
    return new ShardRun(command, files, recorded, options.shard, options.json === true);
  }

  /** `<name>-shard-K-of-N`, so the folders of one batch job sort together. */
  folderName(name: string): string {
    const { index, count } = this.shard;
    return `${name}-shard-${index}-of-${count}`;
  }

  /** Refuses a shard that would have no replications to run. */
  checkSize(replications: number): void {
    const { count } = this.shard;
    if (count > replications)
      throw InputError.at(
        undefined,
        `--shard ${this.shard.index}/${count}: ${count} shards for ${replications} replications would leave some with none; use at most ${replications} shards, or more replications.`,
      );
  }

  /** Writes the partial-result folder and says where; `loaded`: the scenarios run. */
  save(dir: ResultsFolder, loaded: LoadedScenario[]): string {
    const [first] = loaded;
    const { seed, replications } = first.run;
    const jobs = this.jobs;
    const lines = jobs.flatMap((job: ShardJob, j) =>
      job.outcomes.map((outcome, i) => outcomeLine({ job: j, index: job.indices[i], outcome })),
    );
    const text = lines.map((line) => `${line}\n`).join("");
    const files = new Map<string, string>();
    for (const scenario of loaded)
      for (const file of manifest(scenario, seed).files) files.set(file.path, file.sha256);
    const partial = {
      partial_version: PARTIAL_VERSION,
      version: VERSION,
      command: this.command,
      files: this.files,
      options: this.options,
      seed,
      replications,
      shard: this.shard,
      run_at: runTime(),
      manifest: {
        ...manifest(first, seed),
        files: [...files].map(([path, sha256]) => ({ path, sha256 })),
      },
      scenarios: loaded.map((s) => describeScenario(s, buildPathway(s).reinvestments)),
      jobs: jobs.map((job) => ({
        pathway_sha256: job.pathway,
        seed: job.seed,
        replications: job.replications,
        indices: job.indices,
      })),
      outcomes: { lines: lines.length, sha256: createHash("sha256").update(text).digest("hex") },
    } satisfies PartialResult;
    const folder = dir.save({ [PARTIAL_FILE]: resultJson(partial), [OUTCOMES_FILE]: text });
    const { index, count } = this.shard;
    const share = jobs[0]?.indices ?? [];
    const [from, to] = [(share[0] ?? 0) + 1, (share.at(-1) ?? 0) + 1];
    const which = from === to ? `replication ${from}` : `replications ${from} to ${to}`;
    if (this.json) {
      const said = { shard: this.shard, replications: { from, to, of: replications }, folder };
      process.stdout.write(`${JSON.stringify(said, null, 2)}\n`);
    } else
      process.stdout.write(
        `Shard ${index} of ${count}: ${which} of ${replications} written to ${folder}\nWhen all ${count} shards have finished, combine their folders with: bedsim merge <folders>\n`,
      );
    return folder;
  }
}
