import seedrandom from "seedrandom";

/** A source of uniform random numbers in [0, 1). */
export type Rng = () => number;

/**
 * One independent random stream per (run seed, purpose). The key names the purpose, e.g.
 * `["rep", 3, "cohort", "older_adults", "stay"]`, so adding a cohort or a purpose never shifts
 * the numbers another purpose sees. Alea is used because seedrandom's default ARC4 is several
 * times slower and quality is ample for simulation.
 */
export function createStream(seed: number | string, ...key: (string | number)[]): Rng {
  const prng = seedrandom.alea(`${seed}|${key.join("|")}`);
  // 32-bit resolution is ample here and half again as fast as prng.double().
  return prng;
}

/** A standard normal deviate (Marsaglia polar method). */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng() - 1;
    const v = 2 * rng() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * A cheap stream from one 32-bit seed (mulberry32). Each person carries such a seed, drawn
 * when they arrive, so needs that only become relevant later (the length of a step-down
 * stay, a readmission's new stay) are the same whatever capacity the scenario has.
 */
export function createPersonalStream(seed: number): Rng {
  const state = new Uint32Array([seed]);
  return () => nextInStream(state, 0);
}

/**
 * Advances the mulberry32 stream whose state is `states[i]` and returns its next draw. Keeping
 * many streams' states in one typed array (one per person) costs no object per stream.
 */
export function nextInStream(states: Uint32Array, i: number): number {
  const state = (states[i] + 0x6d2b79f5) >>> 0;
  states[i] = state;
  let z = state;
  z = Math.imul(z ^ (z >>> 15), z | 1);
  z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
  return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
}
