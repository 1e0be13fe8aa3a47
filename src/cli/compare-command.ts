import { compareOutcomes } from "../experiment/comparison.js";
import { poolRunner } from "../experiment/shard-runners.js";
import { calendarOf } from "../model/calendar.js";
import { differencesCsv } from "../report/compare-files.js";
import { compareTable } from "../report/compare-table.js";
import type { CompareFile } from "../results/compare.js";
import { resultJson } from "../results/format-version.js";
import { type FolderFiles, ResultsFolder } from "../results/results-folder.js";
import { InputError } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { largestRun } from "../scenario/run-limits.js";
import { VERSION } from "../version.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { compareWorkbookFile, renderCompareReport, WORKBOOK } from "./report-writers.js";
import { type ShardOptions, ShardRun } from "./shard-mode.js";
import { type SimulatedScenario, simulateScenario } from "./simulate-scenario.js";
import { refuseIfTooBig } from "./sweep-setup.js";
import { printWarnings } from "./warning-text.js";

export interface CompareCommandOptions extends CommonOptions, ShardOptions {
  out: string;
  json?: boolean;
  charts: boolean;
}

/**
 * `bedsim compare <baseline> <scenario>…`: every scenario runs with the baseline's seed and
 * replications, so replication i meets the same people everywhere and each KPI's difference
 * is paired replication by replication.
 */
export async function compareCommand(
  baselineFile: string,
  scenarioFiles: string[],
  options: CompareCommandOptions,
): Promise<void> {
  const baseline = loadScenario(baselineFile, { set: runSettings(options), files: nodeFiles });
  const shard = ShardRun.of("compare", [baselineFile, ...scenarioFiles], options);
  shard?.checkSize(baseline.run.replications);
  const { seed, replications } = baseline.run;
  const scenarios = scenarioFiles.map((file) => {
    const loaded = loadScenario(file, {
      set: [...(options.set ?? []), `run.seed=${seed}`, `run.replications=${replications}`],
      files: nodeFiles,
    });
    checkSamePeriod(baseline, loaded);
    return loaded;
  });

  // Every scenario runs as many replications as the baseline, but may be much bigger.
  refuseIfTooBig(largestRun([baseline, ...scenarios]), 1 + scenarios.length, "compare");
  // Opened before simulating, so that an unusable --out is reported now, not after the runs.
  const name = folderName(baseline, scenarios);
  const dir = ResultsFolder.create(options.out, shard?.folderName(name) ?? name);
  try {
    const total = replications * (1 + scenarios.length);
    const progress = progressReporter(!options.json);
    const runs = await interruptible(async (signal) => {
      const done: SimulatedScenario[] = [];
      for (const loaded of [baseline, ...scenarios]) {
        const offset = done.length * replications;
        done.push(
          await simulateScenario(loaded, {
            workers: options.workers,
            signal,
            onProgress: (n) => progress.update(offset + n, total),
            runner: shard?.over(poolRunner(options.workers)) ?? options.merging?.runner,
            runAt: options.merging?.runAt,
          }),
        );
      }
      return done;
    }).finally(progress.finish);
    if (shard) return void shard.save(dir, [baseline, ...scenarios]);

    const [base, ...others] = runs;
    const years = calendarOf(base.pathway).financialYears;
    const result = {
      version: VERSION,
      seed,
      replications,
      baseline: base.summary,
      scenarios: others.map((run) => ({
        name: run.loaded.name,
        summary: run.summary,
        ...compareOutcomes(years, base.outcomes, run.outcomes),
      })),
    } satisfies CompareFile;
    const json = resultJson(result);
    const folder = dir.save(await compareFiles(result, json, options.charts));
    printWarnings(runs.flatMap((r) => r.summary.warnings.map((w) => `${r.loaded.name}: ${w}`)));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${compareTable(result)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

/** Paired differences only make sense over the same days: same start, years and warm-up. */
function checkSamePeriod(baseline: LoadedScenario, other: LoadedScenario): void {
  const period = (s: LoadedScenario) =>
    `${s.run.years} years from ${s.run.start} after ${s.run.warm_up_days} warm-up days`;
  if (period(baseline) !== period(other)) {
    throw InputError.at(
      other.file,
      `this scenario runs ${period(other)} but the baseline runs ${period(baseline)}; a comparison needs the same period. Make its run: block match the baseline's (or have it extend the baseline).`,
    );
  }
}

function folderName(baseline: LoadedScenario, scenarios: LoadedScenario[]): string {
  return `compare-${baseline.name}-vs-${scenarios.map((s) => s.name).join("-")}`.slice(0, 120);
}

/**
 * compare.json (`json`), differences.csv, results.xlsx and (unless --no-charts) the charts
 * and report.
 */
async function compareFiles(
  result: CompareFile,
  json: string,
  charts: boolean,
): Promise<FolderFiles> {
  return {
    "compare.json": json,
    "differences.csv": differencesCsv(result),
    [WORKBOOK]: await compareWorkbookFile(result),
    ...(charts ? await renderCompareReport(result) : {}),
  };
}
