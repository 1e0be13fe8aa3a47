/**
 * The report reads only result files (DESIGN.md): nothing under src/report/ imports how the
 * results were made (src/experiment) or the command line (src/cli); and the result files'
 * shapes and their writer in src/results/ need no other part of bedsim.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../scenario/helpers.js";

/** Each bedsim module imported (or re-exported) by the files under `src/<dir>`, from src/. */
function importsUnder(dir: string): { file: string; from: string }[] {
  const root = path.join(REPO, "src", dir);
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .flatMap((f) => {
      const text = readFileSync(path.join(root, f), "utf8");
      return [...text.matchAll(/\bfrom\s+"(\.[^"]+)"/g)].map((m) => ({
        file: `src/${dir}/${f}`,
        from: path.relative(path.join(REPO, "src"), path.resolve(root, path.dirname(f), m[1])),
      }));
    });
}

describe("layers", () => {
  it("src/report imports nothing from src/experiment or src/cli", () => {
    const wrong = importsUnder("report").filter(({ from }) => /^(experiment|cli)\//.test(from));
    expect(wrong).toEqual([]);
  });

  it("src/results imports nothing of bedsim's but itself", () => {
    const imports = importsUnder("results");
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter(({ from }) => !from.startsWith("results/"))).toEqual([]);
  });
});
