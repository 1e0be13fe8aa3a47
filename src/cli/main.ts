import { getHeapStatistics } from "node:v8";
import { Command, CommanderError } from "commander";
import { defaultWorkers } from "../experiment/pool.js";
import { DEFAULT_MAX_REPLICATIONS } from "../experiment/run-experiment.js";
import { OutputFolderError } from "../results/results-folder.js";
import { formatProblem, InputError } from "../scenario/input-error.js";
import { planMemory, planWorkers } from "../scenario/run-limits.js";
import { VERSION } from "../version.js";
import {
  collect,
  LARGEST_SEED,
  percentOption,
  straySetValueAdvice,
  wholeNumberOption,
  workersWithin,
} from "./options.js";
import { runTime } from "./run-time.js";
import { shardOption } from "./shard-option.js";
import { printWarnings } from "./warning-text.js";

// Each command loads its own modules when it runs (`await import` in its action), so
// `--version`, `--help` and a run without charts never load chart.js, @napi-rs/canvas or the
// calibration maths.

/**
 * Exit codes: 0 success, 1 bedsim could not finish (its own fault, or the machine's: a full
 * disk), 2 a mistake in the input (including an --out folder that cannot hold results),
 * 130 interrupted.
 */
const EXIT_INPUT = 2;

export async function main(argv: string[]): Promise<number> {
  // Set when an error message says all there is to say, so the hint to add --help is left out.
  let advised = false;
  const program = new Command("bedsim")
    .description("Simulate mental-health inpatient beds and out-of-area placements.")
    .version(VERSION)
    // One line in bedsim's own voice, and where to look, rather than the whole help text.
    .configureOutput({
      outputError: (text, write) => {
        const advice = /^error: too many arguments/.test(text)
          ? straySetValueAdvice(argv)
          : undefined;
        advised = advice !== undefined;
        write(`bedsim: ${advice ? `${advice}\n` : text.replace(/^error: /, "")}`);
      },
      writeErr: (text) => {
        if (!(advised && text.startsWith("(add --help"))) process.stderr.write(text);
      },
    })
    .showHelpAfterError("(add --help to the command to see its options)")
    .exitOverride()
    // Worker threads beyond the cores are capped once here, with a note, for every command,
    // and the run-size check told how many will run.
    .hook("preAction", (_program, command) => {
      const { workers, note } = workersWithin(command.getOptionValue("workers"), defaultWorkers());
      if (note) {
        process.stderr.write(`bedsim: note: ${note}\n`);
        command.setOptionValue("workers", workers);
      }
      planWorkers(workers ?? defaultWorkers());
      // A SOURCE_DATE_EPOCH that is not a time is refused now, not after a long run.
      runTime();
      planMemory(getHeapStatistics().heap_size_limit);
    });

  const common = (command: Command) =>
    command
      .option(
        "-r, --replications <n>",
        "number of replications (overrides the file)",
        wholeNumberOption("--replications", 2),
      )
      .option(
        "-s, --seed <n>",
        "random seed (overrides the file)",
        wholeNumberOption("--seed", 0, { value: LARGEST_SEED, what: "the largest seed" }),
      )
      .option(
        "-w, --workers <n>",
        `worker threads (default: ${defaultWorkers()}, one per core)`,
        wholeNumberOption("--workers", 1),
      )
      .option(
        "--set <path=value>",
        "override a value, e.g. services.oakwood_ward.beds=20 (repeatable)",
        collect,
      );

  /** Options of every command that writes an output folder. */
  const output = (command: Command) =>
    command
      .option("-o, --out <dir>", "folder in which to create the results folder", "output")
      .option("--json", "print only the results JSON on stdout")
      .option(
        "--no-charts",
        "skip the charts and report (bedsim report <folder> draws them later)",
      );

  output(
    common(
      program
        .command("run <scenario>")
        .description("run a scenario and write its results, charts and report to output/"),
    ),
  )
    .option(
      "--precision <pct>",
      "add replications until every headline KPI's 95% interval is within ±pct of its mean, e.g. 5%",
      percentOption("--precision"),
    )
    .option(
      "--max-replications <n>",
      `most replications --precision may run (default ${DEFAULT_MAX_REPLICATIONS.toLocaleString("en-GB")})`,
      wholeNumberOption("--max-replications", 2),
    )
    .option("--write-spells", "also write the first replication's stays (spells.csv) and census")
    .option(
      "--shard <K/N>",
      "run only shard K of N of the replications and write a partial result for bedsim merge",
      shardOption,
    )
    .action(async (file, options) => (await import("./run-command.js")).runCommand(file, options));

  output(
    common(
      program
        .command("compare <baseline> <scenarios...>")
        .description(
          "run scenarios with the baseline's seed (common random numbers) and report paired differences",
        ),
    ),
  )
    .option(
      "--shard <K/N>",
      "run only shard K of N of the replications and write a partial result for bedsim merge",
      shardOption,
    )
    .action(async (baseline, scenarios, options) =>
      (await import("./compare-command.js")).compareCommand(baseline, scenarios, options),
    );

  const vary = (command: Command) =>
    command.option(
      "--vary <path=from..to[:step]>",
      "a setting to vary, e.g. services.oakwood_ward.beds=10..50 (default: the file's sweep: section)",
      collect,
    );

  output(
    vary(
      common(
        program
          .command("sweep <scenario>")
          .description("run a scenario over a range of one or two settings"),
      ),
    ),
  )
    .option(
      "--target <condition>",
      'mark the values that meet it, e.g. "oap_bed_days <= 3500" (repeatable: all must hold; default: the file\'s sweep: target)',
      collect,
    )
    .option(
      "--shard <K/N>",
      "run only shard K of N of the replications and write a partial result for bedsim merge",
      shardOption,
    )
    .action(async (file, options) =>
      (await import("./sweep-command.js")).sweepCommand(file, options),
    );

  output(
    vary(
      common(
        program
          .command("rightsize <scenario>")
          .description(
            "find the smallest setting that meets a target, or the one that minimises a KPI",
          ),
      ),
    ),
  )
    .option(
      "--target <condition>",
      'e.g. "oap_bed_days <= 100", or "oap_bed_days.working_age_men <= 365 at p90" for 9 years out of 10 (repeatable: all must hold)',
      collect,
    )
    .option(
      "--minimise <kpi>",
      "e.g. total_cost (with targets and several settings: the least cost that meets them)",
    )
    .option(
      "--budget <replications>",
      "most replications a search over several settings may run, its final check included",
      wholeNumberOption("--budget", 1),
    )
    .action(async (file, options) =>
      (await import("./rightsize-command.js")).rightsizeCommand(file, options),
    );

  output(
    common(
      program
        .command("sensitivity <scenario>")
        .description(
          "set each input low and high, one at a time, and rank them by their effect (a tornado chart)",
        ),
    ),
  )
    .option(
      "--input <path[=low..high]>",
      "an input to vary, e.g. services.oakwood_ward.beds or cohorts.older_adults.arrivals_per_year=250..350 (repeatable; default: every cohort's arrivals and length of stay, delays, and every service's beds or places)",
      collect,
    )
    .option(
      "--kpi <name>",
      "a result to measure the effects on (repeatable; the first ranks the inputs; default oap_bed_days and total_cost)",
      collect,
    )
    .option(
      "--spread <pct>",
      "low and high either side of each value",
      percentOption("--spread"),
      0.1,
    )
    .action(async (file, options) =>
      (await import("./sensitivity-command.js")).sensitivityCommand(file, options),
    );

  output(
    program
      .command("merge <folders...>")
      .description(
        "combine the partial results of shards (run, compare or sweep with --shard K/N) into one results folder",
      ),
  ).action(async (folders, options) =>
    (await import("./merge-command.js")).mergeCommand(folders, options),
  );

  program
    .command("report <folder>")
    .description("redraw the charts and report of an earlier run, comparison or sweep")
    .action(async (folder) => (await import("./report-command.js")).reportCommand(folder));

  program
    .command("validate <file>")
    .description("check a scenario (and the model it names) without running it")
    .option("--set <path=value>", "override a value before checking (repeatable)", collect)
    .action(async (file, options) => {
      const [{ loadScenario }, { buildPathway }, { nodeFiles }] = await Promise.all([
        import("../scenario/load.js"),
        import("../scenario/to-pathway.js"),
        import("./node-files.js"),
      ]);
      const loaded = loadScenario(file, { set: options.set, files: nodeFiles });
      // Building the pathway resolves reinvestments, which can fail (nothing to reinvest).
      buildPathway(loaded);
      printWarnings(loaded.notes ?? []);
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
      process.stdout.write(
        `${file} is valid: model "${loaded.model.name}", ${count(loaded.model.cohorts.length, "cohort")}, ${count(loaded.model.services.length, "service")}, ${count(loaded.changes.length, "change")}.\n`,
      );
    });

  program
    .command("calibrate <extract>")
    .description("fit a model to a spell extract (CSV, one row per hospital spell)")
    .option("--mapping <file>", "YAML saying which column is which and what local codes mean")
    .requiredOption("--out <file>", "the model file to write, e.g. models/my-icb.yaml")
    .option("--name <text>", "the model's name")
    .option(
      "--report-dir <folder>",
      "where the calibration report goes (default: beside the model, <model>-calibration)",
    )
    .action(async (extract, options) =>
      (await import("./calibrate-command.js")).calibrateCommand(extract, options),
    );

  output(
    common(
      program
        .command("backtest <scenario>")
        .description(
          "start the scenario's model from an extract's census on --from and compare it, month by month, with what the extract shows up to --to",
        ),
    ),
  )
    .requiredOption("--observed <extract>", "the spell extract (CSV) to compare against")
    .option("--mapping <file>", "YAML saying which column is which and what local codes mean")
    .requiredOption("--from <date>", "first day of the back-test, e.g. 2023-04-01")
    .requiredOption("--to <date>", "last day of the back-test, on or before the extract date")
    .action(async (file, options) =>
      (await import("./backtest-command.js")).backtestCommand(file, options),
    );

  program
    .command("explore [scenario]")
    .description(
      "write one self-contained web page for trying plans in a browser (default: scenarios/baseline.yaml)",
    )
    .option("-o, --out <file>", "the page to write (default: explorer.html in this folder)")
    .action(async (file, options) =>
      (await import("./explore-command.js")).exploreCommand(file, options),
    );

  program
    .command("schema")
    .description(
      "print the JSON Schema of scenario files (or --model for model files), for editor autocompletion",
    )
    .option("--model", "the model-file schema instead")
    .action(async (options) => {
      const [{ z }, { model, scenarioFile }] = await Promise.all([
        import("zod"),
        import("../scenario/schema.js"),
      ]);
      const schema = z.toJSONSchema(options.model ? model : scenarioFile, {
        io: "input",
        unrepresentable: "any",
      });
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_INPUT;
  if (error instanceof InputError) {
    for (const problem of error.problems)
      process.stderr.write(`bedsim: ${formatProblem(problem)}\n`);
    return EXIT_INPUT;
  }
  if (error instanceof OutputFolderError) {
    process.stderr.write(`bedsim: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof Error && error.name === "AbortError") {
    process.stderr.write("bedsim: interrupted; nothing was written.\n");
    return 130;
  }
  process.stderr.write(
    `bedsim: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in bedsim, not in your files; please report it with the command you ran.${process.env.BEDSIM_DEBUG ? `\n${(error as Error).stack}` : " (Set BEDSIM_DEBUG=1 for details.)"}\n`,
  );
  return 1;
}
