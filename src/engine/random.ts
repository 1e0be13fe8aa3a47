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

/**
 * The stream `createStream(seed, ...key)` would give, as an object whose `next()` draws:
 * seeded by seedrandom's Alea (so the numbers are the same, draw for draw), then stepped here,
 * where a call is a method on a known shape rather than a closure over another object. The
 * simulation draws several of these numbers for every arrival.
 */
export class Uniforms {
  /**
   * Alea's state c, s0, s1, s2. In a typed array, so that a draw stores plain doubles: as
   * object fields each store allocated a number, and the garbage cost more than was saved.
   */
  private readonly state: Float64Array;

  constructor(seed: number | string, ...key: (string | number)[]) {
    const { c, s0, s1, s2 } = seedrandom.alea(`${seed}|${key.join("|")}`, { state: true }).state();
    this.state = Float64Array.of(c, s0, s1, s2);
  }

  /** The next draw in [0, 1): Alea's step (Baagoe), as seedrandom takes it. */
  next(): number {
    const s = this.state;
    const t = 2091639 * s[1] + s[0] * 2.3283064365386963e-10;
    s[1] = s[2];
    s[2] = s[3];
    const c = t | 0;
    s[0] = c;
    const draw = t - c;
    s[3] = draw;
    return draw;
  }
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
