/**
 * Personal streams are mulberry32, whether one closure per person or many states in one typed
 * array: both must give the reference algorithm's numbers, or results would shift.
 */
import { describe, expect, it } from "vitest";
import {
  createPersonalStream,
  createStream,
  nextInStream,
  Uniforms,
} from "../../src/engine/random.js";

/** Reference mulberry32 (Tommy Ettinger's), as a closure over its state. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

describe("personal streams", () => {
  it("give mulberry32's numbers, from a closure or from a typed array of states", () => {
    const seeds = [0, 1, 123456789, 2 ** 32 - 1, 0.75 * 2 ** 32 + 0.5];
    const states = Uint32Array.from(seeds);
    seeds.forEach((seed, i) => {
      const reference = mulberry32(seed);
      const stream = createPersonalStream(seed);
      for (let k = 0; k < 100; k++) {
        const expected = reference();
        expect(stream()).toBe(expected);
        expect(nextInStream(states, i)).toBe(expected);
      }
    });
  });

  it("draws lie in [0, 1) and look uniform", () => {
    const next = createPersonalStream(42);
    let sum = 0;
    for (let k = 0; k < 100_000; k++) {
      const u = next();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    // Mean of 100,000 uniforms: sd 0.0009, so 0.005 is over 5 sd.
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});

describe("Uniforms", () => {
  it("draws exactly the numbers createStream gives for the same seed and key", () => {
    for (const key of [["rep", 3, "cohort", "adults", "routing"], ["census"], [7]]) {
      const fast = new Uniforms(2024, ...key);
      const reference = createStream(2024, ...key);
      let same = 0;
      for (let i = 0; i < 100_000; i++) if (fast.next() === reference()) same++;
      expect(same).toBe(100_000);
    }
    // Different keys give different streams.
    expect(new Uniforms(2024, "a").next()).not.toBe(new Uniforms(2024, "b").next());
  });
});
