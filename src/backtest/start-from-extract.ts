/**
 * The scenario a back-test runs: the user's scenario, started on `from` from the census the
 * extract gives on that day (fitted to the model's beds), with no warm-up, for whole years
 * covering `to`. The census is handed to the scenario loader as a file of its own, so it is
 * checked exactly as a user's `start_from` census would be.
 */

import type { CensusRow } from "../data/census-on-date.js";
import { censusCsv, censusOnDate } from "../data/census-on-date.js";
import { dayToIso } from "../data/extract-dates.js";
import { OUT_OF_AREA } from "../data/extract-mapping.js";
import type { SpellExtract } from "../data/spell.js";
import { DAYS_PER_YEAR } from "../model/calendar.js";
import type { Pathway } from "../model/pathway.js";
import { SERVICE_KINDS } from "../model/service-kinds.js";
import { InputError } from "../scenario/input-error.js";
import { type LoadedScenario, loadScenario } from "../scenario/load.js";
import type { TextFiles } from "../scenario/text-files.js";
import { buildPathway } from "../scenario/to-pathway.js";
import { fitToBeds } from "./fit-to-beds.js";
import { rebaseArrivals } from "./rebase-arrivals.js";

export interface BacktestStart {
  loaded: LoadedScenario;
  pathway: Pathway;
  census: CensusRow[];
  /** The census as CSV, in the format `run.start_from` reads. */
  censusText: string;
  /** What fitting the census to the beds moved, in words. */
  moves: string[];
  /**
   * The scenario run from empty, with its own warm-up, to the start: what fills the services
   * an extract of hospital spells says nothing of. Absent when the scenario has no warm-up.
   */
  warmUp?: Pathway;
}

export interface BacktestInput {
  scenarioFile: string;
  files: TextFiles;
  /** `--set` overrides, applied before the back-test's own. */
  set: string[];
  extract: SpellExtract;
  /** The file the extract's codes were mapped in, where a code the model lacks is reported. */
  codesFile: string;
  /** Day numbers: the first and last day of the back-test. */
  from: number;
  to: number;
  /** Where the census is said to be (a name no real file needs to have). */
  censusFile: string;
}

/** The warm-up run needs no results period; a few days keep every check on the run happy. */
const WARM_UP_TAIL_YEARS = 0.02;

export function startFromExtract(input: BacktestInput): BacktestStart {
  const { files, set, extract, from, to, censusFile } = input;
  const given = loadScenario(input.scenarioFile, { set, files });
  const givenPathway = buildPathway(given).pathway;
  checkCodes(extract, given, input.codesFile);
  const { census, moves } = fitToBeds(
    censusOnDate(extract.spells, from, givenPathway.acuteOutOfArea),
    givenPathway,
  );
  const censusText = censusCsv(census);
  const years = Math.ceil((to + 1 - from) / DAYS_PER_YEAR - 1e-9);
  const loaded = loadScenario(input.scenarioFile, {
    files: {
      read: (name, max) => (name === censusFile ? censusText : files.read(name, max)),
      resolve: files.resolve,
    },
    set: [
      ...set,
      `run.start=${dayToIso(from)}`,
      `run.years=${years}`,
      "run.warm_up_days=0",
      `run.start_from=${censusFile}`,
    ],
  });
  // A scenario that starts from a census of its own has no warm-up to borrow from.
  const warmUpLoaded =
    given.run.start_from === undefined && given.run.warm_up_days > 0
      ? loadScenario(input.scenarioFile, {
          files,
          set: [...set, `run.start=${dayToIso(from)}`, `run.years=${WARM_UP_TAIL_YEARS}`],
        })
      : undefined;
  // The rate of arrivals on each day is the scenario's, whatever day the run starts.
  const asGiven = (l: LoadedScenario) => rebaseArrivals(buildPathway(l).pathway, given.run.start);
  return {
    loaded,
    pathway: asGiven(loaded),
    census,
    censusText,
    moves,
    warmUp: warmUpLoaded && asGiven(warmUpLoaded),
  };
}

/** Every cohort and local ward of the extract (as mapped) must be one the model has. */
function checkCodes(extract: SpellExtract, loaded: LoadedScenario, codesFile: string): void {
  const cohorts = new Set(loaded.model.cohorts.map((c) => c.id));
  const wards = new Set(
    loaded.model.services.filter((s) => SERVICE_KINDS[s.kind].role === "acute").map((s) => s.id),
  );
  const unknown = (ids: string[], known: Set<string>) =>
    [...new Set(ids)].filter((id) => id !== OUT_OF_AREA && !known.has(id));
  const missingCohorts = unknown(
    extract.spells.map((s) => s.cohort),
    cohorts,
  );
  const missingWards = unknown(
    extract.spells.map((s) => s.ward),
    wards,
  );
  const listed = (ids: string[]) => ids.map((id) => `"${id}"`).join(", ");
  const problems = [
    ...(missingCohorts.length > 0
      ? [
          `the extract's cohorts ${listed(missingCohorts)} are not in the model (it has ${[...cohorts].join(", ")})`,
        ]
      : []),
    ...(missingWards.length > 0
      ? [
          `the extract's wards ${listed(missingWards)} are not acute wards of the model (it has ${[...wards].join(", ")})`,
        ]
      : []),
  ];
  if (problems.length > 0)
    throw InputError.at(
      codesFile,
      `${problems.join("; and ")}; map the extract's codes to the model's ids in the mapping`,
    );
}
