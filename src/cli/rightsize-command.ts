import { type AllocationResult, greedyAllocation } from "../experiment/greedy-allocation.js";
import { ReplicationPool } from "../experiment/pool.js";
import {
  type Estimate,
  estimateAt,
  meets,
  type RightsizeAnswer,
  type RightsizeResult,
  searchMinimum,
  searchTarget,
  statisticName,
  type Target,
} from "../experiment/rightsize.js";
import { runPoint, type SweepParameter, type SweepPointResult } from "../experiment/sweep.js";
import { kpiDefinition, kpiParts } from "../model/kpi-definitions.js";
import { parameterLabel, parameterValueLabel } from "../report/charts/labels.js";
import { yearlyStatisticWords } from "../report/charts/sweep.js";
import { formatRange, formatValue, textTable } from "../report/format.js";
import { sweepTable } from "../report/sweep-table.js";
import { resultJson } from "../results/format-version.js";
import { ResultsFolder } from "../results/results-folder.js";
import type { RightsizeFile, SweepPoint } from "../results/sweep.js";
import { InputError, type Problem } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { MAX_VARIED } from "../scenario/schema.js";
import { interruptible } from "./interrupt.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";
import {
  checkedLargestCorner,
  checkKpiName,
  loadAt,
  readTargets,
  refuseIfTooBig,
  settingValue,
  sweepFiles,
  sweepHeader,
  sweepParameters,
  wholeFinancialYears,
} from "./sweep-setup.js";

