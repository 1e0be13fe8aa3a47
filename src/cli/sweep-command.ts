import { ReplicationPool } from "../experiment/pool.js";
import { gridPoints, runPoint } from "../experiment/sweep.js";
import { sweepTable } from "../report/sweep-table.js";
import { resultJson } from "../results/format-version.js";
import { ResultsFolder } from "../results/results-folder.js";
import type { SweepFile } from "../results/sweep.js";
import { loadScenario } from "../scenario/load.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import {
  checkedLargestCorner,
  loadAt,
  refuseIfTooBig,
  sweepFiles,
  sweepHeader,
  sweepParameters,
} from "./sweep-setup.js";

export interface SweepCommandOptions extends CommonOptions {
  vary?: string[];
  out: string;
  json?: boolean;
  charts: boolean;
}

/** `bedsim sweep <file>`: KPIs over a grid of one or two settings, with common random numbers. */
export async function sweepCommand(file: string, options: SweepCommandOptions): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const parameters = sweepParameters(loaded, options.vary);
  const grid = gridPoints(parameters);
  refuseIfTooBig(checkedLargestCorner(file, options, parameters, loaded), grid.length);
  const { seed, replications } = loaded.run;
  // Opened before simulating, so that an unusable --out is reported now, not after the runs.
  const dir = ResultsFolder.create(options.out, `sweep-${loaded.name}`);
  try {
    const progress = progressReporter(!options.json, "replications over all points");
    const points = await interruptible((signal) =>
      ReplicationPool.with(options.workers, async (pool) => {
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
            pool,
          );
          results.push({ values: point.values, kpis: point.kpis });
        }
        return results;
      }),
    ).finally(progress.finish);

    const result = { ...sweepHeader(loaded, parameters), points } satisfies SweepFile;
    const json = resultJson(result);
    const folder = dir.save(await sweepFiles("sweep", result, json, options.charts));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${sweepTable(result)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}
