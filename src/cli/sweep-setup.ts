import type { Target } from "../experiment/rightsize.js";
import type { SweepParameter } from "../experiment/sweep.js";
import { gridPoints } from "../experiment/sweep.js";
import { calendarFor } from "../model/calendar.js";
import { reportedKpiNames } from "../model/reported-kpis.js";
import { sweepCsv } from "../report/sweep-table.js";
import type { FolderFiles } from "../results/results-folder.js";
import type { SweepFile } from "../results/sweep.js";
import { runHorizon } from "../scenario/horizon.js";
import { InputError, type Problem, plain } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import { settingSegments } from "../scenario/overrides.js";
import { parseRange, parseTarget, targetTexts } from "../scenario/ranges-and-targets.js";
import { type JobKind, largestRun, runSizeProblems } from "../scenario/run-limits.js";
import { kpiProblem, settingProblem } from "../scenario/sweep-section.js";
import { rememberedFiles } from "../scenario/text-files.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { VERSION } from "../version.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { renderSweepReport, sweepWorkbookFile, WORKBOOK } from "./report-writers.js";
import { runTime } from "./run-time.js";
import { manifest } from "./scenario-description.js";

/** What is swept: from `--vary` options if given, else from the file's `sweep:` section. */
export function sweepParameters(
  loaded: LoadedScenario,
  vary: string[] | undefined,
  most = 2,
): SweepParameter[] {
  const tooMany =
    most === 2
      ? "vary one or two settings at a time, not more (rightsize searches more together)."
      : `vary at most ${most} settings together.`;
  if (vary && vary.length > 0) {
    if (vary.length > most) throw InputError.at(undefined, `--vary: ${tooMany}`);
    return vary.map((option) => {
      const eq = option.indexOf("=");
      const range = eq > 0 ? parseRange(option.slice(eq + 1)) : "";
      if (eq <= 0 || typeof range === "string")
        throw InputError.at(
          undefined,
          `--vary ${plain(option)}: ${range || "write it as path=from..to[:step]"}, e.g. --vary services.oakwood_ward.beds=10..50`,
        );
      const path = option.slice(0, eq).trim();
      const problem = settingProblem(loaded.model, path, changeInputs(loaded));
      if (problem) throw InputError.at(undefined, `--vary ${plain(option)}: ${problem}`);
      return { path, values: range };
    });
  }
  if (!loaded.sweep) {
    throw InputError.at(
      loaded.file,
      'nothing to vary: give --vary path=from..to (e.g. --vary services.oakwood_ward.beds=10..50) or add a section like\nsweep:\n  vary:\n    services.oakwood_ward.beds: "10..50"',
    );
  }
  if (Object.keys(loaded.sweep.spec.vary).length > most)
    throw new InputError([loaded.sweep.locate(["vary"], `sweep → vary: ${tooMany}`)]);
  return Object.entries(loaded.sweep.spec.vary).map(([path, text]) => ({
    path,
    values: parseRange(text) as number[],
  }));
}

/**
 * The scenario at one point: the file with the swept values set after any --set. A value
 * that makes the scenario invalid is reported at the file's `sweep: vary:` line, or at the
 * --vary option that asked for it.
 */
export function loadAt(
  file: string,
  options: CommonOptions & { vary?: string[] },
  values: Record<string, number>,
) {
  return buildPathway(loadPoint(file, options, values));
}

/** Every point of a sweep reads the files once, and sees them as they were when it started. */
const pointFiles = rememberedFiles(nodeFiles);

function loadPoint(
  file: string,
  options: CommonOptions & { vary?: string[] },
  values: Record<string, number>,
): LoadedScenario {
  return loadScenario(file, {
    set: runSettings(options),
    sweepPoint: { values, vary: options.vary },
    files: pointFiles,
  });
}

/**
 * The targets: every --target given, else the file's `sweep: target:` (one or a list). All
 * must hold; each is checked against the KPIs a run reports, naming the closest if misspelt.
 */
export function readTargets(loaded: LoadedScenario, options: string[] | undefined): Target[] {
  const given = options ?? [];
  const fromFile = targetTexts(loaded.sweep?.spec.target);
  const listed = Array.isArray(loaded.sweep?.spec.target);
  const texts = given.length > 0 ? given : fromFile;
  const reported = reportedKpiNames(buildPathway(loaded).pathway);
  return texts.map((text, i) => {
    const where: Problem =
      given.length > 0
        ? { message: given.length > 1 ? `--target ${plain(text)}: ` : "--target: " }
        : (loaded.sweep?.locate(
            listed ? ["target", i] : ["target"],
            "sweep → target: ",
          ) as Problem);
    const target = parseTarget(text);
    const problem = typeof target === "string" ? target : kpiProblem(reported, target.kpi);
    if (problem) throw new InputError([{ ...where, message: `${where.message}${problem}` }]);
    return target as Target;
  });
}

