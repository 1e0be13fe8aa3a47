import { ReplicationPool } from "../experiment/pool.js";
import type { KpiSummary } from "../experiment/run-summary.js";
import { gridPoints, runPoint, type SweepParameter } from "../experiment/sweep.js";
import { RunDirectory } from "../report/run-directory.js";
import { sweepCsv, sweepTable } from "../report/sweep-table.js";
import { renderSweepReport } from "../report/write-report.js";
import { InputError } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { type JobKind, largestRun, runSizeProblems } from "../scenario/run-limits.js";
import { VERSION } from "../version.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { writeFiles } from "./run-command.js";
import { manifest } from "./scenario-description.js";
import { checkCorners, loadAt, sweepParameters } from "./sweep-setup.js";

export interface SweepCommandOptions extends CommonOptions {
  vary?: string[];
  out: string;
  json?: boolean;
  charts: boolean;
}

/** sweep.json (and the start of rightsize.json): what was varied and the KPIs at each point. */
export interface SweepResult {
  version: string;
  seed: number;
  replications: number;
  scenario: { name: string; title: string; file: string };
  parameters: string[];
  /** Display names of the services and cohorts varied, for the report ("Oakwood (men)"). */
  names: Record<string, string>;
  points: { values: Record<string, number>; kpis: Record<string, KpiSummary> }[];
  manifest: ReturnType<typeof manifest> & { run_at: string };
}

/** `bedsim sweep <file>`: KPIs over a grid of one or two settings, with common random numbers. */
export async function sweepCommand(file: string, options: SweepCommandOptions): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const parameters = sweepParameters(loaded, options.vary);
  checkCorners(file, options, parameters);
  const grid = gridPoints(parameters);
  refuseIfTooBig(largestCorner(file, options, parameters, loaded), grid.length);
  const { seed, replications } = loaded.run;
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

  const result: SweepResult = { ...sweepHeader(loaded, parameters), points };
  const folder = writeSweep("sweep", result, options);
  if (options.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else process.stdout.write(`${sweepTable(result)}\n\nWritten to ${folder}\n`);
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

/** Writes `<kind>.json`, points.csv and (unless --no-charts) the charts and report. */
export function writeSweep(
  kind: "sweep" | "rightsize",
  result: SweepResult,
  options: { out: string; charts: boolean },
): string {
  const dir = new RunDirectory(options.out, `${kind}-${result.scenario.name}`);
  try {
    dir.write(`${kind}.json`, `${JSON.stringify(result, null, 2)}\n`);
    dir.write("points.csv", sweepCsv(result));
    if (options.charts) writeFiles(dir, renderSweepReport(result));
    return dir.commit();
  } catch (error) {
    dir.discard();
    throw error;
  }
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
