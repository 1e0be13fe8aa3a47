import { InputError } from "../scenario/input-error.js";

/**
 * When a run was made, as its manifest's `run_at` records it: now, or the reproducible-builds
 * convention SOURCE_DATE_EPOCH (seconds since 1970) when set, so that two runs of the same
 * scenario and seed, or a merge of shards and a one-machine run, write identical files.
 */
export function runTime(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === "") return new Date().toISOString();
  const seconds = Number(epoch);
  if (!/^\d+$/.test(epoch.trim()) || !Number.isSafeInteger(seconds) || seconds * 1000 > 8.64e15)
    throw InputError.at(
      undefined,
      `SOURCE_DATE_EPOCH is "${epoch.slice(0, 30)}"; it must be a whole number of seconds since 1970 (e.g. 1764547200), or unset.`,
    );
  return new Date(seconds * 1000).toISOString();
}
