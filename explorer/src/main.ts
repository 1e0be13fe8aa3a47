// The explorer page: levers generated from the model, the plan they make, runs in Web
// Workers with common random numbers, and the results in the report's own words and charts.
import "./node-maths.js";
import { warningText } from "../../src/cli/warning-text.js";
import { runWarnings } from "../../src/experiment/run-warnings.js";
import { calendarOf } from "../../src/model/calendar.js";
import { KPI_DEFINITIONS, kpiDefinition } from "../../src/model/kpi-definitions.js";
import type { ReplicationOutcome } from "../../src/model/outcomes.js";
import { COHORT_FAMILIES } from "../../src/model/reported-kpis.js";
import { byCohortTable } from "../../src/report/by-cohort-table.js";
import { byWardChart } from "../../src/report/charts/by-ward.js";
import { compareByYearChart } from "../../src/report/charts/compare-by-year.js";
import { costByServiceChart } from "../../src/report/charts/cost-by-service.js";
import {
  formatDifference,
  formatDifferenceInterval,
  formatInterval,
} from "../../src/report/charts/labels.js";
import { occupancyChart } from "../../src/report/charts/occupancy.js";
import { outOfAreaByYearChart } from "../../src/report/charts/out-of-area-by-year.js";
import { outOfAreaOverTimeChart } from "../../src/report/charts/out-of-area-over-time.js";
import { OKABE_ITO } from "../../src/report/charts/palette.js";
import { describeChange, type Table } from "../../src/report/describe-scenario.js";
import { runFindings, scenarioFindings } from "../../src/report/findings.js";
import { formatRange, formatValue } from "../../src/report/format.js";
import { financialYearsCsv } from "../../src/report/run-files.js";
import { compareWorkbookBytes, runWorkbookBytes } from "../../src/report/workbook-files.js";
import { WORKBOOK } from "../../src/report/workbook-name.js";
import type { CompareFile } from "../../src/results/compare.js";
import { resultJson } from "../../src/results/format-version.js";
import type { RunSummaryFile } from "../../src/results/run-summary.js";
import { basename, dirname } from "../../src/scenario/file-paths.js";
import { formatProblem, InputError } from "../../src/scenario/input-error.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { LoadedScenario } from "../../src/scenario/scenario-types.js";
import { MAX_FILE_BYTES } from "../../src/scenario/text-files.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import { yamlComments } from "../../src/scenario/yaml-comments.js";
import { drawCharts } from "./charts.js";
import { editorPanel } from "./editor-panel.js";
import { type EmbeddedFiles, embeddedFiles, memoryFiles } from "./embedded-files.js";
import { closureChoices, isEmpty, type Lever, leversOf, type Plan, planYaml } from "./levers.js";
import { type PageRun, pageWorkers, runInWorkers } from "./page-pool.js";
import { partTable, SERVICE_FAMILIES } from "./part-tables.js";
import { arrived, type PageScenario, pageComparison, pageSummary } from "./summaries.js";

