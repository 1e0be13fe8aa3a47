/**
 * Performance benchmark: `npm run bench` (builds first), or `node bench/run.js` after a build.
 *
 *   --json   also print, as the last line of stdout, one JSON object with the figures
 *   --quick  100 baseline replications instead of 1,000, a 41 x 20 sweep instead of 41 x 200,
 *            and peak memory at 200 and 1,000 replications instead of 200 and 5,000 (the JSON
 *            then says so, and the 1,000-replication times are extrapolated)
 *   --only=1,4  run only the sections listed (the JSON then has only their figures)
 *
 * Sections: (1) the engine alone and the full simulation on the same M/M/150/150 loss system,
 * events per second on one core, and their ratio, and SimPy on the same system when a Python
 * with SimPy is installed (bench/simpy-loss.py; skipped, with a line saying so, otherwise);
 * (2) one baseline replication, and 1,000 on
 * 1 and 2 workers; (3) a 41-point sweep of acute beds on 2 workers; (4) start-up: new
 * processes of `bedsim --version` and of a 2-replication run without charts; (5) peak
 * resident memory of a whole run at 200 and at 5,000 replications, each in a fresh process
 * (worker threads share the process, so it covers them). Timings on a shared machine are
 * noisy: the engine and simulation are timed alternately, best of several; start-up is the
 * median of several; the long runs are measured once.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nodeFiles } from "../dist/cli/node-files.js";
import { OutcomeTable } from "../dist/experiment/outcome-table.js";
import * as pool from "../dist/experiment/pool.js";
import { runReplication } from "../dist/experiment/replication.js";
import { loadScenario } from "../dist/scenario/load.js";
import { buildPathway } from "../dist/scenario/to-pathway.js";
import { erlangB, lossPathway, runLossPathway, runLossSystem } from "./loss-system.js";
import { simpyLoss } from "./simpy-loss.js";
import { startUpFigures } from "./start-up.js";

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const quick = args.has("--quick");
const onlyArg = [...args].find((a) => a.startsWith("--only="));
const only = onlyArg ? new Set(onlyArg.slice("--only=".length).split(",").map(Number)) : undefined;
/** Whether section `n` runs. */
const section = (n) => only === undefined || only.has(n);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const baselineFile = path.join(root, "scenarios", "baseline.yaml");

const BASELINE_REPLICATIONS = quick ? 100 : 1000;
const SWEEP_POINTS = 41;
const SWEEP_REPLICATIONS = quick ? 20 : 200;
/** The ward whose beds the sweep varies: 41 values centred on today's 30. */
const SWEEP_WARD = "oakwood_ward";
const SWEEP_BEDS = Array.from({ length: SWEEP_POINTS }, (_, i) => 10 + i);
/** Replications of the two whole runs whose peak memory is compared. */
const MEMORY_REPLICATIONS = quick ? [200, 1000] : [200, 5000];

const figures = {};
const rows = [];
const row = (section, measure, value, target = "") => {
  rows.push([section, measure, value, target]);
  process.stderr.write(`  ${section}: ${measure} ${value}\n`);
};
const seconds = async (work) => {
  const start = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
};
const fixed = (x, digits) => x.toFixed(digits);
const millions = (x) => `${(x / 1e6).toFixed(2)} M`;

