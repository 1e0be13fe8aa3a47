/**
 * A report as plain content (sections of paragraphs, lists, tables and charts), built once
 * and rendered twice: to self-contained HTML and to Markdown. Builders for the three kinds of
 * report live here; the renderers know nothing about bedsim.
 */
import { kpiDefinition } from "../model/kpi-definitions.js";
import { assumptionSources } from "./assumptions.js";
import {
  type Block,
  chartBlock,
  heading,
  list,
  paragraph,
  type ReportDocument,
  type Section,
  table,
} from "./blocks.js";
import { byCohortTable } from "./by-cohort-table.js";
import type {
  CompareInput,
  KpiSummary,
  ManifestInput,
  ModelInput,
  RunSummaryInput,
  ScenarioInput,
  SweepInput,
} from "./charts/data.js";
import { isPartYear } from "./charts/data.js";
import { includesZero } from "./charts/differences.js";
import {
  capitalise,
  formatDifference,
  formatDifferenceInterval,
  formatInterval,
  formatNumber,
  longDate,
  parameterLabel,
  timestampLabel,
} from "./charts/labels.js";
import type { RenderedChart } from "./charts/render.js";
import { meetsTarget, sweepHighlight, sweepKpis, yearlyStatisticWords } from "./charts/sweep.js";
import { costRows, costYears, inCostOrder } from "./cost-rows.js";
import {
  cohortTable,
  describeChange,
  describeReinvestment,
  kpiLabel,
  pathwaySettings,
  routeTable,
  serviceTable,
  type Table,
} from "./describe-scenario.js";
import {
  compareExecutiveSummary,
  runExecutiveSummary,
  sweepExecutiveSummary,
} from "./executive-summary.js";
import { pointLabel, runFindings, scenarioFindings, sweepFindings } from "./findings.js";
import { displayUnit, formatMoney, formatRange, formatValue } from "./format.js";
import { searchSections, targetWords } from "./search-path.js";
import {
  compareContext,
  runChecklistFacts,
  runContext,
  stressDesSection,
  sweepChecklistFacts,
  sweepContext,
} from "./stress-des-section.js";
import { kpiNotes, precisionNote } from "./table-notes.js";

export type { Block, ReportDocument, Section } from "./blocks.js";

/** Headline KPIs first (in definition order), then the rest in the summary's order. */
function orderedKpis(kpis: Record<string, KpiSummary>): string[] {
  const names = Object.keys(kpis);
  return [
    ...names.filter((n) => kpiDefinition(n).headline),
    ...names.filter((n) => !kpiDefinition(n).headline),
  ];
}

function kpiTable(
  kpis: Record<string, KpiSummary>,
  model?: ModelInput,
): { table: Table; headline: number[] } {
  const names = model ? inCostOrder(orderedKpis(kpis), kpis, model.services) : orderedKpis(kpis);
  return {
    table: {
      header: ["Measure", "Mean", "95% CI", "P10", "P90", "Unit"],
      numeric: [false, true, true, true, true, false],
      rows: names.map((name) => {
        const k = kpis[name];
        return [
          kpiLabel(name, model),
          formatValue(name, k.mean),
          formatRange(name, k.ci95),
          formatValue(name, k.p10),
          formatValue(name, k.p90),
          displayUnit(name),
        ];
      }),
    },
    headline: names.flatMap((n, i) => (kpiDefinition(n).headline ? [i] : [])),
  };
}

/** Headline KPIs by financial year: one row per KPI, one column per year (means). */
function yearTable(summary: RunSummaryInput): Table | undefined {
  const years = summary.by_financial_year;
  if (years.length === 0) return undefined;
  const names = orderedKpis(years[0].kpis).filter((n) => kpiDefinition(n).headline);
  return {
    header: [
      "Measure",
      ...years.map((y) => (isPartYear(y) ? `${y.year} (part: ${y.days} days)` : y.year)),
      "Unit",
    ],
    numeric: [false, ...years.map(() => true), false],
    rows: names.map((name) => [
      kpiDefinition(name).label,
      ...years.map((y) => (y.kpis[name] ? formatValue(name, y.kpis[name].mean) : "–")),
      displayUnit(name),
    ]),
  };
}

/** Cost by service and financial year: wards, then other kinds, largest first; total last. */
function costTable(summary: RunSummaryInput): Table | undefined {
  const years = costYears(summary);
  if (years.length === 0) return undefined;
  const rows = costRows(summary);
  const part = new Map(
    summary.by_financial_year.map((y) => [y.year, isPartYear(y) ? y.days : undefined]),
  );
  return {
    header: [
      "Service",
      ...years.map((y) => (part.get(y) ? `${y} (part: ${part.get(y)} days)` : y)),
    ],
    numeric: [false, ...years.map(() => true)],
    rows: rows.map((row) => [
      row.name,
      ...years.map((y) => {
        const v = row.years.get(y);
        return v ? formatMoney(v.mean) : "–";
      }),
    ]),
  };
}