/** The exports of results, which wait for a run to finish. */
const EXPORTS = ["export-json", "export-csv", "export-xlsx"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

const data = embeddedFiles();
/** Files changed in the editor and applied, over the inlined ones. */
const edits: Record<string, string> = {};
let baseline: LoadedScenario | undefined;
let levers: Lever[] = [];
let running: PageRun | undefined;
let lastResults: CompareFile | RunSummaryFile | undefined;
/** The plan's summary, or the baseline's when there is no plan: what the CSV export holds. */
let lastSummary: RunSummaryFile | undefined;
/** The results workbook of what is shown, as `bedsim run` or `bedsim compare` writes it. */
let lastWorkbook: (() => Promise<Uint8Array>) | undefined;

/** The plan's file: beside the explored scenario, so that `extends:` names it alone. */
function planFile(entry: string): string {
  const name = basename(entry) === "plan.yaml" ? "explored-plan.yaml" : "plan.yaml";
  const folder = dirname(entry);
  return folder === "." ? name : `${folder}/${name}`;
}

function filesNow(extra: Record<string, string> = {}) {
  return memoryFiles((data as EmbeddedFiles).files, { ...edits, ...extra });
}

/** Shows the loader's located problems in `where` (by the editor for an edit), or clears it. */
function showProblems(error: unknown, where = "problems"): void {
  const box = $(where);
  box.replaceChildren();
  if (error === undefined) {
    box.hidden = true;
    return;
  }
  const heading = document.createElement("p");
  const list = document.createElement("ul");
  if (error instanceof InputError) {
    heading.textContent = "Please correct this in the scenario or the plan:";
    for (const problem of error.problems) {
      const item = document.createElement("li");
      // The page's replications box reaches the loader as the command line's option does.
      item.textContent = formatProblem(problem).replace(
        /^run\.replications=\S+ \(from --replications or --set\): /,
        "Replications: ",
      );
      list.append(item);
    }
  } else {
    heading.textContent = `Something went wrong in bedsim itself (not in your files): ${error instanceof Error ? error.message : String(error)}`;
  }
  box.append(heading, list);
  box.hidden = false;
}

/** Loads a scenario through bedsim's loader, with the page's replications. */
function load(file: string, extra: Record<string, string> = {}): PageScenario {
  const replications = Number(($("replications") as HTMLInputElement).value);
  const set =
    Number.isInteger(replications) && replications > 0 ? [`run.replications=${replications}`] : [];
  const files = filesNow(extra);
  const loaded = loadScenario(file, { files, set });
  const { pathway, reinvestments } = buildPathway(loaded);
  // The loader has just read the model file; its comments are its figures' sources.
  const model = files.read(loaded.modelFile, MAX_FILE_BYTES);
  const modelSources = typeof model === "string" ? yamlComments(model) : {};
  return { loaded, pathway, reinvestments, modelSources };
}

// ---- levers -------------------------------------------------------------------------------

function field(id: string, labelText: string, control: HTMLElement, today?: string): HTMLElement {
  const row = document.createElement("div");
  row.className = "lever";
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = labelText;
  control.id = id;
  row.append(label, control);
  if (today !== undefined) {
    const note = document.createElement("span");
    note.className = "today";
    note.id = `${id}-today`;
    note.textContent = `today: ${today}`;
    control.setAttribute("aria-describedby", note.id);
    row.append(note);
  }
  return row;
}

function numberInput(value: number, min: number, max: number, step: number): HTMLInputElement {
  const input = document.createElement("input");
  input.type = "number";
  input.min = String(min);
  input.max = String(max);
  input.step = String(step);
  input.value = String(value);
  return input;
}

function select(options: { id: string; name: string }[], value?: string): HTMLSelectElement {
  const control = document.createElement("select");
  for (const o of options) control.add(new Option(o.name, o.id, false, o.id === value));
  return control;
}

function buildLevers(loaded: LoadedScenario): void {
  levers = leversOf(loaded);
  const form = $("levers");
  form.replaceChildren();
  const groups = new Map<string, HTMLFieldSetElement>();
  for (const lever of levers) {
    let set = groups.get(lever.group);
    if (!set) {
      set = document.createElement("fieldset");
      const legend = document.createElement("legend");
      legend.textContent = lever.group;
      set.append(legend);
      groups.set(lever.group, set);
      form.append(set);
    }
    const today = `${lever.baseline}${lever.unit === "%" ? "%" : ` ${lever.unit}`}`;
    set.append(
      field(
        lever.id,
        lever.label,
        numberInput(lever.baseline, lever.min, lever.max, lever.step),
        today,
      ),
    );
  }
  const { wards, into } = closureChoices(loaded);
  if (wards.length > 0) {
    const closure = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = "Close beds, and reinvest the money";
    const start = loaded.run.start;
    const twoYearsOn = `${Number(start.slice(0, 4)) + 2}${start.slice(4)}`;
    const date = document.createElement("input");
    date.type = "date";
    date.value = twoYearsOn;
    closure.append(
      legend,
      field("close-ward", "Ward", select(wards)),
      field("close-date", "From", date),
      field("close-beds", "Beds to close", numberInput(0, 0, 1000, 1), "0 (no closure)"),
    );
    if (into.length > 0)
      closure.append(
        field(
          "reinvest-share",
          "Share of the money released reinvested (%)",
          numberInput(0, 0, 100, 1),
          "0%",
        ),
        field("reinvest-into", "Reinvested in", select(into)),
      );
    form.append(closure);
  }
}

function value(id: string): string {
  return ($(id) as HTMLInputElement | null)?.value ?? "";
}

function currentPlan(loaded: LoadedScenario): Plan {
  const plan: Plan = { values: {} };
  for (const lever of levers) {
    const input = $(lever.id) as HTMLInputElement;
    const v = Number(input.value);
    const changed = input.value.trim() !== "" && Number.isFinite(v) && v !== lever.baseline;
    input.closest(".lever")?.classList.toggle("changed", changed);
    if (changed) plan.values[lever.id] = v;
  }
  const beds = Number(value("close-beds"));
  if (beds > 0) {
    plan.closure = {
      ward: value("close-ward"),
      date: value("close-date"),
      beds,
      reinvestPct: Number(value("reinvest-share")) || 0,
      into: value("reinvest-into"),
    };
  }
  const replications = Number(value("replications"));
  if (replications !== loaded.run.replications && Number.isInteger(replications))
    plan.replications = replications;
  return plan;
}

function currentPlanText(loaded: LoadedScenario, plan: Plan): string {
  return planYaml(plan, levers, basename(loaded.file), "Plan made in the bedsim explorer");
}

/** Lists the plan in words, checking it with the loader as the person types. */
function planChanged(): void {
  if (!baseline) return;
  // Results on show belong to the plan that was run, not to the one now being edited.
  if (lastResults && !running)
    $("status").textContent =
      "The plan has changed since the results below: press Run to update them.";
  const plan = currentPlan(baseline);
  const list = $("plan-list");
  list.replaceChildren();
  const item = (text: string) => {
    const li = document.createElement("li");
    li.textContent = text;
    list.append(li);
  };
  if (isEmpty(plan)) {
    item("No changes yet: a run shows today's system (the baseline).");
    showProblems(undefined);
    return;
  }
  for (const lever of levers) {
    const v = plan.values[lever.id];
    if (v === undefined || lever.effect.kind === "scale") continue;
    const unit = lever.unit === "%" ? "%" : ` ${lever.unit}`;
    item(`${lever.label}: ${v}${unit} (today ${lever.baseline}${unit}).`);
  }
  try {
    const file = planFile(baseline.file);
    const loaded = loadScenario(file, {
      files: filesNow({ [file]: currentPlanText(baseline, plan) }),
    });
    const own = loaded.changes.slice(baseline.changes.length);
    for (const c of own) item(describeChange(c.change, loaded.model));
    showProblems(undefined);
  } catch (error) {
    showProblems(error);
  }
}

// ---- running ------------------------------------------------------------------------------

function setRunning(on: boolean): void {
  ($("run") as HTMLButtonElement).disabled = on;
  ($("cancel") as HTMLButtonElement).disabled = !on;
}

function run(): void {
  if (!baseline || running) return;
  let base: PageScenario;
  let plan: PageScenario | undefined;
  try {
    base = load(baseline.file);
    const p = currentPlan(baseline);
    if (!isEmpty(p)) {
      const file = planFile(baseline.file);
      plan = load(file, { [file]: currentPlanText(baseline, p) });
    }
    showProblems(undefined);
  } catch (error) {
    showProblems(error);
    return;
  }
  const total = base.loaded.run.replications;
  const seed = base.loaded.run.seed;
  const workers = Number(value("workers")) || pageWorkers();
  const pathways = plan ? [base.pathway, plan.pathway] : [base.pathway];
  const outcomes: (ReplicationOutcome | undefined)[][] = pathways.map(() => new Array(total));
  const started = performance.now();
  let lastDrawn = 0;
  const progress = $("progress") as HTMLProgressElement;
  progress.max = total;
  progress.value = 0;
  $("status").textContent =
    `Running ${total} replications${plan ? " of the baseline and the plan" : ""}…`;
  setRunning(true);
  for (const id of EXPORTS) ($(id) as HTMLButtonElement).disabled = true;
  const runNow = runInWorkers(pathways, seed, total, workers, (index, result, done) => {
    result.forEach((o, p) => {
      outcomes[p][index] = o;
    });
    progress.value = done;
    $("status").textContent = `${done} of ${total} replications done`;
    // Results update as replications arrive, at most twice a second (charts take a moment).
    const now = performance.now();
    if (done < total && done >= 2 && now - lastDrawn > 500) {
      lastDrawn = now;
      show(base, plan, outcomes, false);
    }
  });
  running = runNow;
  runNow.done
    .then(() => {
      show(base, plan, outcomes, true);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      $("status").textContent = `Done: ${total} replications in ${seconds} s (seed ${seed}).`;
      document.body.dataset.state = "done";
      for (const id of EXPORTS) ($(id) as HTMLButtonElement).disabled = false;
    })
    .catch((error: Error) => {
      if (error.name === "AbortError")
        $("status").textContent = "Cancelled; the results shown are from the replications done.";
      else showProblems(error);
      document.body.dataset.state = error.name === "AbortError" ? "cancelled" : "failed";
    })
    .finally(() => {
      running = undefined;
      setRunning(false);
    });
  document.body.dataset.state = "running";
}

// ---- results ------------------------------------------------------------------------------

function cell(row: HTMLTableRowElement, text: string, header = false): void {
  const c = document.createElement(header ? "th" : "td");
  c.textContent = text;
  if (header && row.parentElement?.tagName !== "THEAD") c.setAttribute("scope", "row");
  row.append(c);
}

function table(caption: string, head: string[], rows: string[][]): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  const t = document.createElement("table");
  t.createCaption().textContent = caption;
  const headRow = t.createTHead().insertRow();
  for (const h of head) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = h;
    headRow.append(th);
  }
  const body = t.createTBody();
  for (const r of rows) {
    const row = body.insertRow();
    for (const [i, text] of r.entries()) cell(row, text, i === 0);
  }
  wrap.append(t);
  return wrap;
}

