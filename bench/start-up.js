/**
 * Start-up time of the command line, as a user meets it: `node bin/bedsim.js ...` started as a
 * new process each time, timed from outside (wall clock), best and median of several runs.
 * Each process also reports the CPU time it used (all its threads, at exit): on a shared
 * machine the wall clock includes waiting for a core, the CPU time much less so.
 * `node bench/start-up.js` after a build prints a small table; bench/run.js reads `startUp`.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bedsim = path.join(root, "bin", "bedsim.js");

/** Prints, as the process exits, the CPU seconds it used (user + system, every thread). */
const CPU_AT_EXIT = `data:text/javascript,${encodeURIComponent(
  'import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(2,"\\nbedsim-cpu "+(u.user+u.system)/1e6+"\\n")});',
)}`;

/**
 * Seconds of `runs` fresh processes running bedsim with `args`: best and median of the wall
 * clock, and the median CPU time.
 */
export function startUp(args, runs = 7) {
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["--import", CPU_AT_EXIT, bedsim, ...args], {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (run.status !== 0) throw new Error(`bedsim ${args.join(" ")} failed: ${run.stderr}`);
    cpu.push(Number(/bedsim-cpu (\S+)/.exec(run.stderr)?.[1]));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { best: Math.min(...times), median: median(times), cpu: median(cpu) };
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
  const line = (what, r) =>
    console.log(
      `${what.padEnd(35)}best ${ms(r.best)}, median ${ms(r.median)}; CPU time, median ${ms(r.cpu)}`,
    );
  line("bedsim --version:", version);
  line("run, 2 replications, --no-charts:", run);
}