/** The comments the model file wrote beside its figures, as a table of sources. */
function sourcesTable(scenario: ScenarioInput): Block[] {
  const rows = assumptionSources(scenario);
  if (rows.length === 0)
    return scenario.model_sources
      ? [
          paragraph(
            "The model file cites no sources beside its figures: every figure is an assumption.",
          ),
        ]
      : [];
  return [
    heading("Sources written in the model file"),
    table(
      { header: ["Figure or section", "Source (as written beside it)"], rows },
      "Every parameter, with the source that applies to it, is on the Assumptions sheet of results.xlsx.",
    ),
  ];
}

function scenarioBlocks(scenario: ScenarioInput): Block[] {
  const blocks: Block[] = [];
  if (scenario.description) blocks.push(paragraph(scenario.description.trim()));
  const { run } = scenario;
  blocks.push(
    paragraph(
      `Results cover ${formatNumber(run.years, Number.isInteger(run.years) ? 0 : 1)} years from ${longDate(run.start)}, using the model “${scenario.model.name}”${scenario.model_file ? ` (${scenario.model_file})` : ""}.`,
    ),
  );
  if (scenario.changes.length === 0) {
    blocks.push(paragraph("This scenario makes no changes: it is the system as modelled."));
  } else {
    blocks.push(heading("Changes"));
    blocks.push(list(scenario.changes.map((c) => describeChange(c, scenario.model))));
  }
  if (scenario.reinvestments && scenario.reinvestments.length > 0) {
    blocks.push(heading("Reinvestment"));
    blocks.push(list(scenario.reinvestments.map((r) => describeReinvestment(r, scenario.model))));
  }
  return blocks;
}

function assumptionsSection(scenario: ScenarioInput): Section {
  const model = scenario.model;
  const blocks: Block[] = [];
  if (model.description) blocks.push(paragraph(model.description.trim()));
  blocks.push(list(pathwaySettings(model)));
  blocks.push(heading("Cohorts"), table(cohortTable(model)));
  blocks.push(heading("Services"), table(serviceTable(model)));
  blocks.push(
    heading("Discharge routes from acute wards"),
    table(routeTable(model, model.pathway.discharge_routes)),
  );
  for (const cohort of model.cohorts) {
    if (!cohort.discharge_routes) continue;
    blocks.push(
      heading(`Discharge routes for ${cohort.name ?? cohort.id}`),
      table(routeTable(model, cohort.discharge_routes)),
    );
  }
  blocks.push(...sourcesTable(scenario));
  if (scenario.changes.length > 0)
    blocks.push(
      paragraph(
        "These are the model's values before the scenario's changes, which apply from their dates.",
      ),
    );
  if (scenario.changes.some((c) => c.close_beds !== undefined || c.set_beds !== undefined))
    blocks.push(
      paragraph(
        "Beds close as their patients leave: nobody is moved out of a closing bed, so a closed bed stays open (and staffed, and costed) until it empties, and its saving starts from then, not from the date of the change.",
      ),
    );
  return { title: "Assumptions", blocks };
}

function runMethod(summary: RunSummaryInput): string[] {
  const { run } = summary.scenario;
  return [
    `Each of the ${formatNumber(summary.replications)} replications simulates the same ${formatNumber(run.years)} years from ${longDate(run.start)}, person by person, with its own random numbers derived from seed ${summary.seed}. Every random purpose (arrivals for each cohort, lengths of stay, routes, readmissions) has its own stream, so the same seed and version reproduce these results exactly.`,
    `Each replication first runs a warm-up of ${formatNumber(run.warm_up_days)} days, which is discarded, so that results do not start from empty wards and services.`,
    "Counts, bed-days and costs are per year, averaged over the results period; occupancy and people out of area are averages over it. NHS financial years run from April to March.",
    "The tables give the mean across replications with a 95% confidence interval for that mean (Student's t), and the 10th and 90th percentiles across replications (P10 and P90), which show how much the results period itself can vary. Chart bands show P10 to P90 month by month, or the 95% interval where labelled.",
  ];
}