export interface RightsizeCommandOptions extends CommonOptions {
  vary?: string[];
  target?: string[];
  minimise?: string;
  /** Most replications a search over several settings may run, its final check included. */
  budget?: number;
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
  const parameters = sweepParameters(loaded, options.vary, MAX_VARIED);
  if (parameters.length > 1) return allocationCommand(file, options, loaded, goal, parameters);
  if (options.budget !== undefined)
    throw InputError.at(
      undefined,
      "--budget: a search over one setting needs no budget (it visits about 2·log2(n) values); vary several settings to search them together within a budget.",
    );
  const [{ path, values }] = parameters;
  // Bisection or golden-section search visits about 2·log2(n) + 2 values at most.
  refuseIfTooBig(
    checkedLargestCorner(file, options, parameters, loaded),
    Math.min(values.length, 2 * Math.ceil(Math.log2(values.length)) + 2),
  );
  const years = yearsFor(loaded, goal);

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
        return goal.targets.length > 0
          ? searchTarget(values, evaluate, goal.targets, years)
          : searchMinimum(values, evaluate, goal.minimise as string);
      }),
    ).finally(progress.finish);

    const output = rightsizeOutput(loaded, path, goal, search, years, runSettings(options));
    const json = resultJson(output);
    const folder = dir.save(await sweepFiles("rightsize", output, json, options.charts));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${rightsizeText(output, path)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

/**
 * The targets (all must hold) and the KPI to minimise, from the options or the file's sweep:
 * section. With targets and a KPI, a search over several settings looks for the least of the
 * KPI among the points that meet every target; over one setting, targets take precedence.
 */
function readGoal(loaded: LoadedScenario, options: RightsizeCommandOptions): Goal {
  const fromFile = loaded.sweep?.spec;
  const several = (options.vary?.length ?? Object.keys(fromFile?.vary ?? {}).length) > 1;
  // Over one setting, --minimise on the command line sets aside the file's targets.
  const targets =
    !several && options.minimise && !options.target?.length
      ? []
      : readTargets(loaded, options.target);
  const minimise = options.minimise ?? fromFile?.minimise;
  if (options.target?.length && options.minimise && !several)
    throw InputError.at(
      undefined,
      "give either --target or --minimise, not both, for a search over one setting (over several settings, give both for the least of the KPI that meets the targets).",
    );
  if (targets.length === 0 && !minimise)
    throw InputError.at(
      undefined,
      'say what to aim for: --target "oap_bed_days <= 100" (optionally "at p90"; repeat --target for several) or --minimise total_cost, or put target: or minimise: in the file\'s sweep: section.',
    );
  if (minimise)
    checkKpiName(
      loaded,
      minimise,
      options.minimise
        ? { message: "--minimise: " }
        : (loaded.sweep?.locate(["minimise"], "") as Problem),
    );
  return { targets, ...(minimise ? { minimise } : {}) };
}

interface Goal {
  targets: Target[];
  minimise?: string;
}

/** Whole financial years for percentile targets; refused when a percentile has none. */
function yearsFor(loaded: LoadedScenario, goal: Goal): number[] {
  const years = wholeFinancialYears(loaded);
  if (goal.targets.some((t) => t.percentile !== undefined) && years.length === 0)
    throw InputError.at(
      loaded.file,
      "a percentile target is about whole financial years, and this run has none; run for at least one April-to-March year.",
    );
  return years;
}

/**
 * Several settings together (beds on a group of wards): greedy marginal allocation from the
 * file's values, within the --budget of replications, and a final check of the answer.
 */
async function allocationCommand(
  file: string,
  options: RightsizeCommandOptions,
  loaded: LoadedScenario,
  goal: Goal,
  parameters: SweepParameter[],
): Promise<void> {
  if (goal.targets.length === 0 && !goal.minimise)
    throw InputError.at(undefined, "say what to aim for: --target or --minimise.");
  const { seed, replications } = loaded.run;
  const budget = options.budget ?? defaultBudget(parameters.length, replications);
  if (budget < replications)
    throw InputError.at(
      undefined,
      `--budget ${budget}: at least one point of ${replications} replications is needed; give --budget ${replications * 10} or more.`,
    );
  refuseIfTooBig(
    checkedLargestCorner(file, options, parameters, loaded),
    Math.floor(budget / replications),
  );
  const years = yearsFor(loaded, goal);
  const start = Object.fromEntries(
    parameters.map((p) => [p.path, settingValue(loaded, p.path) ?? p.values[p.values.length - 1]]),
  );
  const dir = ResultsFolder.create(options.out, `rightsize-${loaded.name}`);
  try {
    const progress = progressReporter(!options.json, "replications at this point");
    const search = await interruptible((signal) =>
      ReplicationPool.with(options.workers, (pool) =>
        greedyAllocation({
          settings: parameters,
          start,
          goal,
          years,
          replications,
          budget,
          evaluate: (values, first) =>
            runPoint(
              values,
              loadAt(file, options, values).pathway,
              seed,
              replications,
              { signal, onProgress: progress.update },
              pool,
              first,
            ),
        }),
      ),
    ).finally(progress.finish);
    const output = allocationOutput(loaded, parameters, goal, search, years, budget, options);
    const json = resultJson(output);
    const folder = dir.save(await sweepFiles("rightsize", output, json, options.charts));
    if (options.json) process.stdout.write(json);
    else process.stdout.write(`${allocationText(output)}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

/**
 * Enough for about twenty steps, each trying every setting one step on, and the final check;
 * a search that needs more says so and asks for a larger --budget.
 */
function defaultBudget(settings: number, replications: number): number {
  return replications * (20 + 20 * settings);
}

function allocationOutput(
  loaded: LoadedScenario,
  parameters: SweepParameter[],
  goal: Goal,
  search: AllocationResult,
  years: number[],
  budget: number,
  options: RightsizeCommandOptions,
): RightsizeFile {
  const targets = goal.targets.map((t) => ({ ...t, statistic: statisticName(t) }));
  const pointOf = (point: SweepPointResult): SweepPoint => ({
    values: point.values,
    kpis: point.kpis,
    ...(goal.targets.length > 0
      ? {
          target_estimates: goal.targets.map((t) => {
            const { estimate, ci95 } = estimateAt(point, t, years);
            return { estimate, ci95 };
          }),
        }
      : {}),
  });
  const explored = search.explored.map(pointOf);
  const answerEstimates = search.answer
    ? goal.targets.length > 0
      ? goal.targets.map((t) => estimateAt(search.answer as SweepPointResult, t, years))
      : [minimisedEstimate(search.answer, goal.minimise as string)]
    : [];
  const check = search.finalCheck;
  return {
    ...sweepHeader(loaded, parameters, runSettings(options)),
    ...(targets.length > 0 ? { target: targets[0], targets } : {}),
    ...(goal.minimise ? { minimise: goal.minimise } : {}),
    answer: search.answer
      ? { ...pointOf(search.answer), estimate: answerEstimates[0], estimates: answerEstimates }
      : null,
    note: search.note,
    points: explored,
    explored,
    search: {
      method: "greedy marginal allocation with common random numbers",
      objective: goal.minimise ? `mean ${goal.minimise}` : "total of the settings",
      budget,
      replications_used: search.replicationsUsed,
      steps: search.steps,
      neighbours: search.neighbours,
    },
    ...(check
      ? {
          final_check: {
            first_replication: check.firstReplication,
            replications: loaded.run.replications,
            estimates: check.estimates.map((e, i) => ({
              ...e,
              kpi: goal.targets[i].kpi,
              met: meets(goal.targets[i], e.estimate),
            })),
            met: check.met,
            met_confidently: check.metConfidently,
            kpis: check.point.kpis,
          },
        }
      : {}),
  };
}

function minimisedEstimate(point: SweepPointResult, kpi: string): Estimate {
  const k = point.kpis[kpi];
  return { statistic: "mean", estimate: k.mean, ci95: [k.ci95[0], k.ci95[1]] };
}

/** The search in words: the goal, the answer, the path it took and the final check. */
function allocationText(output: RightsizeFile): string {
  const targets = output.targets ?? [];
  const search = output.search;
  const label = (path: string, value: number) => parameterValueLabel(path, value, output.names);
  const where = (values: Record<string, number>) =>
    output.parameters.map((p) => label(p, values[p])).join(", ");
  const targetWords = (t: (typeof targets)[number]) =>
    `${kpiDefinition(t.kpi).label.toLowerCase()} ${t.operator} ${formatValue(t.kpi, t.value)}, ${t.statistic === "mean" ? "on average" : yearlyStatisticWords(t.statistic)}`;
  const lines = [
    `bedsim ${output.version} · rightsize ${output.scenario.name} · ${output.replications} replications per point · seed ${output.seed}`,
    ...targets.map((t) => `Target: ${targetWords(t)}`),
    output.minimise
      ? `Minimise: ${kpiDefinition(output.minimise).label.toLowerCase()}, mean across replications`
      : "Minimise: the total of the settings (fewest beds)",
    ...(output.overrides?.length ? [`Overrides: ${output.overrides.join(" ")}`] : []),
    "",
    output.answer ? `Answer: ${where(output.answer.values)}` : "No answer within the ranges.",
    output.note,
  ];
  if (search) {
    lines.push("", "Path taken:");
    const short = (path: string) => {
      const id = path.split(".").at(-2) ?? path;
      return output.names?.[id] ?? id;
    };
    const header = [
      "step",
      "move",
      ...output.parameters.map(short),
      ...targets.map((t) => `${kpiParts(t.kpi)?.id ?? t.kpi} ${t.statistic}`),
      output.minimise ?? "total",
      "met",
    ];
    const rows = search.steps.map((step, i) => {
      const moved = output.parameters.find(
        (p) => i > 0 && step.values[p] !== search.steps[i - 1].values[p],
      );
      return [
        String(i),
        moved
          ? `${short(moved)} ${search.steps[i - 1].values[moved]} → ${step.values[moved]}`
          : "start",
        ...output.parameters.map((p) => String(step.values[p])),
        ...step.estimates.map((e, j) => formatValue(targets[j]?.kpi ?? "", e.estimate)),
        formatValue(output.minimise ?? "", step.objective),
        step.met ? "yes" : "no",
      ];
    });
    lines.push(textTable(header, rows));
    const below = search.neighbours.map(
      (n) =>
        `  ${label(n.path, n.value)}: ${n.met ? `targets still met, but ${output.minimise ? kpiDefinition(output.minimise).label.toLowerCase() : "the total"} is ${formatValue(output.minimise ?? "", n.objective)}` : "breaks a target"}`,
    );
    if (below.length > 0) lines.push("", "One step below the answer:", ...below);
  }
  const check = output.final_check;
  if (check) {
    lines.push(
      "",
      `Final check with fresh replications ${check.first_replication} to ${check.first_replication + check.replications - 1}: ${check.met ? "every target met" : "a target is NOT met"}${check.met ? (check.met_confidently ? ", even at the unfavourable end of every 95% interval" : ", though not at the unfavourable end of every 95% interval") : ""}.`,
      ...check.estimates.map(
        (e) =>
          `  ${kpiDefinition(e.kpi).label}, ${e.statistic === "mean" ? "mean" : yearlyStatisticWords(e.statistic)}: ${formatValue(e.kpi, e.estimate)} (95% interval ${formatRange(e.kpi, e.ci95)})${e.met ? "" : " — misses the target"}`,
      ),
    );
  }
  return lines.join("\n");
}

function rightsizeOutput(
  loaded: LoadedScenario,
  path: string,
  goal: Goal,
  search: RightsizeResult,
  years: number[],
  overrides: string[],
): RightsizeFile {
  const { targets } = goal;
  const explored: SweepPoint[] = search.explored.map((point) =>
    exploredPoint(point, targets, years),
  );
  const answer = (a: RightsizeAnswer | undefined) =>
    a
      ? {
          ...exploredPoint(a.point, targets, years),
          estimate: a.estimate,
          ...(targets.length > 1 ? { estimates: a.estimates } : {}),
        }
      : null;
  const described = targets.map((t) => ({ ...t, statistic: statisticName(t) }));
  return {
    ...sweepHeader(loaded, [{ path, values: [] }], overrides),
    ...(targets.length > 0 ? { target: described[0] } : {}),
    ...(targets.length > 1 ? { targets: described } : {}),
    ...(targets.length === 0 && goal.minimise ? { minimise: goal.minimise } : {}),
    answer: answer(search.answer),
    ...(targets.length > 0 ? { confident_answer: answer(search.confidentAnswer) } : {}),
    ...(search.nearOptimal ? { near_optimal: search.nearOptimal } : {}),
    note: search.note,
    points: explored,
    explored,
  };
}

/** A point as written: its KPIs, and each target's own statistic where that is a percentile. */
function exploredPoint(
  point: SweepPointResult,
  targets: readonly Target[],
  years: number[],
): SweepPoint {
  const result: SweepPoint = { values: point.values, kpis: point.kpis };
  const first = targets[0];
  if (first?.percentile !== undefined) {
    const { estimate, ci95 } = estimateAt(point, first, years);
    result.target_estimate = { estimate, ci95 };
  }
  if (targets.length > 1)
    result.target_estimates = targets.map((t) => {
      const { estimate, ci95 } = estimateAt(point, t, years);
      return { estimate, ci95 };
    });
  return result;
}

function rightsizeText(output: RightsizeFile, path: string): string {
  const kpi = output.target?.kpi ?? (output.minimise as string);
  const describe = (a: NonNullable<RightsizeFile["answer"]>) =>
    `${parameterValueLabel(path, a.values[path], output.names)}: ${kpiDefinition(kpi).label.toLowerCase()}, ${a.estimate.statistic === "mean" ? "mean" : yearlyStatisticWords(a.estimate.statistic)}, ${formatValue(kpi, a.estimate.estimate)} (95% interval ${formatRange(kpi, a.estimate.ci95)})`;
  const lines = [
    `bedsim ${output.version} · rightsize ${output.scenario.name} · ${output.replications} replications per value · seed ${output.seed}`,
    ...(output.target
      ? (output.targets ?? [output.target]).map(
          (t) =>
            `Target: ${kpiDefinition(t.kpi).label.toLowerCase()} ${t.operator} ${formatValue(t.kpi, t.value)}, ${t.statistic === "mean" ? "on average" : yearlyStatisticWords(t.statistic)}`,
        )
      : [
          `Minimise: ${kpiDefinition(output.minimise as string).label.toLowerCase()}, mean across replications`,
        ]),
    ...(output.overrides?.length ? [`Overrides: ${output.overrides.join(" ")}`] : []),
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
  if (output.answer?.estimates)
    for (const [i, t] of (output.targets ?? []).entries()) {
      const e = output.answer.estimates[i];
      lines.push(
        `  ${kpiDefinition(t.kpi).label}, ${e.statistic === "mean" ? "mean" : yearlyStatisticWords(e.statistic)}: ${formatValue(t.kpi, e.estimate)} (95% interval ${formatRange(t.kpi, e.ci95)})`,
      );
    }
  const shown = [...new Set([kpi, ...(output.targets ?? []).map((t) => t.kpi)])];
  lines.push(output.note, "", "Values explored:", sweepTable(output, shown));
  return lines.join("\n");
}
