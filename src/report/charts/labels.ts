/** Words and dates for people: month and date labels, ids made readable, the provenance line. */
import { kpiDefinition } from "../../model/kpi-definitions.js";
import { formatValue } from "../format.js";
import type { CompareInput, SweepInput } from "./data.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "2025-04" → "Apr 2025". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  const name = MONTHS[Number(m) - 1];
  return name ? `${name.slice(0, 3)} ${year}` : month;
}

/** "2027-04-01" → "1 April 2027". */
export function longDate(date: string): string {
  const [year, m, d] = date.split("-");
  const name = MONTHS[Number(m) - 1];
  return name && d ? `${Number(d)} ${name} ${year}` : date;
}

/** An ISO timestamp as "22 Nov 2026 07:41 UTC". */
export function timestampLabel(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()].slice(0, 3)} ${date.getUTCFullYear()}`;
  const time = date.toISOString().slice(11, 16);
  return `${day} ${time} UTC`;
}

/** "community_rehab" → "community rehab". */
export function humanise(id: string): string {
  return id.replaceAll("_", " ");
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Display names of the services and cohorts a sweep varies, by id ("Oakwood (men)"). */
export type DisplayNames = Record<string, string>;

/**
 * A sweep parameter path in words: "services.oakwood_ward.beds" → "beds on Oakwood (men)"
 * (or "beds on oakwood ward" without a display name), "cohorts.older_adults.arrivals_per_year"
 * → "arrivals per year of older adults", "cohorts.men.ward_stay.components.0.of.mean" → "mean
 * of ward stay (component 1) of men", "changes.close_men_beds.close_beds" → "beds closed
 * (close men beds)", "changes[0].close_beds" → "beds closed in change 1".
 */
export function parameterLabel(path: string, names: DisplayNames = {}): string {
  const parts = path.replace(/\[\s*(\d+)\s*\]/g, ".$1").split(".");
  const owned = parts.length >= 3 && OWNERS.has(parts[0]);
  const ownerId = owned ? parts[1] : "";
  // A top-level section (run, pathway) names no owner: its setting alone is the label.
  const rest = owned ? parts.slice(2) : parts.length > 1 ? parts.slice(1) : parts;
  const field = humanise(rest[rest.length - 1] ?? "");
  // The parts between the owner and the field, without the words of the file's structure.
  const context = rest
    .slice(0, -1)
    .map((p, i, all) =>
      /^\d+$/.test(p) ? (all[i - 1] === "components" ? `(component ${Number(p) + 1})` : "") : p,
    )
    .filter((p) => p !== "" && !STRUCTURE.has(p))
    .map(humanise)
    .join(" ");
  const described =
    (parts[0] === "changes" ? CHANGE_WORDS[rest.join(".")] : undefined) ??
    (context ? `${field} of ${context}` : field);
  if (!ownerId) return described;
  if (parts[0] === "changes")
    return /^\d+$/.test(ownerId)
      ? `${described} in change ${Number(ownerId) + 1}`
      : `${described} (${humanise(ownerId)})`;
  const owner = names[ownerId] ?? humanise(ownerId);
  if (!context && field === "beds") return `beds on ${owner}`;
  if (!context && field === "places") return `places in ${owner}`;
  return `${described} of ${owner}`;
}

/** A dated change's settings in words. */
const CHANGE_WORDS: Record<string, string> = {
  close_beds: "beds closed",
  open_beds: "beds opened",
  set_beds: "beds",
  add_places: "places added",
  remove_places: "places removed",
  set_places: "places",
  "reinvest.share": "share reinvested",
};

/** Lists whose items a path names by id: the owner of the setting. */
const OWNERS = new Set(["services", "cohorts", "changes"]);
/** Words of the files' structure that say nothing to a reader. */
const STRUCTURE = new Set(["of", "components", "routing", "cost"]);

/** A parameter's value in words: "36 beds on Oakwood (men)", "max wait … = 2". */
export function parameterValueLabel(path: string, value: number, names: DisplayNames = {}): string {
  const label = parameterLabel(path, names);
  // A share is read as a percentage: "share reinvested in change 2 = 75%".
  const number =
    /^share/.test(label) && value >= 0 && value <= 1
      ? `${formatNumber(value * 100, Number.isInteger(value * 100) ? 0 : 1)}%`
      : formatNumber(value, Number.isInteger(value) ? 0 : 2);
  return /^(beds|places) /.test(label) ? `${number} ${label}` : `${label} = ${number}`;
}

/** Numbers with thousands separators and a fixed number of decimals. */
export function formatNumber(value: number, decimals = 0): string {
  return value.toLocaleString("en-GB", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

export interface Provenance {
  version: string;
  scenario: string;
  seed: number;
  replications: number;
  runAt?: string;
}

/** "bedsim 0.1.0 · scenario baseline · seed 20250401 · 200 replications · run 22 Nov 2026 07:41 UTC" */
export function provenanceLine(p: Provenance): string {
  const parts = [
    `bedsim ${p.version}`,
    `scenario ${p.scenario}`,
    `seed ${p.seed}`,
    `${formatNumber(p.replications)} replications`,
  ];
  if (p.runAt) parts.push(`run ${timestampLabel(p.runAt)}`);
  return parts.join(" · ");
}

/** The provenance of a run, from its summary.json. */
export function runProvenance(summary: {
  version: string;
  seed: number;
  replications: number;
  scenario: { name: string };
  manifest?: { run_at?: string };
}): Provenance {
  return {
    version: summary.version,
    scenario: summary.scenario.name,
    seed: summary.seed,
    replications: summary.replications,
    runAt: summary.manifest?.run_at,
  };
}

/** The provenance of a comparison, from its compare.json. */
export function compareProvenance(compare: CompareInput): Provenance {
  return {
    version: compare.version,
    scenario: `${compare.baseline.scenario.name} vs ${compare.scenarios.map((s) => s.summary.scenario.name).join(", ")}`,
    seed: compare.seed,
    replications: compare.replications,
    runAt: compare.baseline.manifest?.run_at,
  };
}

/** The provenance of a sweep or right-size search, from its sweep.json. */
export function sweepProvenance(sweep: SweepInput): Provenance {
  return {
    version: sweep.version,
    scenario: sweep.scenario.name,
    seed: sweep.seed,
    replications: sweep.replications,
    runAt: sweep.manifest?.run_at ?? sweep.run_at,
  };
}

/** Every KPI value as a board paper prints it (see ../format.ts), with a "+" or "−" sign. */
export function formatSigned(name: string, value: number): string {
  const text = formatAbsolute(name, value);
  if (Math.abs(value) < 1e-12 || text.replace(/[^1-9]/g, "") === "") return text;
  return `${value > 0 ? "+" : "−"}${text}`;
}

/**
 * The size of a value or a difference, without its sign. Fractions are percentages, and a
 * difference of percentages is in percentage points: callers add " points" where needed.
 */
export function formatAbsolute(name: string, value: number): string {
  return formatValue(name, Math.abs(value)).replace(/^-/, "");
}

/** "95% CI 89.4% to 90.7%" */
export function formatInterval(name: string, ci: readonly [number, number]): string {
  return `95% CI ${formatPlain(name, ci[0])} to ${formatPlain(name, ci[1])}`;
}

/** formatValue with a true minus sign, for intervals that may cross zero. */
export function formatPlain(name: string, value: number): string {
  const text = formatAbsolute(name, value);
  return value < 0 && text.replace(/[^1-9]/g, "") !== "" ? `−${text}` : text;
}

const isFraction = (name: string) => kpiDefinition(name).format === "fraction";
const points = (text: string) => text.replace(/%$/, "");

/** A paired difference: "+41", "−£0.45m", or "+2.9 points" for a percentage. */
export function formatDifference(name: string, value: number): string {
  const text = formatSigned(name, value);
  return isFraction(name) ? `${points(text)} points` : text;
}

/** The interval of a difference: "95% CI 35 to 47", or "95% CI −0.2 to 1.4 points". */
export function formatDifferenceInterval(name: string, ci: readonly [number, number]): string {
  if (!isFraction(name)) return formatInterval(name, ci);
  const [lo, hi] = ci.map((v) => points(formatPlain(name, v)));
  return `95% CI ${lo} to ${hi} points`;
}
