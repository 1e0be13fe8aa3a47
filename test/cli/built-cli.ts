/**
 * The built command line, as the CLI tests run it: `npm run build` first (npm test does).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, expect } from "vitest";
import { REPO, tempDir } from "../scenario/helpers.js";

export const BIN = path.join(REPO, "bin", "bedsim.js");

/** A short run: two replications of one year after a year's warm-up. */
export const SHORT = [
  "--replications",
  "2",
  "--set",
  "run.years=1",
  "--set",
  "run.warm_up_days=365",
];

export function bedsim(args: string[], cwd = REPO) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    // Results JSON with every per-ward and per-cohort KPI passes the default 1 MB.
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, BEDSIM_DEBUG: "", NO_COLOR: "1" },
  });
  if (result.error) throw result.error;
  return result;
}

/** Runs a command with --json into a fresh --out; returns stdout and the folder written. */
export function written(args: string[]): { stdout: string; folder: string } {
  const out = tempDir("bedsim-results-");
  const result = bedsim([...args, "--json", "--no-charts", "--out", out]);
  expect(result.status, result.stderr).toBe(0);
  const [folder] = readdirSync(out);
  return { stdout: result.stdout, folder: path.join(out, folder) };
}

/** Fails the file's tests at once, with what to do, when dist/ has not been built. */
export function requireBuild(): void {
  beforeAll(() => {
    if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
      throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
  });
}
