import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ShardMismatch, ShardReplay } from "../experiment/shard-runners.js";
import type { ReplicationOutcome } from "../model/outcomes.js";
import {
  OUTCOMES_FILE,
  PARTIAL_FILE,
  PARTIAL_VERSION,
  type PartialResult,
  partialResult,
  readOutcomeLine,
} from "../results/partial-result.js";
import { InputError, type Problem, plain } from "../scenario/input-error.js";
import { VERSION } from "../version.js";
import type { MergedShards } from "./shard-mode.js";

export interface MergeCommandOptions {
  out: string;
  json?: boolean;
  charts: boolean;
}

/** A shard's folder as read: its partial.json (text and contents) and its outcomes. */
interface ReadShard {
  file: string;
  text: string;
  partial: PartialResult;
  outcomes: { job: number; index: number; outcome: ReplicationOutcome }[];
}

/**
 * `bedsim merge <folders>…`: checks that the shards' partial results belong together, then
 * runs the command they were made by on their stored outcomes instead of simulating, so the
 * results folder is written by the same code, byte for byte, as one machine would have.
 */
export async function mergeCommand(folders: string[], options: MergeCommandOptions): Promise<void> {
  const shards = folders.map(readShard);
  checkTogether(shards);
  checkScenarioFiles(shards[0]);
  const first = shards[0].partial;
  const merging: MergedShards = {
    runner: new ShardReplay(
      first.jobs.map((job, j) => ({
        pathway: job.pathway_sha256,
        seed: job.seed,
        outcomes: new Map(
          shards.flatMap((s) =>
            s.outcomes.filter((o) => o.job === j).map((o) => [o.index, o.outcome] as const),
          ),
        ),
      })),
    ),
    // The latest shard's time, so that a merge is reproducible and dated by its last part.
    runAt:
      shards
        .map((s) => s.partial.run_at)
        .sort()
        .at(-1) ?? first.run_at,
  };
  const common = { ...first.options, out: options.out, json: options.json, charts: options.charts };
  const [file, ...others] = first.files;
  try {
    if (first.command === "run")
      await (await import("./run-command.js")).runCommand(file, { ...common, merging });
    else if (first.command === "compare")
      await (await import("./compare-command.js")).compareCommand(file, others, {
        ...common,
        merging,
      });
    else await (await import("./sweep-command.js")).sweepCommand(file, { ...common, merging });
  } catch (error) {
    if (error instanceof ShardMismatch)
      throw at(
        shards[0],
        "jobs",
        `batch ${error.job + 1} of these shards does not match what the scenario files give here (${error.message}); run bedsim merge with the same bedsim and scenario files as the shards.`,
      );
    throw error;
  }
}

function readShard(folder: string): ReadShard {
  const file = path.join(folder, PARTIAL_FILE);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw InputError.at(folder, "no such folder; give the folders that bedsim run --shard wrote.");
  if (!existsSync(file))
    throw InputError.at(
      folder,
      `this is not a shard's folder: it has no ${PARTIAL_FILE}. Give the folders that bedsim run, compare or sweep wrote with --shard K/N.`,
    );
  const text = readFileSync(file, "utf8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw InputError.at(
      file,
      "this file is not valid JSON: it may have been cut short while copying; copy the shard's folder again, or run that shard again.",
    );
  }
  const parsed = partialResult.safeParse(json);
  if (!parsed.success)
    throw InputError.at(
      file,
      `this is not a partial result this bedsim can read (${plain(parsed.error.issues[0]?.message ?? "")}); run the shards again with bedsim ${VERSION}.`,
    );
  const partial = parsed.data;
  if (partial.partial_version !== PARTIAL_VERSION || partial.version !== VERSION)
    throw located(
      file,
      text,
      "version",
      `this shard was run by bedsim ${plain(partial.version)}, and this is bedsim ${VERSION}; merge with the version that ran the shards (results are identical only within one version).`,
    );
  const outcomesFile = path.join(folder, OUTCOMES_FILE);
  const outcomesText = existsSync(outcomesFile) ? readFileSync(outcomesFile, "utf8") : undefined;
  const hash = outcomesText && createHash("sha256").update(outcomesText).digest("hex");
  if (hash !== partial.outcomes.sha256)
    throw InputError.at(
      outcomesFile,
      `${outcomesText === undefined ? "this file is missing" : "this file is not the one the shard wrote (it may have been cut short while copying)"}; copy the shard's folder again, or run that shard again.`,
    );
  const outcomes = (outcomesText ?? "")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => readOutcomeLine<ReplicationOutcome>(l));
  return { file, text, partial, outcomes };
}

