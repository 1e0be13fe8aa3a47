import { describe, expect, it } from "vitest";
import { shareOf } from "../../src/experiment/shard.js";

describe("shareOf", () => {
  it("gives every replication to exactly one shard, in contiguous blocks that differ by one at most", () => {
    for (const total of [1, 2, 7, 20, 101])
      for (let count = 1; count <= Math.min(total, 9); count++) {
        const shares = Array.from({ length: count }, (_, k) =>
          shareOf({ index: k + 1, count }, total),
        );
        expect(shares.flat()).toEqual(Array.from({ length: total }, (_, i) => i));
        const sizes = shares.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
      }
  });
});
