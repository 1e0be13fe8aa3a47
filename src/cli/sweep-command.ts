import { ReplicationPool } from "../experiment/pool.js";
import { estimateAt, statisticName, type Target } from "../experiment/rightsize.js";
import { gridPoints, runPoint, type SweepPointResult } from "../experiment/sweep.js";
import { sweepTable } from "../report/sweep-table.js";
import { resultJson } from "../results/format-version.js";
import { ResultsFolder } from "../results/results-folder.js";
import type { SweepFile, SweepPoint } from "../results/sweep.js";
import { loadScenario } from "../scenario/load.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { type ShardOptions, ShardRun } from "./shard-mode.js";
import {
  checkedLargestCorner,
  loadAt,
  readTargets,
  refuseIfTooBig,
  sweepFiles,
  sweepHeader,
  sweepParameters,
  wholeFinancialYears,
} from "./sweep-setup.js";

export interface SweepCommandOptions extends CommonOptions, ShardOptions {
  vary?: string[];
  target?: string[];
  out: string;
  json?: boolean;
  charts: boolean;
}

/** `bedsim sweep <file>`: KPIs over a grid of one or two settings, with common random numbers. */
export async function sweepCommand(file: string, options: SweepCommandOptions): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const shard = ShardRun.of("sweep", [file], options);
  shard?.checkSize(loaded.run.replications);
  const parameters = sweepParameters(loaded, options.vary);
  // The file's target (or --target): the values meeting every one are marked.
  const targets = readTargets(loaded, options.target);
  const years = targets.some((t) => t.percentile !== undefined) ? wholeFinancialYears(loaded) : [];
  const grid = gridPoints(parameters);
  refuseIfTooBig(checkedLargestCorner(file, options, parameters, loaded), grid.length);
  const { seed, replications } = loaded.run;
  // Opened before simulating, so that an unusable --out is reported now, not after the runs.
  const name = `sweep-${loaded.name}`;
  const dir = ResultsFolder.create(options.out, shard?.folderName(name) ?? name);
  try {
    const progress = progressReporter(!options.json, "replications over all points");
    const points = await interruptible((signal) =>
      ReplicationPool.with(options.workers, async (pool) => {
        const runner = shard?.over(pool) ?? options.merging?.runner ?? pool;
        const results = [];
        for (const [i, values] of grid.entries()) {
          const offset = i * replications;
          const point = await runPoint(
            values,
            loadAt(file, options, values).pathway,
            seed,
            replications,
            {
              signal,
              onProgress: (n) => progress.update(offset + n, grid.length * replications),
            },
            runner,
          );
          results.push(judgedPoint(point, targets, years));
        }
        return results;
      }),
    ).finally(progress.finish);
    if (shard) return void shard.save(dir, [loaded]);

    const described = targets.map((t) => ({ ...t, statistic: statisticName(t) }));
    const result = {
      ...sweepHeader(loaded, parameters, runSettings(options), options.merging?.runAt),
      ...(described.length > 0 ? { target: described[0], targets: described } : {}),
      points,
    } satisfies SweepFile;
    const json = resultJson(result);
    const folder = dir.save(await sweepFiles("sweep", result, json, options.charts));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${sweepTable(result)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

/**
 * A point as written, with each target's statistic where it is not a plain mean (a
 * percentile is taken over single financial years, as right-sizing judges it).
 */
function judgedPoint(point: SweepPointResult, targets: Target[], years: number[]): SweepPoint {
  const result: SweepPoint = { values: point.values, kpis: point.kpis };
  if (targets.length === 0) return result;
  const estimates = targets.map((t) => {
    const { estimate, ci95 } = estimateAt(point, t, years);
    return { estimate, ci95 };
  });
  if (targets[0].percentile !== undefined) result.target_estimate = estimates[0];
  if (targets.length > 1) result.target_estimates = estimates;
  return result;
}
