// The shapes the loader hands on: to the checks it runs and to the commands that use its
// result. They live in this leaf, apart from the loader, so that the checks and the loader
// import them without importing one another (no import circles).
import type { CensusRow } from "../data/census-on-date.js";
import type { ChangeInput, ModelInput, RunInput, SweepInput } from "./schema.js";
import type { Locator } from "./schema-problems.js";

/** A change with the place it was written, for error messages. */
export interface LocatedChange {
  change: ChangeInput;
  locate: Locator;
}

/** A `sweep:` section, with where it was written for error messages. */
export interface SweepSection {
  spec: SweepInput;
  locate: Locator;
}

/** A scenario file merged with what it extends and the model it names, validated. */
export interface LoadedScenario {
  name: string;
  title: string;
  description?: string;
  file: string;
  modelFile: string;
  /** Every file read, for the run manifest. */
  files: string[];
  run: RunInput;
  model: ModelInput;
  changes: LocatedChange[];
  /** The `sweep:` section of the nearest file that has one, for `sweep` and `rightsize`. */
  sweep?: SweepSection;
  /** Where a problem with a run setting belongs: its `run:` line, `set:` line or --set. */
  locateRun?: Locator;
  /** The people in services on the start date (`run.start_from`), when a census is given. */
  census?: CensusRow[];
  /** Things to tell the person that are not mistakes ("1 is read as 100%"), each located. */
  notes?: string[];
}
