import { ReplicationPool } from "../experiment/pool.js";
import {
  estimateAt,
  type RightsizeAnswer,
  type RightsizeResult,
  searchMinimum,
  searchTarget,
  statisticName,
  type Target,
} from "../experiment/rightsize.js";
import { runPoint, type SweepPointResult } from "../experiment/sweep.js";
import { kpiDefinition } from "../model/kpi-definitions.js";
import { parameterLabel, parameterValueLabel } from "../report/charts/labels.js";
import { yearlyStatisticWords } from "../report/charts/sweep.js";
import { formatRange, formatValue } from "../report/format.js";
import { sweepTable } from "../report/sweep-table.js";
import { resultJson } from "../results/format-version.js";
import { ResultsFolder } from "../results/results-folder.js";
import type { RightsizeFile, SweepPoint } from "../results/sweep.js";
import { InputError, type Problem } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { parseTarget } from "../scenario/ranges-and-targets.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import {
  checkedLargestCorner,
  checkKpiName,
  loadAt,
  refuseIfTooBig,
  sweepFiles,
  sweepHeader,
  sweepParameters,
  wholeFinancialYears,
} from "./sweep-setup.js";

export interface RightsizeCommandOptions extends CommonOptions {
  vary?: string[];
  target?: string;
  minimise?: string;
  out: string;
  json?: boolean;
  charts: boolean;
}

/**
 * `bedsim rightsize <file>`: the smallest capacity meeting a target, or the capacity that
 * minimises a KPI, over one setting's range, found by search rather than trying every value.
 */
