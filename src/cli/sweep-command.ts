import { ReplicationPool } from "../experiment/pool.js";
import { gridPoints, runPoint, type SweepParameter } from "../experiment/sweep.js";
import { sweepCsv, sweepTable } from "../report/sweep-table.js";
import { renderSweepReport } from "../report/write-report.js";
import { resultJson } from "../results/format-version.js";
import { type FolderFiles, ResultsFolder } from "../results/results-folder.js";
import type { SweepFile } from "../results/sweep.js";
import { InputError } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { type JobKind, largestRun, runSizeProblems } from "../scenario/run-limits.js";
import { VERSION } from "../version.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { manifest } from "./scenario-description.js";
import { checkCorners, loadAt, sweepParameters } from "./sweep-setup.js";

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
  checkCorners(file, options, parameters);
  const grid = gridPoints(parameters);
  refuseIfTooBig(largestCorner(file, options, parameters, loaded), grid.length);
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
    const folder = dir.save(sweepFiles("sweep", result, json, options.charts));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${sweepTable(result)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

export function sweepHeader(loaded: LoadedScenario, parameters: SweepParameter[]) {
  return {
    version: VERSION,
    seed: loaded.run.seed,
    replications: loaded.run.replications,
    scenario: { name: loaded.name, title: loaded.title, file: loaded.file },
    parameters: parameters.map((p) => p.path),
    names: displayNames(loaded, parameters),
    manifest: { ...manifest(loaded, loaded.run.seed), run_at: new Date().toISOString() },
  };
}

/** Names from the model for the services and cohorts whose settings are varied. */
function displayNames(
  loaded: LoadedScenario,
  parameters: SweepParameter[],
): Record<string, string> {
  const named = [...loaded.model.services, ...loaded.model.cohorts];
  const names: Record<string, string> = {};
  for (const { path } of parameters) {
    const id = path.split(".").at(-2);
    const name = named.find((n) => n.id === id)?.name;
    if (id && name) names[id] = name;
  }
  return names;
}

/** `<kind>.json` (`json`), points.csv and (unless --no-charts) the charts and report. */
export function sweepFiles(
  kind: "sweep" | "rightsize",
  result: SweepFile,
  json: string,
  charts: boolean,
): FolderFiles {
  return {
    [`${kind}.json`]: json,
    "points.csv": sweepCsv(result),
    ...(charts ? renderSweepReport(result) : {}),
  };
}

/**
 * The biggest run of a sweep, from the file and the corners of its grid: a swept setting
 * (arrivals, years, readmission shares, replications) can make one end of its range far
 * bigger than the file's own value.
 */
export function largestCorner(
  file: string,
  options: CommonOptions & { vary?: string[] },
  parameters: SweepParameter[],
  loaded: LoadedScenario,
): LoadedScenario {
  const ends = parameters.map(({ path, values }) => ({
    path,
    values: [values[0], values[values.length - 1]],
  }));
  const corners = gridPoints(ends).map((values) =>
    loadScenario(file, {
      set: runSettings(options),
      sweepPoint: { values, vary: options.vary },
      files: nodeFiles,
    }),
  );
  return largestRun([loaded, ...corners]);
}

/** The same limits as a single run, for the whole job of `points` runs. */
export function refuseIfTooBig(loaded: LoadedScenario, points: number, job?: JobKind): void {
  const problems = runSizeProblems(loaded, points, job);
  if (problems.length > 0) throw new InputError(problems);
}
