/**
 * `bedsim run ... --json | head -1`: the reader closes the pipe after the first line. That is
 * not a failure: bedsim ends quietly, with its results saved, and no EPIPE stack trace. Needs
 * `npm run build` first.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, tempDir } from "../scenario/helpers.js";

const BIN = path.join(REPO, "bin", "bedsim.js");
const SHORT = ["--replications", "2", "--set", "run.years=1", "--set", "run.warm_up_days=365"];

beforeAll(() => {
  if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});

describe("stdout closed by its reader", () => {
  it.each([[["--json"]], [[]]])(
    "run %j: exit 0, nothing on stderr, results saved",
    async (extra) => {
      const out = tempDir("bedsim-pipe-");
      const child = spawn(
        process.execPath,
        [BIN, "run", "scenarios/baseline.yaml", ...SHORT, "--no-charts", "--out", out, ...extra],
        { cwd: REPO, env: { ...process.env, BEDSIM_DEBUG: "", NO_COLOR: "1" } },
      );
      // Closed before bedsim prints anything, as `head` does once it has its line.
      child.stdout.destroy();
      let stderr = "";
      child.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
        child.on("close", (c, s) => resolve([c, s])),
      );
      // The short run's warm-up warning is a separate matter; nothing else may be said.
      const said = stderr.split("\n").filter((line) => line && !/^bedsim: warning: /.test(line));
      expect(said, stderr).toEqual([]);
      expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(readdirSync(out)).toEqual([expect.stringMatching(/^baseline-\d{8}-\d{6}$/)]);
    },
    60_000,
  );
});
