/**
 * The STRESS-DES reporting checklist for discrete-event simulation (Monks et al. 2019,
 * "Strengthening the reporting of empirical simulation studies"), each item answered from
 * what the result file records about this run: its scenario, model, settings, warnings and
 * manifest. An item the file cannot answer says so rather than guessing.
 */
import { kpiDefinition } from "../model/kpi-definitions.js";
import { serviceKind } from "../model/service-kinds.js";
import type { ManifestInput, RunSummaryInput, ScenarioInput } from "./charts/data.js";
import { formatNumber, longDate, timestampLabel } from "./charts/labels.js";
import { joinWords } from "./describe-scenario.js";

export interface ChecklistItem {
  section: string;
  item: string;
  answer: string;
}

/** What a result file records: a run's whole summary, or (a sweep) only its settings. */
export interface ChecklistFacts {
  /** The baseline's (or the run's) summary; absent for a sweep, whose file has no model. */
  summary?: RunSummaryInput;
  /** Where to read the model when `summary` is absent. */
  scenarioFile?: string;
  seed: number;
  replications: number;
  version: string;
  manifest?: ManifestInput;
  /** The measures reported. */
  kpis: string[];
}

export interface ChecklistContext {
  /** What the study is for: "a run", or a comparison of named scenarios, or a sweep. */
  objective: string;
  /** The experiments run (scenarios, grid points), in words. */
  experiments: string;
  /** Common random numbers, as used across the experiments. */
  commonRandomNumbers: string;
}

/** "Out-of-area PICU admissions" → "out-of-area PICU admissions": acronyms kept. */
const lowerFirst = (text: string) =>
  /^[A-Z]{2}/.test(text) ? text : text.charAt(0).toLowerCase() + text.slice(1);

const plural = (n: number, word: string) => `${formatNumber(n)} ${word}${n === 1 ? "" : "s"}`;

function modelComponents(scenario: ScenarioInput): string {
  const { model } = scenario;
  const kinds = new Map<string, number>();
  for (const s of model.services) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  const services = [...kinds.entries()].map(
    ([kind, n]) => `${n} ${serviceKind(kind)?.label ?? kind.replaceAll("_", " ")}`,
  );
  const beds = model.services.reduce((sum, s) => sum + (s.kind === "ward" ? (s.beds ?? 0) : 0), 0);
  return `Entities are people in mental-health crisis, in ${plural(model.cohorts.length, "cohort")} (${joinWords(model.cohorts.map((c) => c.name ?? c.id))}). Resources are ${plural(model.services.length, "service")} (${joinWords(services)}), with ${formatNumber(beds)} local acute beds at the start. Queues: people wait for a local bed up to ${formatNumber(model.pathway.max_wait_for_local_bed_days ?? 0)} days before going out of area, and wait in a ward bed (a delayed discharge) for a full step-down or community service where their route says so. People enter on arrival and leave on discharge home, or into a service beyond the model.`;
}

function sourcesAnswer(scenario: ScenarioInput): string {
  const sources = scenario.model_sources;
  const model = scenario.model_file ? ` (${scenario.model_file})` : "";
  if (!sources)
    return `Figures come from the model file${model}; this result file predates recorded sources, so see the comments in that file.`;
  const n = Object.keys(sources).length;
  return n === 0
    ? `The model file${model} cites no sources beside its figures: every figure is the user's assumption.`
    : `The model file${model} cites sources beside ${formatNumber(n)} ${n === 1 ? "figure or section" : "figures or sections"}; the Assumptions table (and the workbook's Assumptions sheet) prints each parameter with the source written beside it or beside its section.`;
}

/** The checklist for a result; `context` says what a run, comparison or sweep did. */
export function stressDesChecklist(
  facts: ChecklistFacts,
  context: ChecklistContext,
): ChecklistItem[] {
  const { summary, manifest } = facts;
  const headline = facts.kpis
    .filter((k) => kpiDefinition(k).headline)
    .map((k) => lowerFirst(kpiDefinition(k).label));
  const version = manifest?.bedsim_version ?? facts.version;
  const platform = manifest?.platform;
  const items: [string, string, string][] = [
    ["Objectives", "Purpose of the model", context.objective],
    [
      "Objectives",
      "Model outputs",
      `Per-year means across replications with 95% confidence intervals${summary ? " and P10/P90" : ""} of: ${joinWords(headline)}; ${plural(facts.kpis.length, "measure")} in all${summary ? ", by NHS financial year, and monthly series with P10-P90 bands" : ""}.`,
    ],
    ["Objectives", "Experimentation aims", context.experiments],
    ...(summary ? modelItems(summary) : sweepModelItems(facts)),
    ["Experimentation", "Common random numbers", context.commonRandomNumbers],
    [
      "Implementation",
      "Software",
      `bedsim ${version}, a discrete-event simulator written in TypeScript${manifest?.node_version ? `, run on Node.js ${manifest.node_version}` : ""}.`,
    ],
    [
      "Implementation",
      "Random sampling",
      `Seed ${facts.seed}. Each replication and random purpose (arrivals per cohort, lengths of stay, routes, readmissions) draws from its own Alea stream derived from the seed; each person carries a mulberry32 stream for needs that arise later. Arrivals are thinned from a non-homogeneous Poisson process; normal deviates by the Marsaglia polar method.`,
    ],
    [
      "Implementation",
      "Model execution",
      "Event by event with a binary-heap event list; events at the same instant in a fixed, documented order (discharges before admissions). Replications run in worker threads; the results do not depend on how many.",
    ],
    [
      "Implementation",
      "System specification",
      `${platform ? `Run on ${platform}` : "Platform not recorded in this result file"}${manifest?.run_at ? `, ${timestampLabel(manifest.run_at)}` : ""}.`,
    ],
    [
      "Code access",
      "Code and inputs",
      `bedsim is open source (MIT licence). The input files and their SHA-256 hashes are listed under "Version and reproducibility": with them, seed ${facts.seed} and version ${version} the results can be reproduced exactly.`,
    ],
  ];
  return items.map(([section, item, answer]) => ({ section, item, answer }));
}

