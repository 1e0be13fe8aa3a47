/**
 * A shard: one of N machines of a batch cluster running its share of a run's replications.
 * Shares are by replication index, and each replication is a pure function of (pathway, seed,
 * index), so the outcomes merged from any number of shards are the one-machine run's.
 */
export interface Shard {
  /** 1 to `count`, as a job index plus one. */
  index: number;
  count: number;
}

/**
 * The positions (0-based, among `total` replications) that shard `index` of `count` runs: a
 * contiguous block, the blocks differing in size by one at most.
 */
export function shareOf(shard: Shard, total: number): number[] {
  const from = Math.floor(((shard.index - 1) * total) / shard.count);
  const to = Math.floor((shard.index * total) / shard.count);
  return Array.from({ length: to - from }, (_, i) => from + i);
}
