import type { Routing } from "./routing.js";

/**
 * Dated changes, in one place: what a change can do (the simulation's union), the actions a
 * scenario file writes for each kind of change, and the one rule for what a capacity change
 * leaves open. The model checks, the translation from YAML and the simulation all use these.
 */
export type DatedChange =
  | CapacityChange
  | { day: number; kind: "scale_arrivals"; cohort?: string; factor: number }
  | { day: number; kind: "scale_length_of_stay"; cohort?: string; factor: number }
  | { day: number; kind: "scale_delays"; factor: number }
  | { day: number; kind: "routing"; cohort?: string; routing: Partial<Routing> };

/** Sets the beds or places of a service, or adds to them (negative: closes them). */
export interface CapacityChange {
  day: number;
  kind: "capacity";
  service: string;
  set?: number;
  add?: number;
}

/**
 * The actions a change in a scenario file may take, by the kind of change they make (one
 * change takes one kind). `reinvest` becomes capacity changes once its money is worked out.
 */
export const CHANGE_ACTIONS = {
  capacity: ["open_beds", "close_beds", "set_beds", "add_places", "remove_places", "set_places"],
  routing: [
    "crisis_team_support_at_home",
    "crisis_house_instead_of_admission",
    "length_of_stay",
    "discharge_routes",
    "picu_share",
  ],
  scale_arrivals: ["scale_arrivals"],
  scale_length_of_stay: ["scale_length_of_stay"],
  scale_delays: ["scale_delays"],
  reinvest: ["reinvest"],
  // Money only (double running while a service opens, say): charged to a service that year.
  one_off: ["one_off_cost"],
} as const;

export type ChangeActionKind = keyof typeof CHANGE_ACTIONS;
export type ChangeAction = (typeof CHANGE_ACTIONS)[ChangeActionKind][number];
export type CapacityAction = (typeof CHANGE_ACTIONS)["capacity"][number];

/** Every action, in the order messages list them. */
export const ALL_CHANGE_ACTIONS: readonly ChangeAction[] = Object.values(CHANGE_ACTIONS).flat();

/** The kind of change an action makes. */
export function actionKind(action: ChangeAction): ChangeActionKind {
  return (Object.keys(CHANGE_ACTIONS) as ChangeActionKind[]).find((kind) =>
    (CHANGE_ACTIONS[kind] as readonly string[]).includes(action),
  ) as ChangeActionKind;
}

/** How each capacity action moves beds or places: by its value, up (+1) or down (-1). */
const CAPACITY_STEP: Record<Exclude<CapacityAction, "set_beds" | "set_places">, 1 | -1> = {
  open_beds: 1,
  close_beds: -1,
  add_places: 1,
  remove_places: -1,
};

/** A scenario change's capacity actions as one set-or-add. */
export function capacityChangeOf(actions: Partial<Record<CapacityAction, number>>): {
  set?: number;
  add?: number;
} {
  const set = actions.set_beds ?? actions.set_places;
  if (set !== undefined) return { set };
  let add = 0;
  for (const [action, step] of Object.entries(CAPACITY_STEP))
    add += step * (actions[action as keyof typeof CAPACITY_STEP] ?? 0);
  return { add };
}

/** Beds or places after a change, before the floor at 0 (checks use this to refuse it). */
export function capacityAfter(before: number, change: { set?: number; add?: number }): number {
  return change.set ?? before + (change.add ?? 0);
}

/** Beds or places open after a change: never fewer than none. */
export function openAfter(before: number, change: { set?: number; add?: number }): number {
  return Math.max(0, capacityAfter(before, change));
}