function provenanceBlocks(manifests: { label?: string; manifest?: ManifestInput }[]): Block[] {
  const blocks: Block[] = [];
  const first = manifests.find((m) => m.manifest)?.manifest;
  if (first) {
    const facts = [`bedsim version ${first.bedsim_version}`];
    if (first.node_version) facts.push(`Node.js ${first.node_version}`);
    if (first.seed !== undefined) facts.push(`seed ${first.seed}`);
    if (first.run_at) facts.push(`run ${timestampLabel(first.run_at)}`);
    blocks.push(paragraph(`${facts.join("; ")}.`));
  }
  const files = manifests.flatMap((m) =>
    (m.manifest?.files ?? []).map((f) => ({ ...f, label: m.label })),
  );
  const unique = files.filter(
    (f, i) => files.findIndex((g) => g.path === f.path && g.sha256 === f.sha256) === i,
  );
  if (unique.length > 0)
    blocks.push(
      paragraph(
        "Input files and their SHA-256 hashes: the same files, seed and version give the same numbers.",
      ),
      table({ header: ["File", "SHA-256"], rows: unique.map((f) => [f.path, f.sha256]) }),
    );
  return blocks;
}

const chartBlocks = (charts: RenderedChart[]): Block[] => charts.map(chartBlock);

/** The charts not already shown in `shown` (the executive summary shows one of them). */
function remaining(charts: RenderedChart[], shown: Section): RenderedChart[] {
  const names = new Set(shown.blocks.flatMap((b) => (b.kind === "chart" ? [b.chart.name] : [])));
  return charts.filter((c) => !names.has(c.name));
}

/** The run report: scenario, findings, results, charts, assumptions, method, provenance. */
export function runDocument(
  summary: RunSummaryInput,
  charts: RenderedChart[],
  provenance: string,
): ReportDocument {
  const executive = runExecutiveSummary(summary, charts);
  const kpis = kpiTable(summary.kpis, summary.scenario.model);
  const results: Block[] = [
    table(kpis.table, "Headline measures are in bold.", kpis.headline),
    ...[...kpiNotes(summary.kpis), ...precisionNote(summary.precision, summary.replications)].map(
      paragraph,
    ),
  ];
  const years = yearTable(summary);
  if (years) results.push(heading("Headline measures by financial year (means)"), table(years));
  const costs = costTable(summary);
  if (costs) results.push(heading("Cost by service and financial year (means)"), table(costs));
  const cohorts = byCohortTable(summary);
  if (cohorts)
    results.push(heading("By cohort"), table(cohorts, "Means with 95% confidence intervals."));
  return {
    title: summary.scenario.title ?? summary.scenario.name,
    subtitle: `bedsim run of scenario “${summary.scenario.name}”`,
    provenance,
    sections: [
      executive,
      { title: "The scenario", blocks: scenarioBlocks(summary.scenario) },
      ...(summary.warnings?.length
        ? [{ title: "Warnings", blocks: [list(summary.warnings)] }]
        : []),
      { title: "Key findings", blocks: [list(runFindings(summary))] },
      { title: "Results", blocks: results },
      { title: "More charts", blocks: chartBlocks(remaining(charts, executive)) },
      assumptionsSection(summary.scenario),
      { title: "Method", blocks: runMethod(summary).map(paragraph) },
      stressDesSection(runChecklistFacts(summary), runContext(summary)),
      {
        title: "Version and reproducibility",
        blocks: provenanceBlocks([{ manifest: summary.manifest }]),
      },
    ].filter((section) => section.blocks.length > 0),
  };
}

function differenceTable(compare: CompareInput, index: number): Table {
  const scenario = compare.scenarios[index];
  const names = orderedKpis(compare.baseline.kpis).filter((n) => scenario.differences[n]);
  return {
    header: ["Measure", "Baseline", "Scenario", "Difference", "95% CI", "Unit"],
    numeric: [false, true, true, true, true, false],
    rows: names.map((name) => {
      const d = scenario.differences[name];
      const base = compare.baseline.kpis[name];
      const other = scenario.summary.kpis[name];
      return [
        kpiLabel(name, compare.baseline.scenario.model),
        base ? formatValue(name, base.mean) : "–",
        other ? formatValue(name, other.mean) : "–",
        includesZero(d.ci95)
          ? `${formatDifference(name, d.mean)} (no clear difference)`
          : formatDifference(name, d.mean),
        formatDifferenceInterval(name, d.ci95).replace(/^95% CI /, ""),
        displayUnit(name),
      ];
    }),
  };
}

