/**
 * Start-up time of the command line, as a user meets it: `node bin/bedsim.js ...` started as a
 * new process each time, timed from outside (wall clock), best and median of several runs.
 * `node bench/start-up.js` after a build prints a small table; bench/run.js reads `startUp`.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bedsim = path.join(root, "bin", "bedsim.js");

/** Wall-clock seconds of `runs` fresh processes running bedsim with `args`: best and median. */
export function startUp(args, runs = 7) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [bedsim, ...args], { cwd: root, stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(times.length / 2)] };
}

/** The two start-up measures the bench reports: `--version`, and a 2-replication run without charts. */
export function startUpFigures(runs = 7) {
  const out = mkdtempSync(path.join(tmpdir(), "bedsim-start-up-"));
  try {
    const scenario = path.join(root, "scenarios", "baseline.yaml");
    return {
      version: startUp(["--version"], runs),
      run: startUp(["run", scenario, "-r", "2", "--no-charts", "--json", "--out", out], runs),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { version, run } = startUpFigures();
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
  console.log(
    `bedsim --version:                   best ${ms(version.best)}, median ${ms(version.median)}`,
  );
  console.log(`run, 2 replications, --no-charts:   best ${ms(run.best)}, median ${ms(run.median)}`);
}
