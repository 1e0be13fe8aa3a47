import { InvalidArgumentError } from "commander";
import type { Shard } from "../experiment/shard.js";

const EXAMPLE = "e.g. --shard 1/4 for the first of four";

/** "--shard 2/4" → the second of four shards. */
export function shardOption(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!match)
    throw new InvalidArgumentError(
      `--shard must be written K/N, which shard of how many (${EXAMPLE}).`,
    );
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count)
    throw new InvalidArgumentError(
      `--shard ${value.trim()}: K must be from 1 to N (${EXAMPLE}; a job index that counts from 0 needs 1 added).`,
    );
  return { index, count };
}