function differenceByYearTable(compare: CompareInput, name: string): Table | undefined {
  const years = compare.baseline.by_financial_year.map((y) => y.year);
  if (!compare.scenarios.some((s) => (s.differences_by_financial_year ?? []).length > 0))
    return undefined;
  return {
    header: [
      "Financial year",
      "Baseline",
      ...compare.scenarios.map((s) => s.summary.scenario.name),
    ],
    numeric: [false, true, ...compare.scenarios.map(() => true)],
    rows: years.map((year) => {
      const base = compare.baseline.by_financial_year.find((y) => y.year === year)?.kpis[name];
      return [
        year,
        base ? formatValue(name, base.mean) : "–",
        ...compare.scenarios.map((s) => {
          const d = (s.differences_by_financial_year ?? []).find((y) => y.year === year)
            ?.differences[name];
          return d
            ? `${formatDifference(name, d.mean)} (${formatDifferenceInterval(name, d.ci95).replace(/^95% CI /, "")})`
            : "–";
        }),
      ];
    }),
  };
}

/** The comparison report: each scenario's changes, paired differences, charts, method. */
export function compareDocument(
  compare: CompareInput,
  charts: RenderedChart[],
  provenance: string,
): ReportDocument {
  const baseline = compare.baseline.scenario;
  const scenarios: Block[] = [
    heading(`Baseline: ${baseline.title ?? baseline.name}`),
    ...scenarioBlocks(baseline),
    ...compare.scenarios.flatMap((s) => [
      heading(`Scenario: ${s.summary.scenario.title ?? s.summary.scenario.name}`),
      ...scenarioBlocks(s.summary.scenario),
    ]),
  ];
  const results: Block[] = compare.scenarios.flatMap((s, i) => [
    heading(`${s.summary.scenario.title ?? s.summary.scenario.name} − baseline`),
    table(differenceTable(compare, i)),
  ]);
  for (const name of ["oap_admissions", "total_cost"]) {
    const byYear = differenceByYearTable(compare, name);
    if (byYear && compare.baseline.kpis[name])
      results.push(
        heading(
          `${kpiDefinition(name).label} by financial year: baseline, and each scenario's difference (95% CI)`,
        ),
        table(byYear),
      );
  }
  const names = compare.scenarios.map((s) => s.summary.scenario.title ?? s.summary.scenario.name);
  const executive = compareExecutiveSummary(compare, charts);
  return {
    // Several titles joined make an unreadable heading: name them in the subtitle instead.
    title:
      names.length === 1
        ? `${names[0]}: compared with the baseline`
        : `${formatNumber(names.length)} scenarios compared with the baseline`,
    subtitle:
      names.length === 1
        ? `Baseline: ${baseline.title ?? baseline.name}`
        : `Baseline: ${baseline.title ?? baseline.name} · scenarios: ${names.map((n) => `“${n}”`).join(", ")}`,
    provenance,
    sections: [
      executive,
      { title: "What is compared", blocks: scenarios },
      {
        title: "Key findings",
        blocks:
          compare.scenarios.length === 1
            ? [list(scenarioFindings(compare, 0))]
            : compare.scenarios.flatMap((s, i) => [
                heading(s.summary.scenario.title ?? s.summary.scenario.name),
                list(scenarioFindings(compare, i)),
              ]),
      },
      { title: "Differences from the baseline", blocks: results },
      { title: "More charts", blocks: chartBlocks(remaining(charts, executive)) },
      assumptionsSection(baseline),
      {
        title: "Method",
        blocks: [
          ...runMethod(compare.baseline).map(paragraph),
          paragraph(
            "The baseline and every scenario use common random numbers: the same people arrive with the same needs (arrival times, lengths of stay, routes, readmissions) in the same replication of each, so differences come from the changes rather than from chance.",
          ),
          paragraph(
            "Differences are paired: each replication of a scenario is compared with the same replication of the baseline, and the 95% confidence interval is for the mean of those paired differences. Where the interval includes zero the report says there is no clear difference: the change may have an effect, but too small to tell from chance with this many replications.",
          ),
        ],
      },
      stressDesSection(runChecklistFacts(compare.baseline), compareContext(compare)),
      {
        title: "Version and reproducibility",
        blocks: provenanceBlocks([
          { manifest: compare.baseline.manifest },
          ...compare.scenarios.map((s) => ({ manifest: s.summary.manifest })),
        ]),
      },
    ].filter((section) => section.blocks.length > 0),
  };
}

