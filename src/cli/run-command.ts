import { dayNumberOf, providerSpells } from "../backtest/provider-spells.js";
import { extractCsv } from "../data/write-extract.js";
import { poolRunner } from "../experiment/shard-runners.js";
import { simulate } from "../model/simulation.js";
import { SpellLog } from "../model/spell-log.js";
import {
  costByYearCsv,
  financialYearsCsv,
  monthlyCsv,
  replicationsCsv,
} from "../report/run-files.js";
import { runTable } from "../report/run-table.js";
import { resultJson } from "../results/format-version.js";
import { type FolderFiles, ResultsFolder } from "../results/results-folder.js";
import type { RunSummaryFile } from "../results/run-summary.js";
import { loadScenario } from "../scenario/load.js";
import type { LoadedScenario } from "../scenario/scenario-types.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { renderRunReport, runWorkbookFile, WORKBOOK } from "./report-writers.js";
import { type ShardOptions, ShardRun } from "./shard-mode.js";
import { type SimulatedScenario, simulateScenario } from "./simulate-scenario.js";
import { startCensusCsv, staysCsv } from "./spell-files.js";
import { printWarnings } from "./warning-text.js";

export interface RunCommandOptions extends CommonOptions, ShardOptions {
  out: string;
  json?: boolean;
  charts: boolean;
  precision?: number;
  maxReplications?: number;
  writeSpells?: boolean;
}

/** `bedsim run <scenario>`: simulate, write the output folder, print a table (or JSON). */
export async function runCommand(file: string, options: RunCommandOptions): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const shard = ShardRun.of("run", [file], options);
  shard?.checkSize(loaded.run.replications);
  // Opened before simulating, so that an unusable --out is reported now, not after the run.
  const dir = ResultsFolder.create(options.out, shard?.folderName(loaded.name) ?? loaded.name);
  try {
    const progress = progressReporter(!options.json);
    const simulated = await interruptible((signal) =>
      simulateScenario(loaded, {
        workers: options.workers,
        signal,
        onProgress: progress.update,
        precision: options.precision,
        maxReplications: options.maxReplications,
        runner: shard?.over(poolRunner(options.workers)) ?? options.merging?.runner,
        runAt: options.merging?.runAt,
      }),
    ).finally(progress.finish);
    if (shard) return void shard.save(dir, [loaded]);
    const json = resultJson(simulated.summary satisfies RunSummaryFile);
    const folder = dir.save({
      ...(await runFiles(simulated, json, options.charts)),
      ...(options.writeSpells ? spellFiles(loaded) : {}),
    });
    printWarnings(simulated.summary.warnings);
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${runTable(simulated.summary)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

/**
 * A run's folder: summary.json (`json`), the CSVs, results.xlsx and (unless --no-charts) the
 * charts and report.
 */
async function runFiles(
  simulated: SimulatedScenario,
  json: string,
  charts: boolean,
): Promise<FolderFiles> {
  const costs = costByYearCsv(simulated.summary);
  return {
    "summary.json": json,
    "replications.csv": replicationsCsv(simulated.outcomes.kpis()),
    "monthly.csv": monthlyCsv(simulated.summary),
    "financial-years.csv": financialYearsCsv(simulated.summary),
    ...(costs ? { "cost-by-year.csv": costs } : {}),
    [WORKBOOK]: await runWorkbookFile(
      simulated.summary,
      Array.from({ length: simulated.outcomes.length }, (_, i) => simulated.outcomes.kpiRow(i)),
    ),
    ...(charts ? await renderRunReport(simulated.summary) : {}),
  };
}

/**
 * --write-spells: the first replication run again with a spell log (a replication is a pure
 * function of pathway, seed and index, so it is the very one in the results), written as a
 * spell extract bedsim reads back (hospital spells of the results period), every stay in
 * every service, and the census on the start date.
 */
function spellFiles(loaded: LoadedScenario): FolderFiles {
  const { pathway } = buildPathway(loaded);
  const log = new SpellLog();
  simulate(pathway, loaded.run.seed, 0, log);
  const start = dayNumberOf(pathway, 0);
  const spells = providerSpells(log.spells, pathway).filter(
    (s) => s.discharged === undefined || s.discharged >= start,
  );
  return {
    "spells.csv": extractCsv(
      spells,
      {},
      `SYNTHETIC: the simulated spells of replication 1 of ${loaded.name} (seed ${loaded.run.seed}); no real person is in it.`,
    ),
    "stays.csv": staysCsv(log.spells, pathway),
    "census.csv": startCensusCsv(log.spells, pathway),
  };
}
