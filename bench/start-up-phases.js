/**
 * Where the start-up of a small run goes: the steps of `bedsim run scenarios/baseline.yaml
 * --replications 2 --no-charts` (as src/cli/run-command.ts takes them), each timed inside a
 * fresh process, `runs` processes, best and median of each step. `node bench/start-up-phases.js
 * [runs]` after a build. A step's modules are loaded in it, so "load" steps are module loading
 * and the rest is running (cold: the first call of everything compiles it).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);
const root = path.dirname(path.dirname(here));

/** One process's steps: [name, milliseconds][], the first being Node's own start. */
async function steps(out) {
  const laps = [["Node starts, to the first line of this script", performance.now()]];
  let last = performance.now();
  const lap = (name) => {
    const now = performance.now();
    laps.push([name, now - last]);
    last = now;
  };
  const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
  await dist("cli/main.js");
  lap("load the command line (commander, the model, the pool)");
  const [{ loadScenario }, { nodeFiles }, { runSettings }] = await Promise.all([
    dist("scenario/load.js"),
    dist("cli/node-files.js"),
    dist("cli/options.js"),
    dist("cli/run-command.js"),
  ]);
  lap("load the run command (zod, yaml, scenario checks)");
  const file = path.join(root, "scenarios", "baseline.yaml");
  const loaded = loadScenario(file, { files: nodeFiles, set: runSettings({ replications: 2 }) });
  lap("read and check the scenario");
  const { simulateScenario } = await dist("cli/simulate-scenario.js");
  const simulated = await simulateScenario(loaded, {});
  lap("simulate 2 replications and summarise them");
  const [files, { resultJson }] = await Promise.all([
    dist("report/run-files.js"),
    dist("results/format-version.js"),
  ]);
  const folder = {
    "summary.json": resultJson(simulated.summary),
    "replications.csv": files.replicationsCsv(simulated.outcomes.kpis()),
    "monthly.csv": files.monthlyCsv(simulated.summary),
    "financial-years.csv": files.financialYearsCsv(simulated.summary),
  };
  lap("summary.json and the CSVs, as text");
  await import("exceljs/dist/exceljs.bare.min.js");
  lap("load exceljs");
  const { runWorkbookFile, WORKBOOK } = await dist("cli/report-writers.js");
  await dist("report/workbook-files.js");
  lap("load bedsim's workbook sheets");
  folder[WORKBOOK] = await runWorkbookFile(
    simulated.summary,
    Array.from({ length: simulated.outcomes.length }, (_, i) => simulated.outcomes.kpiRow(i)),
  );
  lap("build and zip results.xlsx");
  const { ResultsFolder } = await dist("results/results-folder.js");
  ResultsFolder.create(out, "baseline").save(folder);
  lap("write the folder");
  return laps;
}

if (process.argv[2] === "--child") {
  console.log(JSON.stringify(await steps(process.argv[3])));
} else if (process.argv[1] === here) {
  const runs = Number(process.argv[2] ?? 7);
  const out = mkdtempSync(path.join(tmpdir(), "bedsim-start-up-phases-"));
  const all = [];
  try {
    for (let i = 0; i < runs; i++) {
      const text = execFileSync(process.execPath, [here, "--child", out], { encoding: "utf8" });
      all.push(JSON.parse(text.trim().split("\n").pop()));
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const width = Math.max(...all[0].map(([name]) => name.length));
  let best = 0;
  let middle = 0;
  console.log(`${"step".padEnd(width)}   best  median (ms, ${runs} processes)`);
  for (const [i, [name]] of all[0].entries()) {
    const ms = all.map((laps) => laps[i][1]);
    best += Math.min(...ms);
    middle += median(ms);
    const cells = [Math.min(...ms), median(ms)].map((x) => x.toFixed(0).padStart(6));
    console.log(`${name.padEnd(width)} ${cells.join("  ")}`);
  }
  const sums = [best, middle].map((x) => x.toFixed(0).padStart(6));
  console.log(`${"sum (process exit not included)".padEnd(width)} ${sums.join("  ")}`);
}