// 1. Engine and full model on one loss system ------------------------------------------------
if (section(1)) {
  // 150 beds at a load of 140 Erlangs: blocking about 2.8%, like a stretched acute bed base.
  // The pathway is the same system: 150 beds, mean stay 2.5 days, 140 Erlangs.
  const servers = 150;
  const load = 140;
  const arrivals = 2_000_000;
  const meanStay = 2.5;
  const pathway = lossPathway({
    beds: servers,
    arrivalsPerYear: (load / meanStay) * 365.25,
    meanStay,
    years: 40,
  });
  let best = Number.POSITIVE_INFINITY;
  let bestSim = Number.POSITIVE_INFINITY;
  let blocking = 0;
  let simBlocking = 0;
  // Alternately, so that a busy spell on a shared machine slows both rather than one.
  for (let run = 0; run < 5; run++) {
    const r = runLossSystem({ servers, load, arrivals, seed: run + 1 });
    best = Math.min(best, r.seconds / r.events);
    blocking = r.blocking;
    const p = runLossPathway(pathway, run + 1);
    bestSim = Math.min(bestSim, p.seconds / p.events);
    simBlocking = p.blocking;
  }
  figures.engine_events_per_second = Math.round(1 / best);
  figures.engine_blocking = blocking;
  figures.engine_erlang_b = erlangB(servers, load);
  figures.simulation_loss_events_per_second = Math.round(1 / bestSim);
  figures.simulation_over_engine = bestSim / best;
  row(
    "1 engine",
    `M/M/${servers}/${servers} on the event list, events/s (best of 5)`,
    millions(1 / best),
    ">= 5 M",
  );
  row(
    "1 engine",
    "  blocking, simulated vs Erlang-B",
    `${fixed(blocking, 4)} vs ${fixed(erlangB(servers, load), 4)}`,
  );
  row("1 engine", "one-ward pathway simulation, events/s (best of 5)", millions(1 / bestSim));
  row(
    "1 engine",
    "  blocking, simulated vs Erlang-B",
    `${fixed(simBlocking, 4)} vs ${fixed(erlangB(servers, load), 4)}`,
  );
  row(
    "1 engine",
    "  full model's time per event over the engine's",
    `${fixed(bestSim / best, 2)}x`,
    "<= 1.5x",
  );

  // SimPy on the same system (same servers, load and arrivals; events counted alike), in its
  // own process, best of 3 (1 with --quick): about 10 s a run for SimPy 2.
  const simpy = simpyLoss({ servers, load, arrivals, runs: quick ? 1 : 3 });
  if (simpy.skipped) {
    figures.simpy = { skipped: simpy.skipped };
    row("1 engine", "SimPy on the same system", `skipped: ${simpy.skipped}`);
  } else {
    const perSecond = simpy.events_per_second;
    figures.simpy = {
      version: simpy.simpy_version,
      api: simpy.simpy_api,
      python: simpy.python,
      interpreter: simpy.interpreter,
      events_per_second: Math.round(perSecond),
      blocking: simpy.blocking,
      erlang_b: simpy.erlang_b,
      runs: simpy.runs,
    };
    figures.engine_over_simpy = 1 / best / perSecond;
    figures.simulation_over_simpy = 1 / bestSim / perSecond;
    const runs = `best of ${simpy.runs}`;
    row(
      "1 engine",
      `SimPy ${simpy.simpy_version} (Python ${simpy.python}), same M/M/${servers}/${servers}, events/s (${runs})`,
      millions(perSecond),
    );
    row(
      "1 engine",
      "  blocking, simulated vs Erlang-B",
      `${fixed(simpy.blocking, 4)} vs ${fixed(simpy.erlang_b, 4)}${simpy.blocking_ok ? "" : " (far off!)"}`,
    );
    row("1 engine", "  bedsim's engine over SimPy, events/s", `${fixed(1 / best / perSecond, 1)}x`);
    row(
      "1 engine",
      "  bedsim's full model over SimPy, events/s",
      `${fixed(1 / bestSim / perSecond, 1)}x`,
    );
  }
}

// 2. Baseline replications ---------------------------------------------------------------------
if (section(2)) {
  const loaded = loadScenario(baselineFile, { files: nodeFiles });
  const baseline = buildPathway(loaded).pathway;
  const seed = loaded.run.seed;
  // One replication on this thread, best of several: the per-replication cost without workers.
  // (This also warms the thread up, so the 1-worker run below starts warm; workers start cold.)
  for (let i = 0; i < 5; i++) runReplication(baseline, seed, 10_000 + i);
  let best = Number.POSITIVE_INFINITY;
  let events = 0;
  for (let round = 0; round < 3; round++) {
    const { seconds: s, result } = await seconds(() => {
      let n = 0;
      for (let i = 0; i < 20; i++) n += runReplication(baseline, seed, i).events;
      return n;
    });
    best = Math.min(best, s / 20);
    events = result / 20;
  }
  figures.baseline_ms_per_replication = best * 1000;
  figures.baseline_events_per_replication = Math.round(events);
  figures.baseline_events_per_second = Math.round(events / best);
  row(
    "2 baseline",
    "one replication on this thread, ms (best of 3 x 20)",
    fixed(best * 1000, 1),
    "<= 5",
  );
  row("2 baseline", "  events per replication", Math.round(events));
  row("2 baseline", "  events/s, full model", millions(events / best));

  const indices = Array.from({ length: BASELINE_REPLICATIONS }, (_, i) => i);
  const timed = {};
  for (const workers of [1, 2]) {
    const { seconds: s } = await seconds(() =>
      pool.runReplications(baseline, seed, indices, { workers }),
    );
    timed[workers] = s;
    row(
      "2 baseline",
      `${BASELINE_REPLICATIONS} replications, ${workers} worker${workers > 1 ? "s" : ""}, s`,
      fixed(s, 2),
      workers === 2 ? (quick ? "<= 0.4 (for 100)" : "<= 4") : "",
    );
  }
  const scale = 1000 / BASELINE_REPLICATIONS;
  figures.baseline_replications = BASELINE_REPLICATIONS;
  figures.baseline_1000_reps_seconds_1_worker = timed[1] * scale;
  figures.baseline_1000_reps_seconds = timed[2] * scale;
  figures.baseline_speed_up = timed[1] / timed[2];
  if (quick) figures.baseline_extrapolated_from = BASELINE_REPLICATIONS;
  row("2 baseline", "  speed-up, 2 workers over 1", `${fixed(timed[1] / timed[2], 2)}x`);
}

