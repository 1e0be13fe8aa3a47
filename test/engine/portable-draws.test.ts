/**
 * The explorer page replaces the browser's Math.exp, log, expm1 and log1p with stdlib's
 * JavaScript ports of fdlibm (explorer/src/node-maths.ts), because Chromium's differ from
 * Node's in the last bit. The page then gives the CLI's numbers only if (1) Node's own
 * functions give exactly stdlib's results for what the engine draws: swapping them here and
 * drawing again checks that for every distribution; and (2) the simulation uses no power
 * (`**`, Math.pow), which engines round their own way and the page cannot replace (see
 * src/engine/power.ts): checked on the source.
 */

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import exp from "@stdlib/math-base-special-exp";
import expm1 from "@stdlib/math-base-special-expm1";
import ln from "@stdlib/math-base-special-ln";
import log1p from "@stdlib/math-base-special-log1p";
import { afterEach, describe, expect, it } from "vitest";
import { type DistributionSpec, makeDistribution } from "../../src/engine/distributions.js";
import { createStream } from "../../src/engine/random.js";
import { REPO } from "../scenario/helpers.js";

const NATIVE = { exp: Math.exp, expm1: Math.expm1, log: Math.log, log1p: Math.log1p };

afterEach(() => Object.assign(Math, NATIVE));

const SPECS: DistributionSpec[] = [
  { distribution: "exponential", mean: 12 },
  { distribution: "lognormal", mean: 30, sd: 45 },
  { distribution: "gamma", mean: 20, sd: 10 },
  // sd above the mean: shape below 1, drawn through the boosted sampler's power.
  { distribution: "gamma", mean: 20, sd: 40 },
  { distribution: "weibull", shape: 0.7, scale: 25 },
  { distribution: "weibull", shape: 2.5, scale: 25 },
  { distribution: "erlang", k: 3, mean: 18 },
];

function draws(spec: DistributionSpec): number[] {
  const distribution = makeDistribution(spec);
  const rng = createStream(20250331, "portable", JSON.stringify(spec));
  return Array.from({ length: 20_000 }, () => distribution.sample(rng));
}

describe("draws with stdlib's exp and log, as the explorer page makes them", () => {
  it.each(SPECS.map((s) => [JSON.stringify(s), s] as const))(
    "%s: the same numbers to the last bit",
    (_, spec) => {
      const native = draws(spec);
      Object.assign(Math, { exp, expm1, log: ln, log1p });
      const portable = draws(spec);
      expect(portable).toEqual(native);
    },
  );
});

describe("the simulation's source", () => {
  it("raises nothing to a power with ** or Math.pow (src/engine, src/model)", () => {
    const found: string[] = [];
    for (const dir of ["engine", "model"]) {
      const root = path.join(REPO, "src", dir);
      for (const file of readdirSync(root).filter((f) => f.endsWith(".ts"))) {
        const code = readFileSync(path.join(root, file), "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\/\/.*$/gm, "");
        if (/\*\*|Math\.pow/.test(code)) found.push(`src/${dir}/${file}`);
      }
    }
    expect(found).toEqual([]);
  });
});