/** KPIs of the registry that the run reports, headline ones first. */
function kpiNames(kpis: Record<string, unknown>): string[] {
  const names = Object.keys(KPI_DEFINITIONS).filter((n) => n in kpis);
  return [
    ...names.filter((n) => KPI_DEFINITIONS[n].headline),
    ...names.filter((n) => !KPI_DEFINITIONS[n].headline),
  ];
}

let chartsDrawnAt = 0;

/** Charts take a moment to draw: while a run goes on, at most every two seconds. */
function chartsDue(final: boolean): boolean {
  const now = performance.now();
  if (!final && now - chartsDrawnAt < 2000) return false;
  chartsDrawnAt = now;
  return true;
}

/** The headline measures in one table, every other measure in a second one, folded away. */
function showTables(rows: { name: string; cells: string[] }[], caption: string, head: string[]) {
  const headline = rows.filter((r) => KPI_DEFINITIONS[r.name].headline);
  const others = rows.filter((r) => !KPI_DEFINITIONS[r.name].headline);
  const more = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = `Every other measure (${others.length})`;
  more.append(
    summary,
    table(
      caption,
      head,
      others.map((r) => r.cells),
    ),
  );
  $("kpi-table").replaceChildren(
    table(
      `Headline results. ${caption}`,
      head,
      headline.map((r) => r.cells),
    ),
    more,
  );
}

