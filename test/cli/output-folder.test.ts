/**
 * Where results are saved, as a user meets it: an --out that cannot hold results is refused
 * before anything is simulated; a disk that fills up while saving leaves nothing behind;
 * `bedsim report` redraws through the same atomic writer; and the temporary folder of a bedsim
 * killed outright is cleaned up by the next run. Needs `npm run build` first.
 *
 * Full and read-only disks are real ones (small tmpfs mounts) when the tests run as root and
 * may mount; otherwise those tests are skipped (test/results/results-folder.test.ts covers the
 * same errors with a failing writer).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, tempDir } from "../scenario/helpers.js";

const BIN = path.join(REPO, "bin", "bedsim.js");
const SHORT = ["--replications", "2", "--set", "run.years=1", "--set", "run.warm_up_days=365"];
/** A minute or more of simulating: an error that waited for it would take that long. */
const LONG = ["--replications", "2000", "--workers", "1"];
/** Well under the time the long run takes, and well over starting up and loading. */
const FAST_MS = 8000;

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function bedsim(args: string[]): Result {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, BEDSIM_DEBUG: "", NO_COLOR: "1" },
  });
  if (result.error) throw result.error;
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: performance.now() - started,
  };
}

/** Exit `status`, exactly `line` on stderr and nothing else, nothing on stdout. */
function expectOneLine(result: Result, status: number, line: string) {
  expect(result.status, result.stderr).toBe(status);
  expect(result.stderr).toBe(`bedsim: ${line}\n`);
  expect(result.stdout).toBe("");
}

const listing = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