export async function rightsizeCommand(
  file: string,
  options: RightsizeCommandOptions,
): Promise<void> {
  const loaded = loadScenario(file, { set: runSettings(options), files: nodeFiles });
  const goal = readGoal(loaded, options);
  const parameters = sweepParameters(loaded, options.vary);
  if (parameters.length !== 1)
    throw InputError.at(
      options.vary?.length ? undefined : loaded.file,
      "rightsize searches one setting at a time; vary exactly one (use sweep for two).",
    );
  const [{ path, values }] = parameters;
  // Bisection or golden-section search visits about 2·log2(n) + 2 values at most.
  refuseIfTooBig(
    checkedLargestCorner(file, options, parameters, loaded),
    Math.min(values.length, 2 * Math.ceil(Math.log2(values.length)) + 2),
  );
  const years = wholeFinancialYears(loaded);
  if (goal.target?.percentile !== undefined && years.length === 0)
    throw InputError.at(
      loaded.file,
      "a percentile target is about whole financial years, and this run has none; run for at least one April-to-March year.",
    );

  const { seed, replications } = loaded.run;
  // Opened before simulating, so that an unusable --out is reported now, not after the search.
  const dir = ResultsFolder.create(options.out, `rightsize-${loaded.name}`);
  try {
    const progress = progressReporter(!options.json, "replications at this point");
    const search = await interruptible((signal) =>
      ReplicationPool.with(options.workers, (pool) => {
        const evaluate = (value: number) =>
          runPoint(
            { [path]: value },
            loadAt(file, options, { [path]: value }).pathway,
            seed,
            replications,
            { signal, onProgress: progress.update },
            pool,
          );
        return goal.target
          ? searchTarget(values, evaluate, goal.target, years)
          : searchMinimum(values, evaluate, goal.minimise as string);
      }),
    ).finally(progress.finish);

    const output = rightsizeOutput(loaded, path, goal, search, years);
    const json = resultJson(output);
    const folder = dir.save(await sweepFiles("rightsize", output, json, options.charts));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${rightsizeText(output, path)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

/** The target or KPI to minimise, from the options or the file's sweep: section. */
function readGoal(
  loaded: LoadedScenario,
  options: RightsizeCommandOptions,
): { target?: Target; minimise?: string } {
  const fromFile = loaded.sweep?.spec;
  const optionWhere = (name: string): Problem => ({ message: `${name}: ` });
  if (options.target && options.minimise)
    throw InputError.at(undefined, "give either --target or --minimise, not both.");
  if (options.target || (!options.minimise && fromFile?.target)) {
    const text = options.target ?? (fromFile?.target as string);
    const where = options.target
      ? optionWhere("--target")
      : (loaded.sweep?.locate(["target"], "") as Problem);
    const target = parseTarget(text);
    if (typeof target === "string")
      throw new InputError([{ ...where, message: `${where.message}${target}` }]);
    checkKpiName(loaded, target.kpi, where);
    return { target };
  }
  const minimise = options.minimise ?? fromFile?.minimise;
  if (!minimise)
    throw InputError.at(
      undefined,
      'say what to aim for: --target "oap_bed_days <= 100" (optionally "at p90") or --minimise total_cost, or put target: or minimise: in the file\'s sweep: section.',
    );
  checkKpiName(
    loaded,
    minimise,
    options.minimise
      ? optionWhere("--minimise")
      : (loaded.sweep?.locate(["minimise"], "") as Problem),
  );
  return { minimise };
}

function rightsizeOutput(
  loaded: LoadedScenario,
  path: string,
  goal: { target?: Target; minimise?: string },
  search: RightsizeResult,
  years: number[],
): RightsizeFile {
  const explored: SweepPoint[] = search.explored.map((point) =>
    exploredPoint(point, goal.target, years),
  );
  const answer = (a: RightsizeAnswer | undefined) =>
    a ? { ...exploredPoint(a.point, goal.target, years), estimate: a.estimate } : null;
  return {
    ...sweepHeader(loaded, [{ path, values: [] }]),
    ...(goal.target ? { target: { ...goal.target, statistic: statisticName(goal.target) } } : {}),
    ...(goal.minimise ? { minimise: goal.minimise } : {}),
    answer: answer(search.answer),
    ...(goal.target ? { confident_answer: answer(search.confidentAnswer) } : {}),
    ...(search.nearOptimal ? { near_optimal: search.nearOptimal } : {}),
    note: search.note,
    points: explored,
    explored,
  };
}

function exploredPoint(
  point: SweepPointResult,
  target: Target | undefined,
  years: number[],
): SweepPoint {
  const result: SweepPoint = { values: point.values, kpis: point.kpis };
  if (target?.percentile !== undefined) {
    const { estimate, ci95 } = estimateAt(point, target, years);
    result.target_estimate = { estimate, ci95 };
  }
  return result;
}

function rightsizeText(output: RightsizeFile, path: string): string {
  const kpi = output.target?.kpi ?? (output.minimise as string);
  const describe = (a: NonNullable<RightsizeFile["answer"]>) =>
    `${parameterValueLabel(path, a.values[path], output.names)}: ${kpiDefinition(kpi).label.toLowerCase()}, ${a.estimate.statistic === "mean" ? "mean" : yearlyStatisticWords(a.estimate.statistic)}, ${formatValue(kpi, a.estimate.estimate)} (95% interval ${formatRange(kpi, a.estimate.ci95)})`;
  const lines = [
    `bedsim ${output.version} · rightsize ${output.scenario.name} · ${output.replications} replications per value · seed ${output.seed}`,
    output.target
      ? `Target: ${kpiDefinition(output.target.kpi).label.toLowerCase()} ${output.target.operator} ${formatValue(output.target.kpi, output.target.value)}, ${output.target.statistic === "mean" ? "on average" : yearlyStatisticWords(output.target.statistic)}`
      : `Minimise: ${kpiDefinition(output.minimise as string).label.toLowerCase()}, mean across replications`,
    "",
    output.answer ? `Answer: ${describe(output.answer)}` : "No answer in this range.",
  ];
  if (output.target) {
    lines.push(
      output.confident_answer
        ? `Met even at the unfavourable end of the 95% interval: ${describe(output.confident_answer)}`
        : "No value in the range meets the target at the unfavourable end of its 95% interval.",
    );
  }
  if (output.near_optimal && output.near_optimal.length > 1)
    lines.push(
      `Within noise of the optimum (paired 95% interval includes zero): ${parameterLabel(path, output.names)} = ${output.near_optimal.join(", ")}`,
    );
  lines.push(output.note, "", "Values explored:", sweepTable(output, [kpi]));
  return lines.join("\n");
}
