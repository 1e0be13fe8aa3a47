/**
 * Every parameter of the model as run, one row each, with its source: the comment the user
 * wrote beside it in the model file, or else the one beside the section it sits in (a
 * comment above `cohorts:` cites every cohort's arrival rate). Read by the workbook's
 * Assumptions sheet; the rows are the recorded model, so nothing is left out.
 */
import type { ScenarioInput } from "./charts/data.js";
import { capitalise, humanise } from "./charts/labels.js";

export interface AssumptionRow {
  /** The path as in `model_sources`: "cohorts.older_adults.picu_share". */
  key: string;
  /** The same path for a reader: "Cohorts › Older adults (65+) › picu share". */
  parameter: string;
  value: number | string;
  /** Whether `value` is a share (stored as a fraction, shown as a percentage). */
  share: boolean;
  source: string;
  /** Where the source was written: beside the figure itself, or beside its section. */
  sourceAt: "figure" | "section" | "none";
}

/** Settings written as percentages in the YAML (and held as fractions). */
const SHARE_KEYS = new Set([
  "share",
  "weight",
  "growth_per_year",
  "crisis_team_support_at_home",
  "crisis_house_instead_of_admission",
  "readmission_within_30_days",
  "picu_share",
]);

/** The name of a list item in a path, as the model file's comments are keyed. */
export function assumptionKey(item: unknown, index: number): string {
  if (item && typeof item === "object")
    for (const key of ["id", "route"]) {
      const value = (item as Record<string, unknown>)[key];
      if (typeof value === "string" && value !== "") return value;
    }
  return String(index);
}

/** A list item for a reader: its name, else its id or route, else "#1", "#2"… */
function displayName(item: unknown, key: string, index: number): string {
  const name = item && typeof item === "object" ? (item as { name?: unknown }).name : undefined;
  if (typeof name === "string" && name !== "") return name;
  return key === String(index) ? `#${index + 1}` : humanise(key);
}

export function assumptionRows(scenario: ScenarioInput): AssumptionRow[] {
  return walkModel(scenario).rows;
}

/**
 * The sources the model file gives, one row each: [figure or section, source], in file
 * order, each path in a reader's words ("Cohorts › Older adults (65+) › picu share").
 */
export function assumptionSources(scenario: ScenarioInput): string[][] {
  const { labels } = walkModel(scenario);
  return Object.entries(scenario.model_sources ?? {}).map(([key, source]) => [
    labels.get(key) ?? key,
    source,
  ]);
}

function walkModel(scenario: ScenarioInput): {
  rows: AssumptionRow[];
  labels: Map<string, string>;
} {
  const sources = scenario.model_sources ?? {};
  const rows: AssumptionRow[] = [];
  const labels = new Map<string, string>();
  const sourceOf = (path: string[]): Pick<AssumptionRow, "source" | "sourceAt"> => {
    for (let n = path.length; n > 0; n--) {
      const found = sources[path.slice(0, n).join(".")];
      if (found) return { source: found, sourceAt: n === path.length ? "figure" : "section" };
    }
    return { source: "", sourceAt: "none" };
  };
  const walk = (value: unknown, path: string[], words: string[]) => {
    labels.set(path.join("."), capitalise(words.join(" › ")));
    const last = path[path.length - 1] ?? "";
    const isLeafList =
      Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null);
    if (value === null || value === undefined) return;
    if (typeof value !== "object" || isLeafList) {
      // Names and descriptions are what the rows are labelled with, not assumptions.
      if (["name", "description", "id"].includes(last)) return;
      const share = SHARE_KEYS.has(last) && typeof value === "number";
      rows.push({
        key: path.join("."),
        parameter: capitalise(words.join(" › ")),
        value: isLeafList
          ? (value as unknown[]).join(", ")
          : typeof value === "number"
            ? value
            : String(value),
        share,
        ...sourceOf(path),
      });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const key = assumptionKey(item, i);
        walk(item, [...path, key], [...words, displayName(item, key, i)]);
      });
      return;
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>))
      walk(child, [...path, key], [...words, humanise(key)]);
  };
  const { name: _name, description: _description, ...model } = scenario.model;
  walk(model, [], []);
  return { rows, labels };
}
