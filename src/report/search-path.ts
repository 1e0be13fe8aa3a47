/**
 * The report's account of a right-size search over several settings: every target, the path
 * the search took one step at a time, what one bed fewer would do, and the final check of the
 * answer on fresh replications with each target's interval.
 */
import { kpiDefinition, kpiParts } from "../model/kpi-definitions.js";
import type { RightsizeFile, SweepTarget } from "../results/sweep.js";
import { parameterValueLabel } from "./charts/labels.js";
import { yearlyStatisticWords } from "./charts/sweep.js";
import type { Table } from "./describe-scenario.js";
import { formatRange, formatValue } from "./format.js";

type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  | { kind: "table"; table: Table; caption?: string };

/** "Out-of-area bed-days: working age men, 90th percentile of single financial years, at most 365" */
export function targetWords(t: SweepTarget): string {
  return `${kpiDefinition(t.kpi).label}, ${t.statistic === "mean" ? "mean across replications" : yearlyStatisticWords(t.statistic)}, ${t.operator === "<=" ? "at most" : "at least"} ${formatValue(t.kpi, t.value)}`;
}

/** The sections a search over several settings adds to the report (none for other files). */
export function searchSections(
  sweep: Partial<Pick<RightsizeFile, "search" | "final_check">> &
    Pick<RightsizeFile, "parameters" | "names" | "targets" | "minimise" | "overrides">,
): { title: string; blocks: Block[] }[] {
  const { search } = sweep;
  if (!search) return [];
  const targets = sweep.targets ?? [];
  const short = (path: string) => {
    const id = path.split(".").at(-2) ?? path;
    return sweep.names?.[id] ?? id;
  };
  const path: Table = {
    header: [
      "Step",
      "Move",
      ...sweep.parameters.map(short),
      ...targets.map((t) => `${kpiParts(t.kpi)?.id ?? t.kpi} (${t.statistic})`),
      sweep.minimise ? kpiDefinition(sweep.minimise).label : "Total of the settings",
      "Targets met",
    ],
    numeric: [
      true,
      false,
      ...sweep.parameters.map(() => true),
      ...targets.map(() => true),
      true,
      false,
    ],
    rows: search.steps.map((step, i) => {
      const moved = sweep.parameters.find(
        (p) => i > 0 && step.values[p] !== search.steps[i - 1].values[p],
      );
      return [
        String(i),
        moved
          ? `${short(moved)}: ${search.steps[i - 1].values[moved]} → ${step.values[moved]}`
          : "start",
        ...sweep.parameters.map((p) => String(step.values[p])),
        ...step.estimates.map((e, j) => formatValue(targets[j]?.kpi ?? "", e.estimate)),
        formatValue(sweep.minimise ?? "", step.objective),
        step.met ? "yes" : "no",
      ];
    }),
  };
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: `Method: ${search.method}. From the file's values, one step at a time: first adding a bed where it most reduces the shortfall against the targets, then taking one away (or, when a KPI is minimised, adding one) where it most improves ${sweep.minimise ? `the mean ${kpiDefinition(sweep.minimise).label.toLowerCase()}` : "the total of the settings"} while every target still holds. ${search.replications_used} replications of a budget of ${search.budget} were used.`,
    },
    ...(targets.length > 0
      ? [{ kind: "list" as const, items: targets.map((t) => `Target: ${targetWords(t)}.`) }]
      : []),
    ...(sweep.overrides?.length
      ? [
          {
            kind: "paragraph" as const,
            text: `Run with ${sweep.overrides.map((o) => `--set ${o}`).join(" ")}.`,
          },
        ]
      : []),
    {
      kind: "table",
      table: path,
      caption: "Each step of the search, with the targets' statistics at that point.",
    },
  ];
  if (search.neighbours.length > 0)
    blocks.push({
      kind: "list",
      items: search.neighbours.map(
        (n) =>
          `One step down, ${parameterValueLabel(n.path, n.value, sweep.names)}: ${n.met ? `the targets still hold, but ${sweep.minimise ? kpiDefinition(sweep.minimise).label.toLowerCase() : "the total"} is ${formatValue(sweep.minimise ?? "", n.objective)}` : "a target is missed"}.`,
      ),
    });
  const sections = [{ title: "Path taken", blocks }];
  const check = sweep.final_check;
  if (check)
    sections.push({
      title: "Final check",
      blocks: [
        {
          kind: "paragraph",
          text: `The answer was run again on fresh replications (${check.first_replication} to ${check.first_replication + check.replications - 1}), since the search chose it on the first ones: ${check.met ? `every target holds${check.met_confidently ? ", even at the unfavourable end of each 95% interval" : ", though not at the unfavourable end of every 95% interval"}` : "a target is missed"}.`,
        },
        {
          kind: "table",
          table: {
            header: ["Target", "Estimate", "95% interval", "Met"],
            numeric: [false, true, true, false],
            rows: check.estimates.map((e, i) => [
              targets[i] ? targetWords(targets[i]) : e.kpi,
              formatValue(e.kpi, e.estimate),
              formatRange(e.kpi, e.ci95),
              e.met ? "yes" : "no",
            ]),
          },
        },
      ],
    });
  return sections;
}
