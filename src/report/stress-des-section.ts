/**
 * The STRESS-DES section of each report: the checklist (stress-des.ts) as a table, with what
 * each kind of study (a run, a comparison, a sweep) was for and how it used common random
 * numbers, in the words of that study.
 */

import { paragraph, type Section, table } from "./blocks.js";
import type { CompareInput, RunSummaryInput, SweepInput } from "./charts/data.js";
import { formatNumber, longDate } from "./charts/labels.js";
import { joinWords } from "./describe-scenario.js";
import { type ChecklistContext, type ChecklistFacts, stressDesChecklist } from "./stress-des.js";

export const STRESS_DES = "STRESS-DES reporting checklist";

export function stressDesSection(facts: ChecklistFacts, context: ChecklistContext): Section {
  const items = stressDesChecklist(facts, context);
  return {
    title: STRESS_DES,
    blocks: [
      paragraph(
        "The items of the STRESS-DES guideline for reporting discrete-event simulation studies (Monks et al. 2019), each answered from this run's own records.",
      ),
      table({
        header: ["Section", "Item", "This study"],
        rows: items.map((i) => [i.section, i.item, i.answer]),
      }),
    ],
  };
}

export function runChecklistFacts(summary: RunSummaryInput): ChecklistFacts {
  return {
    summary,
    seed: summary.seed,
    replications: summary.replications,
    version: summary.version,
    manifest: summary.manifest,
    kpis: Object.keys(summary.kpis),
  };
}

const title = (s: { title?: string; name: string }) => s.title ?? s.name;
const period = (summary: RunSummaryInput) =>
  `${formatNumber(summary.scenario.run.years, Number.isInteger(summary.scenario.run.years) ? 0 : 1)} years from ${longDate(summary.scenario.run.start)}`;

export function runContext(summary: RunSummaryInput): ChecklistContext {
  return {
    objective: `To estimate, for the scenario “${title(summary.scenario)}”, local acute bed occupancy, out-of-area placements, delayed discharges and their cost over ${period(summary)}, with honest uncertainty.`,
    experiments: `One scenario, run ${formatNumber(summary.replications)} times (replications); to compare it with another, run bedsim compare.`,
    commonRandomNumbers:
      "Not needed within one run. Each person's needs are drawn on arrival from streams that do not depend on capacity, so another scenario run with the same seed meets the same people, and a comparison is paired.",
  };
}

export function compareContext(compare: CompareInput): ChecklistContext {
  const names = compare.scenarios.map((s) => `“${title(s.summary.scenario)}”`);
  return {
    objective: `To estimate how ${joinWords(names)} would change out-of-area placements, occupancy, delayed discharges and cost against the baseline “${title(compare.baseline.scenario)}” over ${period(compare.baseline)}.`,
    experiments: `${formatNumber(compare.scenarios.length + 1)} scenarios (the baseline and ${joinWords(names)}), each run ${formatNumber(compare.replications)} times from seed ${compare.seed}; each KPI's difference from the baseline is paired replication by replication.`,
    commonRandomNumbers: `Used: replication i of every scenario meets the same people with the same needs (arrival times, lengths of stay, routes, readmissions), drawn from streams that do not depend on capacity, so the paired differences measure the changes rather than chance.`,
  };
}

export function sweepChecklistFacts(sweep: SweepInput): ChecklistFacts {
  return {
    scenarioFile: sweep.scenario.file,
    seed: sweep.seed,
    replications: sweep.replications,
    version: sweep.version,
    manifest: sweep.manifest,
    kpis: Object.keys(sweep.points[0]?.kpis ?? {}),
  };
}

export function sweepContext(sweep: SweepInput, tried: string[]): ChecklistContext {
  return {
    objective: sweep.target
      ? `To find the value that meets a target, for the scenario “${title(sweep.scenario)}”.`
      : `To see how results change with ${sweep.parameters.length > 1 ? "two settings" : "one setting"}, for the scenario “${title(sweep.scenario)}”.`,
    experiments: `${formatNumber(sweep.points.length)} values tried, each run ${formatNumber(sweep.replications)} times: ${tried.join(" ")}`,
    commonRandomNumbers:
      "Used: every value tried meets the same people with the same needs, so differences between values come from the setting, not from chance.",
  };
}