function sweepTable(sweep: SweepInput): Table {
  const kpis = sweepKpis(sweep);
  const highlight = sweepHighlight(sweep);
  return {
    header: [
      ...sweep.parameters.map((p) => capitalise(parameterLabel(p, sweep.names))),
      ...kpis.map((k) => `${kpiDefinition(k).label} (${displayUnit(k)})`),
      ...(sweep.target ? ["Meets target"] : []),
    ],
    numeric: [...sweep.parameters.map(() => true), ...kpis.map(() => true), false],
    rows: [...sweep.points]
      .sort((a, b) => {
        for (const p of sweep.parameters)
          if (a.values[p] !== b.values[p]) return a.values[p] - b.values[p];
        return 0;
      })
      .map((point) => [
        ...sweep.parameters.map((p) =>
          formatNumber(point.values[p], Number.isInteger(point.values[p]) ? 0 : 2),
        ),
        ...kpis.map((k) =>
          point.kpis[k]
            ? `${formatValue(k, point.kpis[k].mean)} (${formatInterval(k, point.kpis[k].ci95).replace(/^95% CI /, "")})`
            : "–",
        ),
        ...(sweep.target
          ? [
              `${meetsTarget(sweep, point) ? "yes" : "no"}${highlight && sameValues(point.values, highlight.values) ? " (answer)" : ""}`,
            ]
          : []),
      ]),
  };
}

function sameValues(a: Record<string, number>, b: Record<string, number>): boolean {
  return Object.keys(a).every((k) => a[k] === b[k]);
}

/** The sweep (or right-size) report: what was tried, the answer, the table, the charts. */
export function sweepDocument(
  sweep: SweepInput,
  charts: RenderedChart[],
  provenance: string,
): ReportDocument {
  const tried = sweep.parameters.map((p) => {
    const values = [...new Set(sweep.points.map((pt) => pt.values[p]))].sort((a, b) => a - b);
    return `${capitalise(parameterLabel(p, sweep.names))} (${p}): ${values.map((v) => formatNumber(v, Number.isInteger(v) ? 0 : 2)).join(", ")}.`;
  });
  const target = sweep.target;
  if (sweep.overrides?.length)
    tried.push(`Run with ${sweep.overrides.map((o) => `--set ${o}`).join(" ")}.`);
  // Every target after the first (the first is worded below, as before).
  for (const t of (sweep.targets ?? []).slice(1)) tried.push(`Also: ${targetWords(t)}.`);
  if (target)
    tried.push(
      `Target: ${kpiDefinition(target.kpi).label}, ${target.statistic === "mean" ? "mean across replications" : `${yearlyStatisticWords(target.statistic)}, over every replication`}, ${target.operator === "<=" ? "at most" : "at least"} ${formatValue(target.kpi, target.value)} (${displayUnit(target.kpi)}).`,
    );
  if (sweep.minimise)
    tried.push(
      `Among the values that meet the target, the lowest ${kpiDefinition(sweep.minimise).label.toLowerCase()} is preferred.`,
    );
  const highlight = sweepHighlight(sweep);
  const executive = sweepExecutiveSummary(sweep, charts);
  return {
    title: target
      ? `Right-sizing ${sweep.parameters.map((p) => parameterLabel(p, sweep.names)).join(" and ")}`
      : `${capitalise(sweep.parameters.map((p) => parameterLabel(p, sweep.names)).join(" and "))}: a sweep`,
    subtitle: `Scenario: ${sweep.scenario.title ?? sweep.scenario.name}${highlight ? ` · answer: ${pointLabel(sweep, highlight)}` : ""}`,
    provenance,
    sections: [
      executive,
      { title: "What was tried", blocks: [list(tried)] },
      { title: "Key findings", blocks: [list(sweepFindings(sweep))] },
      {
        title: "Results",
        blocks: [table(sweepTable(sweep), "Means with 95% confidence intervals.")],
      },
      ...searchSections(sweep),
      { title: "More charts", blocks: chartBlocks(remaining(charts, executive)) },
      {
        title: "Method",
        blocks: [
          paragraph(
            `Each value tried is run as its own scenario with ${formatNumber(sweep.replications)} replications from seed ${sweep.seed}, with common random numbers: the same people arrive with the same needs at every value, so the differences between values come from the parameter, not from chance.`,
          ),
          paragraph(
            "Figures are per year, averaged over the results period, with 95% confidence intervals for the mean across replications. A target on a percentile (P90, say) asks that nine results periods in ten stay within it, which needs more capacity than a target on the mean.",
          ),
        ],
      },
      stressDesSection(sweepChecklistFacts(sweep), sweepContext(sweep, tried)),
      {
        title: "Version and reproducibility",
        blocks: provenanceBlocks([
          {
            manifest: sweep.manifest ?? {
              bedsim_version: sweep.version,
              seed: sweep.seed,
              files: [],
              run_at: sweep.run_at,
            },
          },
        ]),
      },
    ].filter((section) => section.blocks.length > 0),
  };
}