/** Every shard of one run, each once: same command, files, settings, seed and version. */
function checkTogether(shards: ReadShard[]): void {
  const [first] = shards;
  const problems: Problem[] = [];
  const same = (
    key: keyof PartialResult,
    what: string,
    pick: (p: PartialResult) => unknown = (p) => p[key],
  ) => {
    for (const shard of shards.slice(1)) {
      if (JSON.stringify(pick(shard.partial)) === JSON.stringify(pick(first.partial))) continue;
      problems.push(
        position(
          shard,
          key,
          `this shard ${what} than ${plain(first.file)}, so they are not shards of one run; give only the folders of one batch job.`,
        ),
      );
    }
  };
  same("command", "comes from another command");
  same("files", "ran other scenario files");
  same("manifest", "ran scenario files with other contents", (p) => p.manifest.files);
  same("seed", "has another seed");
  same("replications", "has another number of replications");
  same("options", "ran with other settings (--set, --vary, --target or --replications)");
  same("jobs", "ran another model", (p) => p.jobs.map(({ indices, ...job }) => job));
  same("shard", "is one of another number of shards", (p) => p.shard.count);
  if (problems.length > 0) throw new InputError(problems);

  const { count } = first.partial.shard;
  const seen = new Map<number, ReadShard>();
  for (const shard of shards) {
    const { index } = shard.partial.shard;
    const before = seen.get(index);
    if (before)
      problems.push(
        position(
          shard,
          "shard",
          `shard ${index} of ${count} is given twice (also ${plain(before.file)}); give each shard's folder once.`,
        ),
      );
    seen.set(index, shard);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !seen.has(k));
  if (missing.length > 0)
    problems.push(
      position(
        first,
        "shard",
        `${missing.length === 1 ? "shard" : "shards"} ${missing.join(", ")} of ${count} ${missing.length === 1 ? "is" : "are"} missing; give the folders of all ${count} shards (a shard that failed can be run again on its own with the same --shard).`,
      ),
    );
  if (problems.length > 0) throw new InputError(problems);
}

/** The scenario files here must be the ones the shards ran: the merge reads them again. */
function checkScenarioFiles(shard: ReadShard): void {
  const problems: Problem[] = [];
  for (const { path: file, sha256 } of shard.partial.manifest.files) {
    const here = existsSync(file)
      ? createHash("sha256").update(readFileSync(file)).digest("hex")
      : undefined;
    if (here === sha256) continue;
    problems.push(
      position(
        shard,
        "manifest",
        here === undefined
          ? `the shards ran ${plain(file)}, which is not found here; run bedsim merge in the folder the shards ran in, with the same scenario files.`
          : `${plain(file)} has changed since the shards ran it; merge with the file as it was, or run the shards again.`,
      ),
    );
  }
  if (problems.length > 0) throw new InputError(problems);
}

/** A problem at a top-level field of a shard's partial.json. */
function position(shard: ReadShard, key: string, message: string): Problem {
  return problemAt(shard.file, shard.text, key, message);
}

function at(shard: ReadShard, key: string, message: string): InputError {
  return new InputError([position(shard, key, message)]);
}

function located(file: string, text: string, key: string, message: string): InputError {
  return new InputError([problemAt(file, text, key, message)]);
}

/** partial.json is written with two spaces of indent, so a top-level field starts a line. */
function problemAt(file: string, text: string, key: string, message: string): Problem {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.startsWith(`  "${key}":`));
  return line < 0 ? { file, message } : { file, line: line + 1, column: 3, message };
}
