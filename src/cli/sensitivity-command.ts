import { ReplicationPool } from "../experiment/pool.js";
import { runSensitivity, type SensitivityInput } from "../experiment/sensitivity.js";
import type { DatedChange } from "../model/dated-changes.js";
import { kpiDefinition } from "../model/kpi-definitions.js";
import type { Pathway } from "../model/pathway.js";
import { hasCosts } from "../model/reported-kpis.js";
import { parameterLabel } from "../report/charts/labels.js";
import { formatValue, textTable } from "../report/format.js";
import {
  renderSensitivityReport,
  SENSITIVITY_HEADER,
  sensitivityRows,
} from "../report/sensitivity-report.js";
import { resultJson } from "../results/format-version.js";
import { ResultsFolder } from "../results/results-folder.js";
import type { SensitivityFile } from "../results/sensitivity.js";
import { runHorizon } from "../scenario/horizon.js";
import { InputError, plain } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { settingProblem } from "../scenario/sweep-section.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import { manifest } from "./scenario-description.js";
import { changeInputs, checkKpiName, loadAt, refuseIfTooBig, settingValue } from "./sweep-setup.js";

export interface SensitivityCommandOptions extends CommonOptions {
  input?: string[];
  kpi?: string[];
  /** Low and high as a fraction either side of each value (0.1 = ±10%). */
  spread: number;
  out: string;
  json?: boolean;
  charts: boolean;
}

/**
 * `bedsim sensitivity <scenario>`: each input low and high, one at a time, with common random
 * numbers, ranked by its effect on the first KPI; a tornado chart for each KPI.
 */
export async function sensitivityCommand(
  file: string,
  options: SensitivityCommandOptions,
): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const { pathway } = buildPathway(loaded);
  const kpis = options.kpi?.length
    ? options.kpi
    : ["oap_bed_days", ...(hasCosts(pathway) ? ["total_cost"] : [])];
  for (const kpi of kpis) checkKpiName(loaded, kpi, { message: "--kpi: " });
  const inputs = options.input?.length
    ? options.input.map((text) => pathInput(file, options, loaded, text, options.spread))
    : defaultInputs(file, options, loaded, pathway, options.spread);
  // Every low and high value is loaded now, so a value that breaks the model is reported
  // before anything runs.
  for (const input of inputs) for (const v of [input.low, input.high]) input.pathwayAt(v);
  refuseIfTooBig(loaded, 1 + 2 * inputs.length);

  const { seed, replications } = loaded.run;
  const dir = ResultsFolder.create(options.out, `sensitivity-${loaded.name}`);
  try {
    const started = Date.now();
    const progress = progressReporter(!options.json, "replications over all runs");
    const total = (1 + 2 * inputs.length) * replications;
    let offset = 0;
    const result = await interruptible((signal) =>
      ReplicationPool.with(options.workers, (pool) =>
        runSensitivity(pathway, inputs, kpis, seed, replications, pool, {
          signal,
          onProgress: (n) => progress.update(offset + n, total),
          onPoint: (done) => {
            offset = done * replications;
          },
        }),
      ),
    ).finally(progress.finish);
    const output: SensitivityFile = {
      version: VERSION,
      seed,
      replications,
      scenario: { name: loaded.name, title: loaded.title, file: loaded.file },
      spread: options.spread,
      kpis_measured: kpis,
      base: result.base.kpis,
      inputs: result.inputs,
      ...(runSettings(options).length > 0 ? { overrides: runSettings(options) } : {}),
      manifest: { ...manifest(loaded, seed), run_at: new Date().toISOString() },
    };
    const json = resultJson(output);
    const folder = dir.save({
      "sensitivity.json": json,
      ...(options.charts ? renderSensitivityReport(output) : {}),
    });
    if (options.json) process.stdout.write(json);
    else {
      const seconds = Math.round((Date.now() - started) / 1000);
      const tables = kpis.map(
        (kpi) =>
          `${kpiDefinition(kpi).label} (${kpiDefinition(kpi).unit}), ${formatBase(output, kpi)} in the scenario; change from it with each input low and high:\n${textTable(SENSITIVITY_HEADER, sensitivityRows(output, kpi))}`,
      );
      process.stdout.write(
        `bedsim ${VERSION} · sensitivity ${loaded.name} · ${inputs.length} inputs, each low and high · ${replications} replications per run · seed ${seed} · ${seconds} s\n\n${tables.join("\n\n")}\n\nWritten to ${folder}\n`,
      );
    }
  } finally {
    dir.discard();
  }
}