function sweepModelItems(facts: ChecklistFacts): [string, string, string][] {
  const file = facts.scenarioFile;
  const where = file ? `the scenario file ${file} and the model it names` : "the scenario file";
  return [
    [
      "Model logic",
      "Base model",
      `As in a run of ${where}; a sweep's result file records the settings varied, not the model.`,
    ],
    [
      "Data and assumptions",
      "Data sources",
      `See ${where}, and the report of a single run of it, whose Assumptions table gives every parameter with its source.`,
    ],
    [
      "Experimentation",
      "Initialisation and run length",
      `As set in the run: block of ${where}; every value tried uses the same.`,
    ],
    [
      "Experimentation",
      "Replications",
      `${plural(facts.replications, "replication")} at every value tried.`,
    ],
  ];
}

function modelItems(summary: RunSummaryInput): [string, string, string][] {
  const { scenario } = summary;
  const run = scenario.run as ScenarioInput["run"] & { start_from?: string };
  const warmUpWarning = (summary.warnings ?? []).find((w) => /warm-up/i.test(w));
  const precision = summary.precision;
  return [
    [
      "Model logic",
      "Base model",
      `People arrive in each cohort as a non-homogeneous Poisson process (seasonality, growth and dated scaling), are supported at home by the crisis team or offered a crisis house with fixed shares, otherwise need an acute bed: a free local bed on a ward that accepts them, else a wait, else an out-of-area bed. After their length of stay they leave by a discharge route, possibly after a delay, and may be readmitted.${scenario.model.pathway.picu ? " Some transfer to intensive care (PICU) and step back down." : ""}`,
    ],
    [
      "Model logic",
      "Scenario logic",
      scenario.changes.length === 0
        ? "This scenario changes nothing: it is the system as modelled."
        : `${plural(scenario.changes.length, "dated change")} to the model, listed under "The scenario".`,
    ],
    ["Model logic", "Components", modelComponents(scenario)],
    ["Data and assumptions", "Data sources", sourcesAnswer(scenario)],
    [
      "Data and assumptions",
      "Input parameters",
      "Every parameter of the model as run is listed in the Assumptions table, after percentages are read as shares and the scenario's settings are applied.",
    ],
    [
      "Experimentation",
      "Initialisation",
      run.start_from
        ? `The run starts from a census of the people in services on ${longDate(run.start_from)}, each with a remaining stay drawn given the time already spent${run.warm_up_days > 0 ? `, after ${plural(run.warm_up_days, "warm-up day")}` : ""}.`
        : `Each replication starts empty and runs a warm-up of ${plural(run.warm_up_days, "day")}, whose results are discarded. ${warmUpWarning ? `The MSER-5 check warned: ${warmUpWarning}` : "The MSER-5 check of the warm-up raised no warning."}`,
    ],
    [
      "Experimentation",
      "Run length",
      `${formatNumber(run.years, Number.isInteger(run.years) ? 0 : 1)} years of results from ${longDate(run.start)}, after the warm-up.`,
    ],
    [
      "Experimentation",
      "Replications",
      precision
        ? `${plural(summary.replications, "replication")}, chosen by --precision to bring the 95% interval of each measure it checks within ±${formatNumber(precision.target_pct, 1)}% of its mean (at most ${formatNumber(precision.max_replications)}): ${precision.met ? "met" : "not met"}; the widest was ${lowerFirst(kpiDefinition(precision.worst_kpi).label)} at ±${formatNumber(precision.worst_pct, 1)}%.`
        : `${plural(summary.replications, "replication")}, fixed by the scenario; the 95% intervals show the precision reached.`,
    ],
  ];
}