/** Every file under `dir` with its contents, to compare a folder before and after. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, entry);
    if (statSync(file).isFile()) out[entry] = readFileSync(file, "latin1");
  }
  return out;
}

beforeAll(() => {
  if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});

// --- small real disks, when this machine lets the tests make them ---------------------------

const mounts: string[] = [];
function tmpfs(kilobytes: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bedsim-tmpfs-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k`, "tmpfs", dir]);
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot mount a tmpfs: ${mounted.stderr}`);
  }
  mounts.push(dir);
  return dir;
}
function readOnly(dir: string): void {
  const remounted = spawnSync("mount", ["-o", "remount,ro", dir]);
  if (remounted.status !== 0) throw new Error(`cannot remount read-only: ${remounted.stderr}`);
}
const CAN_MOUNT = (() => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return false;
  try {
    tmpfs(64);
    return true;
  } catch {
    return false;
  }
})();
afterAll(() => {
  for (const dir of mounts.splice(0)) {
    spawnSync("umount", [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- an unusable --out ----------------------------------------------------------------------

describe("an --out that cannot hold results: exit 2 before simulating", () => {
  const advice = "give a folder you can write to with --out (it is created if it does not exist).";
  const commands: [string, string[]][] = [
    ["run", ["run", "scenarios/baseline.yaml", ...LONG]],
    ["compare", ["compare", "scenarios/baseline.yaml", "scenarios/baseline.yaml"]],
    ["sweep", ["sweep", "scenarios/sweep-acute-beds.yaml"]],
    [
      "rightsize",
      ["rightsize", "scenarios/sweep-acute-beds.yaml", "--target", "oap_bed_days <= 3000"],
    ],
  ];

  it.each(commands)("%s --out <a regular file>", (_, args) => {
    const file = path.join(tempDir(), "results.txt");
    writeFileSync(file, "mine");
    const result = bedsim([...args, "--out", file]);
    expectOneLine(
      result,
      2,
      `cannot save results in "${file}": it is a file, not a folder; ${advice}`,
    );
    expect(result.ms).toBeLessThan(FAST_MS);
    expect(readFileSync(file, "utf8")).toBe("mine");
  });

  it("run --out /dev/null", () => {
    const result = bedsim(["run", "scenarios/baseline.yaml", ...LONG, "--out", "/dev/null"]);
    expectOneLine(result, 2, `cannot save results in "/dev/null": it is not a folder; ${advice}`);
    expect(result.ms).toBeLessThan(FAST_MS);
  });

  it("run --out <a folder inside a regular file> names the file", () => {
    const file = path.join(tempDir(), "results.txt");
    writeFileSync(file, "mine");
    const out = path.join(file, "out");
    const result = bedsim(["run", "scenarios/baseline.yaml", ...LONG, "--out", out]);
    expectOneLine(
      result,
      2,
      `cannot save results in "${out}": "${file}" is a file, not a folder; ${advice}`,
    );
    expect(result.ms).toBeLessThan(FAST_MS);
  });

  it.runIf(CAN_MOUNT)("run --out <a folder on a read-only disk>", () => {
    const disk = tmpfs(64);
    readOnly(disk);
    const out = path.join(disk, "out");
    const result = bedsim(["run", "scenarios/baseline.yaml", ...LONG, "--out", out]);
    expectOneLine(
      result,
      2,
      `cannot save results in "${out}": it is on a read-only disk; ${advice}`,
    );
    expect(result.ms).toBeLessThan(FAST_MS);
  });
});

// --- a disk that fills up while saving ------------------------------------------------------

describe.runIf(CAN_MOUNT)("a disk that fills up while saving", () => {
  it("run: exit 1, one plain sentence, nothing left in --out", () => {
    const out = path.join(tmpfs(256), "out");
    const result = bedsim(["run", "scenarios/baseline.yaml", ...SHORT, "--out", out]);
    expectOneLine(
      result,
      1,
      `could not save the results in "${out}": the disk is full, so nothing was saved; free some space and run it again.`,
    );
    expect(listing(out)).toEqual([]);
  });

  it("report: exit 1, and the old charts and report exactly as they were", () => {
    const made = tempDir();
    expect(bedsim(["run", "scenarios/baseline.yaml", ...SHORT, "--out", made]).status).toBe(0);
    const [name] = listing(made);
    // Room for the folder as it is, not for a second set of charts beside it.
    const disk = tmpfs(4096);
    const folder = path.join(disk, name);
    cpSync(path.join(made, name), folder, { recursive: true });
    writeFileSync(path.join(folder, "report.md"), "the old report");
    const before = contents(folder);
    const result = bedsim(["report", folder]);
    expectOneLine(
      result,
      1,
      `could not save the results in "${folder}": the disk is full, so the charts and report were left as they were; free some space and run it again.`,
    );
    expect(contents(folder)).toEqual(before);
    expect(listing(disk)).toEqual([name]);
  }, 60_000);
});

describe.runIf(CAN_MOUNT)("report on a read-only folder", () => {
  it("exit 2 before drawing, with what to do", () => {
    const made = tempDir();
    const run = ["run", "scenarios/baseline.yaml", ...SHORT, "--no-charts", "--out", made];
    expect(bedsim(run).status).toBe(0);
    const [name] = listing(made);
    const disk = tmpfs(1024);
    cpSync(path.join(made, name), path.join(disk, name), { recursive: true });
    readOnly(disk);
    const folder = path.join(disk, name);
    expectOneLine(
      bedsim(["report", folder]),
      2,
      `cannot save results in "${folder}": it is on a read-only disk; copy the folder somewhere you can write to and run bedsim report on the copy.`,
    );
  }, 30_000);
});

// --- report writes atomically ---------------------------------------------------------------

describe("report replaces the charts and report whole", () => {
  it("charts it no longer draws go, the results stay, nothing temporary is left", () => {
    const made = tempDir();
    expect(bedsim(["run", "scenarios/baseline.yaml", ...SHORT, "--out", made]).status).toBe(0);
    const folder = path.join(made, listing(made)[0]);
    const results = listing(folder).filter((f) => f.endsWith(".json") || f.endsWith(".csv"));
    const summary = readFileSync(path.join(folder, "summary.json"), "utf8");
    const charts = listing(path.join(folder, "charts"));
    // What an interrupted redraw of an older bedsim left: half-written and stray files.
    writeFileSync(path.join(folder, "charts", "occupancy.svg.tmp"), "<sv");
    writeFileSync(path.join(folder, "charts", "retired-chart.png"), "old");
    const result = bedsim(["report", folder]);
    expect(result.status, result.stderr).toBe(0);
    expect(listing(path.join(folder, "charts"))).toEqual(charts);
    expect(listing(folder)).toEqual(
      [...results, "charts", "report.docx", "report.html", "report.md", "results.xlsx"].sort(),
    );
    expect(readFileSync(path.join(folder, "summary.json"), "utf8")).toBe(summary);
  }, 60_000);
});

// --- a bedsim killed outright ---------------------------------------------------------------

/** Resolves once `dir` holds an entry matching `pattern`. */
async function waitFor(dir: string, pattern: RegExp, child: ChildProcess): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    const found = listing(dir).find((f) => pattern.test(f));
    if (found) return found;
    if (child.exitCode !== null) throw new Error(`bedsim ended early (${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing matching ${pattern} appeared in ${dir}`);
}

describe("the temporary folder of a bedsim killed with SIGKILL", () => {
  it("is removed by the next run into the same folder; a running bedsim's is not", async () => {
    const out = tempDir();
    const killed = spawn(
      process.execPath,
      [BIN, "run", "scenarios/baseline.yaml", ...LONG, "--no-charts", "--out", out],
      { cwd: REPO, stdio: "ignore" },
    );
    const exited = new Promise((resolve) => killed.on("exit", resolve));
    const partial = await waitFor(out, /^\.partial-baseline-/, killed);
    expect(partial).toContain(`-${killed.pid}-`);
    killed.kill("SIGKILL");
    await exited;
    expect(listing(out)).toEqual([partial]);

    // This test's own process is running: a folder in its name must be left alone.
    const running = `.partial-baseline-${process.pid}-1700000000000`;
    cpSync(path.join(out, partial), path.join(out, running), { recursive: true });

    const result = bedsim([
      "run",
      "scenarios/baseline.yaml",
      ...SHORT,
      "--no-charts",
      "--out",
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const left = listing(out);
    expect(left).not.toContain(partial);
    expect(left).toContain(running);
    expect(left.filter((f) => f !== running)).toEqual([
      expect.stringMatching(/^baseline-\d{8}-\d{6}$/),
    ]);
  }, 60_000);
});