/** A table in the report's shape (a by-ward or by-cohort view), under its own heading. */
function partView(title: string, caption: string, t: Table | undefined): HTMLElement[] {
  if (!t) return [];
  const h = document.createElement("h3");
  h.textContent = title;
  return [h, table(caption, t.header, t.rows)];
}

/** Per ward (and other local service) and per cohort, where the run reports them. */
function showParts(
  summary: RunSummaryFile,
  cell: (name: string) => string,
  cohorts: Table | undefined,
  note: string,
): void {
  const { model } = summary.scenario;
  const reported = (name: string) => name in summary.kpis;
  $("part-views").classList.add("parts");
  $("part-views").replaceChildren(
    ...partView(
      "By ward and service",
      `Each local ward and service, per year over the results period. ${note}`,
      partTable("Ward or service", model.services, SERVICE_FAMILIES, reported, cell),
    ),
    ...partView("By cohort", `Each cohort, per year over the results period. ${note}`, cohorts),
  );
}

function show(
  base: PageScenario,
  plan: PageScenario | undefined,
  outcomes: (ReplicationOutcome | undefined)[][],
  final: boolean,
): void {
  // Only replications that have arrived for every pathway, in index order, so pairs match.
  const complete = outcomes[0].map((_, i) => outcomes.every((o) => o[i] !== undefined));
  const pick = (p: number) => arrived(outcomes[p].map((o, i) => (complete[i] ? o : undefined)));
  const baseOutcomes = pick(0);
  if (baseOutcomes.length < 2) return;
  const findings = $("findings");
  findings.replaceChildren();
  const sentences = (title: string, lines: string[]) => {
    const h = document.createElement("h3");
    h.textContent = title;
    const list = document.createElement("ul");
    for (const line of lines) {
      const li = document.createElement("li");
      li.textContent = line;
      list.append(li);
    }
    findings.append(h, list);
  };
  const replications = `${baseOutcomes.length} replication${baseOutcomes.length === 1 ? "" : "s"}${final ? "" : " so far"}`;
  if (plan) {
    const compare = pageComparison(base, plan, baseOutcomes, pick(1));
    lastResults = compare;
    lastWorkbook = () => compareWorkbookBytes(compare);
    const planSummary = compare.scenarios[0].summary;
    lastSummary = planSummary;
    sentences(`What the plan does (${replications})`, scenarioFindings(compare, 0));
    const differences = compare.scenarios[0].differences;
    const rows = kpiNames(differences).map((name) => {
      const b = compare.baseline.kpis[name];
      const p = planSummary.kpis[name];
      const d = differences[name];
      return {
        name,
        cells: [
          kpiDefinition(name).label,
          `${formatValue(name, b.mean)} (${formatInterval(name, b.ci95)})`,
          `${formatValue(name, p.mean)} (${formatInterval(name, p.ci95)})`,
          `${formatDifference(name, d.mean)} (${formatDifferenceInterval(name, d.ci95)})`,
        ],
      };
    });
    showTables(
      rows,
      "Baseline and plan, per year over the results period; the difference is paired replication by replication (the same people in both)",
      ["Measure", "Baseline", "Plan", "Difference (plan − baseline)"],
    );
    const planCell = (name: string) => {
      const d = differences[name];
      const p = formatValue(name, planSummary.kpis[name].mean);
      return d
        ? `${p}\n${formatDifference(name, d.mean)} (${formatDifferenceInterval(name, d.ci95)})`
        : p;
    };
    const reported = (name: string) => name in planSummary.kpis;
    showParts(
      planSummary,
      planCell,
      partTable("Cohort", planSummary.scenario.model.cohorts, COHORT_FAMILIES, reported, planCell),
      "Each cell is the plan's mean, then its paired difference from the baseline with its 95% interval.",
    );
    if (chartsDue(final))
      drawCharts($("charts"), [
        occupancyChart(planSummary),
        outOfAreaOverTimeChart(planSummary),
        compareByYearChart(compare),
        byWardChart(planSummary),
        costByServiceChart(planSummary),
      ]);
  } else {
    const summary = pageSummary(base, baseOutcomes);
    lastResults = summary;
    lastWorkbook = () =>
      runWorkbookBytes(
        summary,
        baseOutcomes.map((o) => o.kpis),
      );
    lastSummary = summary;
    sentences(`Today's system (${replications})`, runFindings(summary));
    const rows = kpiNames(summary.kpis).map((name) => {
      const k = summary.kpis[name];
      return {
        name,
        cells: [kpiDefinition(name).label, formatValue(name, k.mean), formatInterval(name, k.ci95)],
      };
    });
    showTables(rows, "Results per year over the results period", [
      "Measure",
      "Mean",
      "95% interval",
    ]);
    const cell = (name: string) => {
      const k = summary.kpis[name];
      return `${formatValue(name, k.mean)} (${formatRange(name, k.ci95)})`;
    };
    showParts(summary, cell, byCohortTable(summary), "Means with 95% confidence intervals.");
    if (chartsDue(final))
      drawCharts($("charts"), [
        occupancyChart(summary),
        outOfAreaOverTimeChart(summary),
        outOfAreaByYearChart(summary),
        byWardChart(summary),
        costByServiceChart(summary),
      ]);
  }
  if (final) {
    const notes = [base, ...(plan ? [plan] : [])].flatMap((s, p) => {
      const warnings = runWarnings(s.pathway, calendarOf(s.pathway), pick(p), undefined);
      const who = plan ? (p === 0 ? "Baseline: " : "Plan: ") : "";
      return [...(s.loaded.notes ?? []), ...warnings.map(warningText)].map((w) => who + w);
    });
    if (notes.length > 0) sentences("Notes on the run", notes);
  }
}