// 3. Sweep ---------------------------------------------------------------------------------------
if (section(3)) {
  const indices = Array.from({ length: SWEEP_REPLICATIONS }, (_, i) => i);
  const load = (beds) => {
    const loaded = loadScenario(baselineFile, {
      set: [`services.${SWEEP_WARD}.beds=${beds}`],
      files: nodeFiles,
    });
    return { pathway: buildPathway(loaded).pathway, seed: loaded.run.seed };
  };
  // Each point's scenario is loaded inside the timing, and the worker threads stay up across
  // points, as in the sweep command.
  const { seconds: s } = await seconds(() =>
    pool.ReplicationPool.with(2, async (threads) => {
      for (const beds of SWEEP_BEDS) {
        const point = load(beds);
        const kept = new OutcomeTable();
        await threads.run(point.pathway, point.seed, indices, (o) => kept.add(o));
      }
    }),
  );
  figures.sweep_points = SWEEP_POINTS;
  figures.sweep_replications = SWEEP_REPLICATIONS;
  figures.sweep_seconds = s;
  row(
    "3 sweep",
    `${SWEEP_POINTS} values of ${SWEEP_WARD} beds x ${SWEEP_REPLICATIONS} replications, 2 workers, s`,
    fixed(s, 2),
  );
}

// 4. Start-up -----------------------------------------------------------------------------------
if (section(4)) {
  const { version, run } = startUpFigures(quick ? 3 : 7);
  figures.start_up_version_seconds = version.median;
  figures.start_up_run_seconds = run.median;
  figures.start_up_version_cpu_seconds = version.cpu;
  figures.start_up_run_cpu_seconds = run.cpu;
  row(
    "4 start-up",
    "bedsim --version, new process, s (median)",
    fixed(version.median, 3),
    "<= 0.25",
  );
  row(
    "4 start-up",
    "run, 2 replications, --no-charts, new process, s (median)",
    fixed(run.median, 3),
    "<= 0.25",
  );
  row(
    "4 start-up",
    "  CPU time of each, all threads, s (median)",
    `${fixed(version.cpu, 3)}, ${fixed(run.cpu, 3)}`,
  );
}

// 5. Memory --------------------------------------------------------------------------------------
if (section(5)) {
  const peak = {};
  for (const replications of MEMORY_REPLICATIONS) {
    const out = execFileSync(
      process.execPath,
      [path.join(root, "bench", "peak-memory.js"), String(replications)],
      { encoding: "utf8" },
    );
    peak[replications] = JSON.parse(out.trim().split("\n").pop()).peak_rss_mb;
  }
  const [small, large] = MEMORY_REPLICATIONS;
  figures.peak_rss_mb_by_replications = peak;
  figures.peak_rss_growth = peak[large] / peak[small];
  for (const replications of MEMORY_REPLICATIONS) {
    row(
      "5 memory",
      `whole run of ${replications.toLocaleString("en-GB")} replications, 2 workers, peak MB`,
      Math.round(peak[replications]),
    );
  }
  row(
    "5 memory",
    `  ${large.toLocaleString("en-GB")} over ${small} replications`,
    `${fixed(peak[large] / peak[small], 2)}x`,
    "<= 1.2x",
  );
  figures.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
  row("5 memory", "this benchmark's own peak (all threads), MB", figures.peak_rss_mb, "<= 1024");
}
if (quick) figures.quick = true;

printTable(rows);
if (json) console.log(JSON.stringify(figures));

function printTable(table) {
  const header = ["section", "measure", "value", "target"];
  const all = [header, ...table.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r) =>
    r
      .map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of all.slice(1)) console.log(line(r));
}
