// The levers a plan is made of, generated from the model: beds and places of each service,
// stays, delays and growth, and one closure with its reinvestment. Each becomes a `set:` entry
// or a `changes:` entry of a scenario file, exactly as the CLI reads them, so what the page
// runs is the very file Export writes.
import { stringify } from "yaml";
import { type DistributionSpec, makeDistribution } from "../../src/engine/distributions.js";
import { SERVICE_KINDS } from "../../src/model/service-kinds.js";
import type { LoadedScenario } from "../../src/scenario/scenario-types.js";
import type { ChangeInput, ModelInput } from "../../src/scenario/schema.js";
import { stretchable, stretchedEntries } from "./stretched-distribution.js";

/** A number the person can change, shown beside its value today. */
export interface Lever {
  /** The form control's id, and the key of its value in a plan. */
  id: string;
  group: string;
  label: string;
  /** Today's value, in the lever's own unit. */
  baseline: number;
  unit: string;
  min: number;
  max: number;
  step: number;
  /** The scenario entry it makes when changed. */
  effect:
    | { kind: "set"; path: string; percent?: boolean }
    | { kind: "scale"; action: "scale_length_of_stay" | "scale_delays" }
    /** The distribution at `path` stretched so that its mean is the lever's value. */
    | { kind: "stretch"; path: string; spec: DistributionSpec; mean: number };
}

/** A closure of beds on one ward on a date, with a share of the money moved elsewhere. */
export interface Closure {
  ward: string;
  date: string;
  beds: number;
  /** Percentage of the released staffed-bed cost reinvested (0: none). */
  reinvestPct: number;
  into: string;
}

export interface Plan {
  /** Lever id → value, for the levers changed from their baseline. */
  values: Record<string, number>;
  closure?: Closure;
  /** Replications, when not the scenario's own. */
  replications?: number;
}

const round = (value: number, digits = 4) => Number(value.toFixed(digits));

/** Every lever the model offers, in the order the page shows them. */
export function leversOf(loaded: LoadedScenario): Lever[] {
  const levers: Lever[] = [];
  for (const service of loaded.model.services) {
    const unit = SERVICE_KINDS[service.kind].unit;
    if (unit === "unlimited") continue;
    const field = unit === "bed" ? "beds" : "places";
    const today = (service as { beds?: number; places?: number })[field] ?? 0;
    const group =
      service.kind === "ward"
        ? "Acute wards"
        : service.kind === "community"
          ? "Community"
          : "Other beds";
    levers.push({
      id: `capacity-${service.id}`,
      group,
      label: `${service.name ?? service.id}: ${field}`,
      baseline: today,
      unit: field,
      min: 0,
      max: Math.max(200, today * 4),
      step: 1,
      effect: { kind: "set", path: `services.${service.id}.${field}` },
    });
  }
  const scales = [
    ["scale_length_of_stay", "Length of acute stays, as a share of today's"],
    ["scale_delays", "Discharges delayed (care package, housing), as a share of today's"],
  ] as const;
  for (const [action, label] of scales)
    levers.push({
      id: action.replaceAll("_", "-"),
      group: "Stays and delays",
      label,
      baseline: 100,
      unit: "%",
      min: 20,
      max: 500,
      step: 1,
      effect: { kind: "scale", action },
    });
  levers.push(...delayLengthLevers(loaded.model));
  for (const cohort of loaded.model.cohorts)
    levers.push({
      id: `growth-${cohort.id}`,
      group: "Arrivals",
      label: `${cohort.name ?? cohort.id}: growth in arrivals a year`,
      baseline: round((cohort.growth_per_year ?? 0) * 100, 2),
      unit: "%",
      min: -20,
      max: 20,
      step: 0.1,
      effect: { kind: "set", path: `cohorts.${cohort.id}.growth_per_year`, percent: true },
    });
  return levers;
}

type Route = ModelInput["pathway"]["discharge_routes"][number];

/**
 * The average length of each discharge delay the model has (the pathway's routes, and the
 * routes of a cohort that has its own), as a lever that stretches the delay's distribution.
 */