// ---- export and editing ---------------------------------------------------------------------

function download(name: string, contents: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function start(loaded: LoadedScenario): void {
  baseline = loaded;
  $("scenario-title").textContent =
    `${loaded.title} (${basename(loaded.file)}, model ${basename(loaded.modelFile)}; ${loaded.run.years} years from ${loaded.run.start}, seed ${loaded.run.seed})`;
  buildLevers(loaded);
  planChanged();
}

function init(): void {
  // The focus ring in the report's colour-blind-safe blue, from the palette's one home.
  document.documentElement.style.setProperty("--focus", OKABE_ITO.blue);
  if (!data) {
    showProblems(
      new InputError([
        {
          message:
            "this page has no scenario in it; make one with: npx bedsim explore scenarios/baseline.yaml",
        },
      ]),
    );
    return;
  }
  const workers = $("workers") as HTMLSelectElement;
  for (let n = 1; n <= Math.max(pageWorkers(), 1); n++)
    workers.add(new Option(String(n), String(n), false, n === pageWorkers()));
  editorPanel({
    data,
    edits,
    modelFile: () => baseline?.modelFile,
    report: (error) => showProblems(error, "editor-problems"),
    applied: (loaded) => {
      ($("replications") as HTMLInputElement).value = String(loaded.run.replications);
      showProblems(undefined);
      start(loaded);
      $("status").textContent = "The edited files are now the baseline.";
    },
  });
  try {
    const loaded = loadScenario(data.entry, { files: filesNow() });
    ($("replications") as HTMLInputElement).value = String(loaded.run.replications);
    start(loaded);
  } catch (error) {
    showProblems(error);
  }
  const form = $("levers");
  form.addEventListener("input", planChanged);
  form.addEventListener("change", planChanged);
  form.addEventListener("submit", (e) => e.preventDefault());
  $("run").addEventListener("click", run);
  $("cancel").addEventListener("click", () => running?.cancel());
  $("replications").addEventListener("input", planChanged);
  $("reset").addEventListener("click", () => baseline && start(baseline));
  $("export-yaml").addEventListener("click", () => {
    if (!baseline) return;
    download("plan.yaml", currentPlanText(baseline, currentPlan(baseline)), "text/yaml");
  });
  $("export-json").addEventListener("click", () => {
    if (lastResults) download("results.json", resultJson(lastResults), "application/json");
  });
  $("export-xlsx").addEventListener("click", async () => {
    if (!lastWorkbook) return;
    const button = $("export-xlsx") as HTMLButtonElement;
    button.disabled = true;
    $("status").textContent = "Making the workbook…";
    try {
      const bytes = await lastWorkbook();
      download(WORKBOOK, new Uint8Array(bytes), XLSX_TYPE);
      $("status").textContent = `Saved ${WORKBOOK}: the workbook bedsim run or compare writes.`;
    } catch (error) {
      showProblems(error);
    } finally {
      button.disabled = false;
    }
  });
  $("export-csv").addEventListener("click", () => {
    if (lastSummary) download("financial-years.csv", financialYearsCsv(lastSummary), "text/csv");
  });
  document.body.dataset.state = "ready";
}

init();