function formatBase(output: SensitivityFile, kpi: string): string {
  const k = output.base[kpi];
  return k ? formatValue(kpi, k.mean) : "–";
}

/**
 * The default inputs: each cohort's arrivals and length of stay, how often discharges are
 * delayed, and the beds or places of every local service, each `spread` either side.
 */
function defaultInputs(
  file: string,
  options: SensitivityCommandOptions,
  loaded: LoadedScenario,
  pathway: Pathway,
  spread: number,
): SensitivityInput[] {
  const start = -runHorizon(loaded.run).warmUpDays;
  // A factor applied from the first simulated day, as a dated change would apply it.
  const scaled = (id: string, label: string, change: (factor: number) => DatedChange) => ({
    id,
    label,
    factor: true,
    base: 1,
    low: round(1 - spread),
    high: round(1 + spread),
    pathwayAt: (factor: number): Pathway => ({
      ...pathway,
      changes: [...pathway.changes, change(factor)],
    }),
  });
  const inputs: SensitivityInput[] = [];
  for (const c of loaded.model.cohorts) {
    const name = c.name ?? c.id;
    inputs.push(
      scaled(`arrivals.${c.id}`, `arrivals of ${name}`, (factor) => ({
        day: start,
        kind: "scale_arrivals",
        cohort: c.id,
        factor,
      })),
      scaled(`length_of_stay.${c.id}`, `length of stay of ${name}`, (factor) => ({
        day: start,
        kind: "scale_length_of_stay",
        cohort: c.id,
        factor,
      })),
    );
  }
  inputs.push(
    scaled("delays", "delayed discharges", (factor) => ({
      day: start,
      kind: "scale_delays",
      factor,
    })),
  );
  for (const s of loaded.model.services) {
    const path = ["beds", "places"]
      .map((unit) => `services.${s.id}.${unit}`)
      .find((p) => settingValue(loaded, p) !== undefined);
    const value = path ? (settingValue(loaded, path) as number) : 0;
    if (path && value > 0) inputs.push(pathInput(file, options, loaded, path, spread));
  }
  return inputs;
}

/** An input named by its path, with low and high given ("path=18..30") or `spread` around it. */
function pathInput(
  file: string,
  options: SensitivityCommandOptions,
  loaded: LoadedScenario,
  text: string,
  spread: number,
): SensitivityInput {
  const eq = text.indexOf("=");
  const path = (eq > 0 ? text.slice(0, eq) : text).trim();
  const problem = settingProblem(loaded.model, path, changeInputs(loaded));
  if (problem) throw InputError.at(undefined, `--input ${plain(text)}: ${problem}`);
  const base = settingValue(loaded, path);
  if (base === undefined)
    throw InputError.at(
      undefined,
      `--input ${plain(text)}: ${plain(path)} is not a number in this scenario; name a number, e.g. services.oakwood_ward.beds or cohorts.older_adults.arrivals_per_year`,
    );
  let low: number;
  let high: number;
  if (eq > 0) {
    const match = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*$/.exec(text.slice(eq + 1));
    if (!match || !(Number(match[1]) < Number(match[2])))
      throw InputError.at(
        undefined,
        `--input ${plain(text)}: write the low and high values as path=low..high, low first, e.g. services.oakwood_ward.beds=25..35`,
      );
    [low, high] = [Number(match[1]), Number(match[2])];
  } else if (Number.isInteger(base)) {
    // Whole numbers (beds) stay whole, and move by at least one.
    low = Math.min(base - 1, Math.round(base * (1 - spread)));
    high = Math.max(base + 1, Math.round(base * (1 + spread)));
    low = Math.max(0, low);
  } else {
    low = round(base * (1 - spread));
    high = round(base * (1 + spread));
  }
  return {
    id: path,
    label: parameterLabel(
      path,
      Object.fromEntries(
        [...loaded.model.services, ...loaded.model.cohorts].map((n) => [n.id, n.name ?? n.id]),
      ),
    ),
    base,
    low,
    high,
    pathwayAt: (value) => loadAt(file, options, { [path]: value }).pathway,
  };
}

function round(x: number): number {
  return Number(x.toPrecision(12));
}