/** The file's own value of a setting (after set: and --set), if it has one as a number. */
export function settingValue(loaded: LoadedScenario, path: string): number | undefined {
  const segments = settingSegments(path);
  const [root, ...rest] = segments;
  let node: unknown =
    root === "run"
      ? loaded.run
      : root === "changes"
        ? changeInputs(loaded)
        : (loaded.model as unknown as Record<string, unknown>)[root];
  for (const segment of rest) {
    if (Array.isArray(node)) {
      const byName = node.find(
        (item) => item && (item.id === segment || item.route === segment || item.name === segment),
      );
      node = byName ?? (/^\d+$/.test(segment) ? node[Number(segment)] : undefined);
    } else if (node && typeof node === "object") node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return typeof node === "number" ? node : undefined;
}

/** The scenario's dated changes as written, for paths like changes.close_men_beds.close_beds. */
export function changeInputs(loaded: LoadedScenario) {
  return loaded.changes.map((c) => c.change);
}

/** A KPI named in a target or --minimise must exist; suggest the closest name if not. */
export function checkKpiName(loaded: LoadedScenario, kpi: string, where: Problem): void {
  const problem = kpiProblem(reportedKpiNames(buildPathway(loaded).pathway), kpi);
  if (problem) throw new InputError([{ ...where, message: `${where.message}${problem}` }]);
}

/** Financial years wholly in the results period, for "in 9 years out of 10". */
export function wholeFinancialYears(loaded: LoadedScenario): number[] {
  const { warmUpDays, days } = runHorizon(loaded.run);
  const calendar = calendarFor(loaded.run.start, warmUpDays, days);
  return calendar.financialYears
    .map((_, fy) => fy)
    .filter((fy) => calendar.isWholeFinancialYear(fy));
}

export function sweepHeader(
  loaded: LoadedScenario,
  parameters: SweepParameter[],
  overrides: string[] = [],
  runAt = runTime(),
) {
  return {
    version: VERSION,
    seed: loaded.run.seed,
    replications: loaded.run.replications,
    scenario: { name: loaded.name, title: loaded.title, file: loaded.file },
    parameters: parameters.map((p) => p.path),
    ...(overrides.length > 0 ? { overrides } : {}),
    names: displayNames(loaded, parameters),
    manifest: { ...manifest(loaded, loaded.run.seed), run_at: runAt },
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

/**
 * `<kind>.json` (`json`), points.csv, results.xlsx and (unless --no-charts) the charts and
 * report.
 */
export async function sweepFiles(
  kind: "sweep" | "rightsize",
  result: SweepFile,
  json: string,
  charts: boolean,
): Promise<FolderFiles> {
  return {
    [`${kind}.json`]: json,
    "points.csv": sweepCsv(result),
    [WORKBOOK]: await sweepWorkbookFile(result),
    ...(charts ? await renderSweepReport(result) : {}),
  };
}

/**
 * Loads every corner of the grid before anything runs, so a value that makes the model
 * invalid (e.g. fewer beds than a change closes) is reported at once, not an hour in; and
 * returns the biggest run among the file and its corners, since a swept setting (arrivals,
 * years, readmission shares, replications) can make one end of its range far bigger than the
 * file's own value.
 */
export function checkedLargestCorner(
  file: string,
  options: CommonOptions & { vary?: string[] },
  parameters: SweepParameter[],
  loaded: LoadedScenario,
): LoadedScenario {
  const ends = parameters.map(({ path, values }) => ({
    path,
    values: [values[0], values[values.length - 1]],
  }));
  const corners = gridPoints(ends).map((values) => {
    const corner = loadPoint(file, options, values);
    // Building the pathway resolves reinvestments, which can fail at a corner.
    buildPathway(corner);
    return corner;
  });
  return largestRun([loaded, ...corners]);
}

/** The same limits as a single run, for the whole job of `points` runs. */
export function refuseIfTooBig(loaded: LoadedScenario, points: number, job?: JobKind): void {
  const problems = runSizeProblems(loaded, points, job);
  if (problems.length > 0) throw new InputError(problems);
}
