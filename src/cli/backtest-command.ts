/**
 * `bedsim backtest <scenario> --observed extract.csv [--mapping m.yaml] --from DATE --to DATE`:
 * the scenario's model started from the census the extract gives on --from, simulated to --to,
 * and set month by month against what the extract shows (backtest.json, backtest.csv,
 * census.csv, charts and report in a new results folder).
 */
import path from "node:path";
import { backtest } from "../backtest/backtest.js";
import { BACKTEST_MEASURES, MEASURE_NAMES, monthsBetween } from "../backtest/measures.js";
import { hospitalServices } from "../backtest/provider-spells.js";
import { startFromExtract } from "../backtest/start-from-extract.js";
import { dayToIso, parseExtractDate } from "../data/extract-dates.js";
import type { SpellExtract } from "../data/spell.js";
import type { Pathway } from "../model/pathway.js";
import { backtestFindings, backtestReport } from "../report/backtest-document.js";
import { toCsv } from "../report/csv.js";
import type { BacktestFile } from "../results/backtest.js";
import { resultJson } from "../results/format-version.js";
import { ResultsFolder } from "../results/results-folder.js";
import { displayPath, InputError } from "../scenario/input-error.js";
import { VERSION } from "../version.js";
import { readExtractFile, readMappingFile } from "./extract-files.js";
import { nodeFiles } from "./node-files.js";
import { type CommonOptions, runSettings } from "./options.js";
import { progressReporter } from "./progress.js";

export interface BacktestOptions extends CommonOptions {
  observed: string;
  mapping?: string;
  from: string;
  to: string;
  out: string;
  charts: boolean;
  json?: boolean;
}

export async function backtestCommand(file: string, options: BacktestOptions): Promise<void> {
  const from = dateOption("--from", options.from);
  const to = dateOption("--to", options.to);
  if (to < from)
    throw InputError.at(
      undefined,
      `--to ${options.to} is before --from ${options.from}; swap them`,
    );
  const extract = readExtractFile(options.observed, readMappingFile(options.mapping));
  checkPeriod(extract, from, to, options);

  const { loaded, pathway, census, censusText, moves, warmUp } = startFromExtract({
    scenarioFile: file,
    files: nodeFiles,
    set: runSettings(options),
    extract,
    codesFile: path.resolve(options.mapping ?? options.observed),
    from,
    to,
    censusFile: path.resolve(".bedsim-backtest-census.csv"),
  });
  const outOfArea = pathway.acuteOutOfArea;
  const dir = ResultsFolder.create(options.out, `backtest-${loaded.name}`);
  try {
    const progress = progressReporter(!options.json);
    const months = monthsBetween(from, to + 1);
    const result = backtest(
      pathway,
      loaded.run.seed,
      loaded.run.replications,
      extract.spells,
      months,
      { warmUp, onProgress: progress.update },
    );
    progress.finish();
    const summary: BacktestFile = {
      version: VERSION,
      seed: loaded.run.seed,
      replications: result.replications,
      scenario: { name: loaded.name, title: loaded.title, file: displayPath(path.resolve(file)) },
      observed: {
        file: displayPath(path.resolve(options.observed)),
        spells: extract.spells.length,
        extract_date: dayToIso(extract.extractDate),
      },
      from: dayToIso(from),
      to: dayToIso(to),
      census: {
        local: census.filter((r) => r.service !== outOfArea).length,
        out_of_area: census.filter((r) => r.service === outOfArea).length,
        delayed: census.filter((r) => r.delayedSince !== undefined).length,
      },
      months: result.months,
      measures: Object.fromEntries(
        MEASURE_NAMES.map((name) => [
          name,
          { ...BACKTEST_MEASURES[name], ...result.measures[name] },
        ]),
      ),
      notes: [
        ...moves,
        ...outsideHospitalNote(pathway, warmUp, loaded.run.warm_up_days, dayToIso(from)),
      ],
      run_at: new Date().toISOString(),
    };
    // Monthly means and counts to a tenth: what a month's figure can support.
    const tenth = (x: number) => Math.round(x * 10) / 10;
    const rows = MEASURE_NAMES.flatMap((name) =>
      result.months.map((month, m) => {
        const r = result.measures[name];
        return [month, name, ...[r.observed[m], r.p10[m], r.p50[m], r.p90[m]].map(tenth)];
      }),
    );
    const json = resultJson(summary);
    const folder = dir.save({
      "backtest.json": json,
      "backtest.csv": toCsv(["month", "measure", "observed", "p10", "p50", "p90"], rows),
      "census.csv": censusText,
      ...(options.charts ? backtestReport(summary) : {}),
    });
    if (options.json) {
      process.stdout.write(json);
      return;
    }
    const findings = backtestFindings(summary);
    process.stdout.write(`${findings.join("\n")}\n\nWritten to ${folder}\n`);
  } finally {
    dir.discard();
  }
}

function dateOption(name: string, text: string): number {
  const day = parseExtractDate(text);
  if (day === undefined)
    throw InputError.at(undefined, `${name} ${text} is not a date; write it as 2023-04-01`);
  return day;
}

function checkPeriod(extract: SpellExtract, from: number, to: number, options: BacktestOptions) {
  const where = path.resolve(options.observed);
  if (to > extract.extractDate)
    throw InputError.at(
      where,
      `--to ${options.to} is after the extract date (${dayToIso(extract.extractDate)}), so nothing was observed then; choose --to ${dayToIso(extract.extractDate)} or earlier`,
    );
  if (from <= extract.arrivalsFrom)
    throw InputError.at(
      where,
      `--from ${options.from} is not after the first admissions counted in the extract (${dayToIso(extract.arrivalsFrom)}), so the census on it would miss people admitted before; choose a later --from`,
    );
}

/** How the services an extract of hospital spells says nothing of were filled, if the model has any. */
function outsideHospitalNote(
  pathway: Pathway,
  warmUp: Pathway | undefined,
  warmUpDays: number,
  from: string,
): string[] {
  const inHospital = hospitalServices(pathway);
  if (inHospital.every(Boolean)) return [];
  return [
    warmUp
      ? `An extract of hospital spells does not say who is in crisis houses, community places and rehabilitation, so each replication takes the people the model's own warm-up (${warmUpDays} days from empty, as the scenario sets it) leaves in them on ${from}.`
      : "The scenario has no warm-up of its own, so crisis houses, community places and rehabilitation start empty (an extract of hospital spells does not say who is in them): delays waiting for them may be understated in the first months.",
  ];
}
