/**
 * What each kind of service is, in one table: the schema's list of kinds, the model checks,
 * the translation to the pathway, the simulation, the outcomes, the scenario description and
 * the cost chart all read it. Adding a kind is one entry here, plus its behaviour in the
 * simulation when it has a role of its own.
 */
export interface ServiceKindInfo {
  /** In a commissioner's words, for descriptions and messages. */
  label: string;
  /** What its capacity is counted in; unlimited services are bought when needed. */
  unit: "bed" | "place" | "unlimited";
  /** Its part in the pathway, which is what the simulation branches on. */
  role: ServiceRole;
  /** Can be the destination of a discharge route. */
  takesDischarges: boolean;
  /** Out-of-area patients can be brought back to it when a bed frees. */
  takesRepatriation: boolean;
  /** Needs a length of stay of its own (the others use the cohort's or the person's stay). */
  needsOwnStay: boolean;
  /** How its yearly or daily price is written under `cost:`. */
  costedPer: "bed" | "place" | "day";
  /** Services of this kind are shown as one group in the cost chart under this name. */
  costGroup?: string;
}

/**
 * - acute: local acute beds people are admitted to, with waiting, repatriation, discharge
 * - crisis_house: an alternative to admission and a step-down after it
 * - destination: a place people are discharged to and stay in for its own length of stay
 * - intensive_care: psychiatric intensive care (PICU) that acute patients transfer into and
 *   step back down from to an acute bed
 * - out_of_area: unlimited beds bought when no local one is free
 */
export type ServiceRole =
  | "acute"
  | "crisis_house"
  | "destination"
  | "intensive_care"
  | "out_of_area";

export const SERVICE_KINDS = {
  ward: {
    label: "acute ward",
    unit: "bed",
    role: "acute",
    takesDischarges: false,
    takesRepatriation: true,
    needsOwnStay: false,
    costedPer: "bed",
    costGroup: "Local acute wards",
  },
  rehab_ward: {
    label: "rehabilitation ward",
    unit: "bed",
    role: "destination",
    takesDischarges: true,
    takesRepatriation: true,
    needsOwnStay: true,
    costedPer: "bed",
  },
  crisis_house: {
    label: "crisis house",
    unit: "bed",
    role: "crisis_house",
    takesDischarges: true,
    takesRepatriation: false,
    needsOwnStay: true,
    costedPer: "bed",
  },
  community: {
    label: "community service",
    unit: "place",
    role: "destination",
    takesDischarges: true,
    takesRepatriation: false,
    needsOwnStay: true,
    costedPer: "place",
  },
  picu: {
    label: "psychiatric intensive care unit (PICU)",
    unit: "bed",
    role: "intensive_care",
    takesDischarges: false,
    takesRepatriation: false,
    // How long intensive care lasts is the patient's need (`pathway: picu: length_of_stay`).
    needsOwnStay: false,
    costedPer: "bed",
  },
  out_of_area: {
    label: "out of area (no bed limit)",
    unit: "unlimited",
    role: "out_of_area",
    takesDischarges: false,
    takesRepatriation: false,
    needsOwnStay: false,
    costedPer: "day",
  },
} as const satisfies Record<string, ServiceKindInfo>;

export type ServiceKind = keyof typeof SERVICE_KINDS;

/** Every kind, in the order the table lists them (the order messages name them in). */
export const SERVICE_KIND_NAMES = Object.keys(SERVICE_KINDS) as [ServiceKind, ...ServiceKind[]];

/** What a kind is; undefined for a name that is not a kind (a hand-edited results file). */
export function serviceKind(kind: string): ServiceKindInfo | undefined {
  return Object.hasOwn(SERVICE_KINDS, kind) ? SERVICE_KINDS[kind as ServiceKind] : undefined;
}

/** The kinds for which `test` holds, in table order. */
export function kindsWhere(test: (info: ServiceKindInfo) => boolean): Set<ServiceKind> {
  return new Set(SERVICE_KIND_NAMES.filter((k) => test(SERVICE_KINDS[k])));
}
