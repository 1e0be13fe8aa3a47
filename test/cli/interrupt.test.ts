/**
 * Ctrl-C during a long run: bedsim stops promptly with exit code 130, says it was interrupted,
 * prints no stack trace, and leaves no results folder (finished or half-written) behind.
 * Needs `npm run build` first (the `test` script does it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, tempDir } from "../scenario/helpers.js";

const BIN = path.join(REPO, "bin", "bedsim.js");
/** Long enough that the run is certainly still going when it is interrupted (about a minute). */
const LONG_RUN = ["--replications", "2000", "--workers", "2"];
/** How long the run gets to start (load, spawn the worker threads) before Ctrl-C. */
const START_MS = 2500;
/** "Promptly": from the signal to the exit. */
const PROMPT_MS = 5000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the first SIGINT to the exit. */
  afterSignal: number;
}

beforeAll(() => {
  if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});

function start(out: string): ChildProcess {
  return spawn(
    process.execPath,
    [BIN, "run", "scenarios/baseline.yaml", "--out", out, "--no-charts", ...LONG_RUN],
    {
      cwd: REPO,
      env: { ...process.env, BEDSIM_DEBUG: "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

/** Sends SIGINT after `delay` ms (and again after `again` ms, if given); resolves on exit. */
function interrupt(child: ChildProcess, delay: number, again?: number): Promise<Exit> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  let signalledAt = Number.NaN;
  return new Promise((resolve) => {
    const timers = [
      setTimeout(() => {
        signalledAt = performance.now();
        child.kill("SIGINT");
      }, delay),
      ...(again === undefined ? [] : [setTimeout(() => child.kill("SIGINT"), delay + again)]),
      // Never leave a stuck run behind, whatever the test concludes.
      setTimeout(() => child.kill("SIGKILL"), delay + 30_000),
    ];
    child.on("exit", (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, stdout, stderr, afterSignal: performance.now() - signalledAt });
    });
  });
}

/**
 * `diedOfSignalAllowed`: a second Ctrl-C can land in the last milliseconds of the process's
 * exit, after bedsim has finished and Node has already released its signal handlers; the
 * process then dies of the signal instead of exiting with 130. The shell shows 130 either way
 * and everything else below must still hold.
 */
function expectCleanInterrupt(exit: Exit, out: string, diedOfSignalAllowed = false) {
  const shown = JSON.stringify(exit);
  if (!(diedOfSignalAllowed && exit.signal === "SIGINT")) {
    expect(exit.signal, shown).toBeNull();
    expect(exit.code, shown).toBe(130);
  }
  expect(exit.afterSignal, shown).toBeLessThan(PROMPT_MS);
  expect(exit.stderr, shown).toMatch(/^bedsim: interrupted/m);
  expect(exit.stderr, shown).not.toMatch(/^\s+at /m);
  expect(exit.stderr, shown).not.toMatch(/internal error/);
  expect(exit.stdout, shown).toBe("");
  // Neither a results folder nor a half-written .partial-* folder.
  expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
}

describe("Ctrl-C during bedsim run", () => {
  it("stops within a few seconds with exit code 130 and writes nothing", async () => {
    const out = path.join(tempDir("bedsim-interrupt-"), "out");
    const exit = await interrupt(start(out), START_MS);
    expectCleanInterrupt(exit, out);
  }, 60_000);

  it("a second Ctrl-C also ends it cleanly", async () => {
    const out = path.join(tempDir("bedsim-interrupt-"), "out");
    const exit = await interrupt(start(out), START_MS, 50);
    expectCleanInterrupt(exit, out, true);
  }, 60_000);
});
