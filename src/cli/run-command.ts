import { RunDirectory } from "../report/run-directory.js";
import { financialYearsCsv, monthlyCsv, replicationsCsv } from "../report/run-files.js";
import { runTable } from "../report/run-table.js";
import { renderRunReport } from "../report/write-report.js";
import { loadScenario } from "../scenario/load.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { type SimulatedScenario, simulateScenario } from "./simulate-scenario.js";

export interface RunCommandOptions extends CommonOptions {
  out: string;
  json?: boolean;
  charts: boolean;
  precision?: number;
  maxReplications?: number;
}

/** `bedsim run <scenario>`: simulate, write the output folder, print a table (or JSON). */
export async function runCommand(file: string, options: RunCommandOptions): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const progress = progressReporter(!options.json);
  const simulated = await interruptible((signal) =>
    simulateScenario(loaded, {
      workers: options.workers,
      signal,
      onProgress: progress.update,
      precision: options.precision,
      maxReplications: options.maxReplications,
    }),
  ).finally(progress.finish);
  const folder = writeRun(simulated, options.out, options.charts);
  printWarnings(simulated.summary.warnings);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(simulated.summary, null, 2)}\n`);
  } else {
    process.stdout.write(`${runTable(simulated.summary)}\n\nWritten to ${folder}\n`);
  }
}

export function printWarnings(warnings: string[]): void {
  for (const warning of warnings) process.stderr.write(`bedsim: warning: ${warning}\n`);
}

export function writeRun(simulated: SimulatedScenario, base: string, charts: boolean): string {
  const dir = new RunDirectory(base, simulated.loaded.name);
  try {
    dir.write("summary.json", `${JSON.stringify(simulated.summary, null, 2)}\n`);
    dir.write("replications.csv", replicationsCsv(simulated.outcomes));
    dir.write("monthly.csv", monthlyCsv(simulated.summary));
    dir.write("financial-years.csv", financialYearsCsv(simulated.summary));
    if (charts) writeFiles(dir, renderRunReport(simulated.summary));
    return dir.commit();
  } catch (error) {
    dir.discard();
    throw error;
  }
}

export function writeFiles(dir: RunDirectory, files: Record<string, string | Uint8Array>): void {
  for (const [name, contents] of Object.entries(files)) dir.write(name, contents);
}
