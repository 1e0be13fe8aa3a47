/** Words and dates for people: month and date labels, ids made readable, the provenance line. */
import { kpiDefinition } from "../../model/kpi-definitions.js";
import { formatValue } from "../format.js";

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
 * → "arrivals per year of older adults".
 */
export function parameterLabel(path: string, names: DisplayNames = {}): string {
  const parts = path.split(".");
  const field = humanise(parts[parts.length - 1]);
  const ownerId = parts.length >= 3 ? parts[parts.length - 2] : "";
  const owner = ownerId ? (names[ownerId] ?? humanise(ownerId)) : "";
  if (!owner) return field;
  if (field === "beds") return `beds on ${owner}`;
  if (field === "places") return `places in ${owner}`;
  return `${field} of ${owner}`;
}

/** A parameter's value in words: "36 beds on Oakwood (men)", "max wait … = 2". */
export function parameterValueLabel(path: string, value: number, names: DisplayNames = {}): string {
  const label = parameterLabel(path, names);
  const number = formatNumber(value, Number.isInteger(value) ? 0 : 2);
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