function delayLengthLevers(model: ModelInput): Lever[] {
  const lever = (route: Route, path: string, id: string, who: string): Lever[] => {
    const delay = route.delay;
    if (!delay || !stretchable(delay.length)) return [];
    const mean = makeDistribution(delay.length).mean;
    return [
      {
        id,
        group: "Stays and delays",
        label: `${who}${who ? "d" : "D"}elayed discharges, route ${route.route.replaceAll("_", " ")} (${delay.reason}): average days`,
        baseline: round(mean, 2),
        unit: "days",
        min: 0.5,
        max: Math.max(60, Math.ceil(mean * 5)),
        step: 0.5,
        effect: { kind: "stretch", path: `${path}.delay.length`, spec: delay.length, mean },
      },
    ];
  };
  return [
    ...model.pathway.discharge_routes.flatMap((r) =>
      lever(r, `pathway.discharge_routes.${r.route}`, `delay-length-${r.route}`, ""),
    ),
    ...model.cohorts.flatMap((c) =>
      (c.discharge_routes ?? []).flatMap((r) =>
        lever(
          r,
          `cohorts.${c.id}.discharge_routes.${r.route}`,
          `delay-length-${c.id}-${r.route}`,
          `${c.name ?? c.id}: `,
        ),
      ),
    ),
  ];
}

/** The wards a closure can close beds on, and the services money can be reinvested in. */
export function closureChoices(loaded: LoadedScenario) {
  const named = (s: { id: string; name?: string }) => ({ id: s.id, name: s.name ?? s.id });
  const wards = loaded.model.services
    .filter((s) => SERVICE_KINDS[s.kind].role === "acute" && SERVICE_KINDS[s.kind].unit === "bed")
    .map(named);
  const into = loaded.model.services
    .filter((s) => s.kind === "crisis_house" || s.kind === "community")
    .map(named);
  return { wards, into };
}

/** Whether the plan changes anything at all. */
export function isEmpty(plan: Plan): boolean {
  return Object.keys(plan.values).length === 0 && !plan.closure;
}

/** The plan as `set:` entries and dated `changes:`, as a scenario file writes them. */
export function planEntries(plan: Plan, levers: Lever[]) {
  const set: Record<string, number | string | number[]> = {};
  const changes: ChangeInput[] = [];
  for (const lever of levers) {
    const value = plan.values[lever.id];
    if (value === undefined) continue;
    const { effect } = lever;
    if (effect.kind === "set") set[effect.path] = effect.percent ? `${round(value, 4)}%` : value;
    else if (effect.kind === "stretch")
      Object.assign(set, stretchedEntries(effect.path, effect.spec, value / effect.mean));
    else changes.push({ [effect.action]: `${value}%` } as unknown as ChangeInput);
  }
  const closure = plan.closure;
  if (closure) {
    changes.push({
      date: closure.date,
      service: closure.ward,
      close_beds: closure.beds,
    } as ChangeInput);
    if (closure.reinvestPct > 0)
      changes.push({
        date: closure.date,
        reinvest: {
          share: `${closure.reinvestPct}%`,
          of_savings_from: [closure.ward],
          into: [{ service: closure.into, share: "100%" }],
        },
      } as unknown as ChangeInput);
  }
  return { set, changes };
}

/**
 * The plan as a scenario file that extends the explored scenario (`extendsName`, the file
 * name beside it), ready to save next to it and run with `bedsim run`.
 */
export function planYaml(plan: Plan, levers: Lever[], extendsName: string, title: string): string {
  const { set, changes } = planEntries(plan, levers);
  const file: Record<string, unknown> = { name: "plan", title, extends: extendsName };
  if (plan.replications !== undefined) file.run = { replications: plan.replications };
  if (Object.keys(set).length > 0) file.set = set;
  if (changes.length > 0) file.changes = changes;
  const header = `# Made in the bedsim explorer. Save it beside ${extendsName} and run:\n#   npx bedsim run plan.yaml\n`;
  return header + stringify(file, { lineWidth: 0 });
}
