import { dayOffset } from "../model/calendar.js";
import {
  ALL_CHANGE_ACTIONS,
  actionKind,
  type ChangeAction,
  capacityAfter,
  capacityChangeOf,
} from "../model/dated-changes.js";
import { kindsWhere, SERVICE_KINDS } from "../model/service-kinds.js";
import { runHorizon } from "./horizon.js";
import { type Problem, position } from "./input-error.js";
import type { LocatedChange } from "./scenario-types.js";
import type { ChangeInput, ModelInput, RunInput, ServiceInput } from "./schema.js";
import type { Locator } from "./schema-problems.js";
import { closest } from "./suggest.js";

type Add = (path: (string | number)[], message: string, key?: boolean) => void;

/** Reports a problem at a `set:` line or `--set` option, prefixed with what it set. */
export type OverrideLocator = (message: string) => Problem;

/**
 * Which values came from a `set:` line or a `--set` option, so that a problem they cause
 * together with the files (a run too short for its dated changes, a ward too small for a
 * change that closes beds) is blamed on the override, which is what the person just typed.
 */
export interface Overrides {
  /** The override that gave this run setting, if one did. */
  run(key: string): OverrideLocator | undefined;
  /** The override that gave the model value at this path (or a block holding it), if one did. */
  model(path: (string | number)[]): OverrideLocator | undefined;
}

const NO_OVERRIDES: Overrides = { run: () => undefined, model: () => undefined };
type Route = NonNullable<ModelInput["pathway"]["discharge_routes"]>[number];

const BED_KINDS: Set<string> = kindsWhere((k) => k.unit === "bed");
const DESTINATION_KINDS: Set<string> = kindsWhere((k) => k.takesDischarges);
const OUT_OF_AREA_KINDS: Set<string> = kindsWhere((k) => k.role === "out_of_area");
const REPATRIATION_KINDS: Set<string> = kindsWhere((k) => k.takesRepatriation);

/**
 * Checks that need the whole model: references between services and cohorts, shares that
 * must add up, capacity that must stay possible. Each problem says what to change.
 *
 * There is no deadlock check because none can arise: only acute ward beds wait on another
 * service (a delayed discharge) and PICU beds on acute beds (a step-down), and every
 * destination's stay ends on its own, so waits never form a cycle.
 *
 * `locate` places problems in the model (or at the override that set a value). A warm-up
 * may be longer than the run: it is simulated first, whatever its length.
 */
export function modelProblems(
  model: ModelInput,
  run: RunInput,
  changes: LocatedChange[],
  locate: Locator,
  overrides: Overrides = NO_OVERRIDES,
): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string, key = false) =>
    problems.push(locate(path, message, key));
  const cohortIds = model.cohorts.map((c) => c.id);
  const services = new Map(model.services.map((s) => [s.id, s]));

  const unknown = (what: string, id: string, known: string[]) => {
    const guess = closest(id, known);
    return `there is no ${what} "${id}"; ${guess ? `did you mean "${guess}"?` : `choose one of ${known.join(", ")}`}`;
  };
  const checkService = (
    path: (string | number)[],
    id: string,
    kinds: Set<string> | undefined,
    role: string,
    report: Add = add,
  ) => {
    const s = services.get(id);
    if (!s) report(path, unknown("service", id, [...services.keys()]));
    else if (kinds && !kinds.has(s.kind))
      report(
        path,
        `"${id}" is a ${s.kind} service, but ${role} must be a ${[...kinds].join(" or ")} service`,
      );
    return s;
  };

  duplicates(
    model.cohorts.map((c) => c.id),
    (i, id) => add(["cohorts", i, "id"], `the cohort id "${id}" is used twice; ids must be unique`),
  );
  duplicates(
    model.services.map((s) => s.id),
    (i, id) =>
      add(["services", i, "id"], `the service id "${id}" is used twice; ids must be unique`),
  );

  checkService(
    ["pathway", "out_of_area"],
    model.pathway.out_of_area,
    OUT_OF_AREA_KINDS,
    "pathway → out_of_area",
  );

  const picu = model.pathway.picu;
  if (picu) {
    checkService(
      ["pathway", "picu", "out_of_area"],
      picu.out_of_area,
      OUT_OF_AREA_KINDS,
      "pathway → picu → out_of_area",
    );
    if (picu.out_of_area === model.pathway.out_of_area)
      add(
        ["pathway", "picu", "out_of_area"],
        `"${picu.out_of_area}" is already the out-of-area service for acute beds; name a separate out-of-area service for intensive care, so its days and price are counted apart`,
      );
    // People in intensive care out of area come back by stepping down, not by repatriation.
    const i = model.services.findIndex((s) => s.id === picu.out_of_area);
    const acute = picu.out_of_area === model.pathway.out_of_area;
    if (i >= 0 && !acute && model.services[i].repatriate_to.length > 0)
      add(
        ["services", i, "repatriate_to"],
        "people out of area in intensive care step down to a local acute bed when it ends, rather than being repatriated; remove this line",
        true,
      );
  }
  const noPicu = `there is no "picu:" under pathway to say where intensive care is; add one (share, after_days, out_of_area) or remove this line`;

  const checkRoutes = (path: (string | number)[], routes: Route[], report: Add = add) => {
    sharesAddUp(
      routes.map((r) => r.share),
      () =>
        report(
          path,
          `the discharge route shares add up to ${percent(routes.reduce((a, r) => a + r.share, 0))}, but they must add up to 100%; adjust them`,
        ),
    );
    duplicates(
      routes.map((r) => r.route),
      (i, name) => report([...path, i, "route"], `the route "${name}" is listed twice`),
    );
    routes.forEach((r, i) => {
      if (r.to !== undefined)
        checkService(
          [...path, i, "to"],
          r.to,
          DESTINATION_KINDS,
          "a discharge destination",
          report,
        );
      if (r.when_full === "out_of_area") {
        if (!r.out_of_area)
          report(
            [...path, i],
            `route "${r.route}" sends people out of area when full; name the out-of-area service with "out_of_area: <service id>"`,
          );
        else if (r.out_of_area === model.pathway.picu?.out_of_area)
          report(
            [...path, i, "out_of_area"],
            `"${r.out_of_area}" is the out-of-area service for intensive care; name the out-of-area service this route uses when it is full`,
          );
        else
          checkService(
            [...path, i, "out_of_area"],
            r.out_of_area,
            OUT_OF_AREA_KINDS,
            "out_of_area",
            report,
          );
      }
    });
  };
  checkRoutes(["pathway", "discharge_routes"], model.pathway.discharge_routes);

  model.cohorts.forEach((c, i) => {
    if (c.discharge_routes) checkRoutes(["cohorts", i, "discharge_routes"], c.discharge_routes);
    if (c.picu_share !== undefined && !picu) add(["cohorts", i, "picu_share"], noPicu, true);
    const wards = model.services.filter(
      (s) => SERVICE_KINDS[s.kind].role === "acute" && (s.accepts ?? cohortIds).includes(c.id),
    );
    if (wards.length === 0)
      add(
        ["cohorts", i, "id"],
        `no ward accepts the cohort "${c.id}", so everyone in it would go out of area; add "${c.id}" to a ward's accepts list`,
      );
    const offered =
      c.crisis_house_instead_of_admission ?? model.pathway.crisis_house_instead_of_admission;
    const houses = model.services.filter(
      (s) =>
        SERVICE_KINDS[s.kind].role === "crisis_house" && (s.accepts ?? cohortIds).includes(c.id),
    );
    if (offered > 0 && houses.length === 0)
      add(
        ["cohorts", i, "id"],
        `the cohort "${c.id}" is offered crisis houses but no crisis house accepts it; add one or set crisis_house_instead_of_admission to 0%`,
      );
  });

  model.services.forEach((s, i) => {
    serviceProblems(s, i, cohortIds, add, checkService);
    if (SERVICE_KINDS[s.kind].role === "intensive_care" && !picu)
      add(
        ["services", i, "kind"],
        `"${s.id}" is a PICU, but no one is sent to it; add "picu:" under pathway (share, after_days, out_of_area)`,
      );
  });

  problems.push(
    ...changeProblems(model, run, changes, services, cohortIds, unknown, checkRoutes, overrides),
  );
  return problems;
}

function serviceProblems(
  s: ServiceInput,
  i: number,
  cohortIds: string[],
  add: Add,
  checkService: (
    path: (string | number)[],
    id: string,
    kinds: Set<string> | undefined,
    role: string,
  ) => unknown,
): void {
  const at = (...p: (string | number)[]) => ["services", i, ...p];
  const kind = SERVICE_KINDS[s.kind];
  if (kind.unit === "bed") {
    if (s.beds === undefined)
      add(at("id"), `"${s.id}" is a ${s.kind}; say how many beds it has with "beds: <number>"`);
    if (s.places !== undefined)
      add(at("places"), `a ${s.kind} has beds, not places; write "beds:"`, true);
    if (s.cost.per_place_per_year !== undefined)
      add(
        at("cost", "per_place_per_year"),
        `a ${s.kind} is costed per bed; write "per_bed_per_year:"`,
        true,
      );
  }
  if (kind.unit === "place") {
    if (s.places === undefined)
      add(
        at("id"),
        `"${s.id}" is a ${kind.label}; say how many people it can take at once with "places: <number>"`,
      );
    if (s.beds !== undefined)
      add(at("beds"), `a ${kind.label} has places, not beds; write "places:"`, true);
    if (s.cost.per_bed_per_year !== undefined)
      add(
        at("cost", "per_bed_per_year"),
        `a ${kind.label} is costed per place; write "per_place_per_year:"`,
        true,
      );
  }
  if (kind.unit === "unlimited") {
    if (s.beds !== undefined || s.places !== undefined)
      add(
        at(s.beds !== undefined ? "beds" : "places"),
        "out-of-area beds are unlimited (they are bought when needed); remove this line",
        true,
      );
    if (s.cost.per_bed_per_year !== undefined)
      add(
        at("cost", "per_bed_per_year"),
        'out-of-area beds are paid by the day; write "per_day:"',
        true,
      );
    s.repatriate_to.forEach((target, j) => {
      checkService(at("repatriate_to", j), target, REPATRIATION_KINDS, "repatriate_to");
    });
  } else if (s.repatriate_to.length > 0) {
    add(at("repatriate_to"), "only out-of-area services repatriate people; remove this line", true);
  }
  if (kind.needsOwnStay && !s.length_of_stay) {
    add(at("id"), `"${s.id}" needs a length_of_stay: how long people stay in a ${s.kind}`);
  } else if (!kind.needsOwnStay && s.length_of_stay) {
    add(at("length_of_stay"), `${STAY_SET_ELSEWHERE[kind.role]}; remove this line`, true);
  }
  (s.accepts ?? []).forEach((c, j) => {
    if (!cohortIds.includes(c)) {
      const guess = closest(c, cohortIds);
      add(
        at("accepts", j),
        `there is no cohort "${c}"; ${guess ? `did you mean "${guess}"?` : `choose from ${cohortIds.join(", ")}`}`,
      );
    }
  });
  if (s.accepts && s.accepts.length === 0 && kind.role !== "out_of_area") {
    add(
      at("accepts"),
      `"${s.id}" accepts no cohort, so no one can use it; list the cohorts it takes or remove the accepts line`,
    );
  }
}

function changeProblems(
  model: ModelInput,
  run: RunInput,
  changes: LocatedChange[],
  services: Map<string, ServiceInput>,
  cohortIds: string[],
  unknown: (what: string, id: string, known: string[]) => string,
  checkRoutes: (path: (string | number)[], routes: Route[], report: Add) => void,
  overrides: Overrides,
): Problem[] {
  const problems: Problem[] = [];
  const horizon = runHorizon(run);
  const range = `give a date from ${horizon.firstDate} to ${horizon.lastDate}`;
  const capacity = new Map(model.services.map((s) => [s.id, s.beds ?? s.places ?? 0]));
  // A ward's starting beds (or places) set by an override, which then takes the blame when a
  // change would close more than it has.
  const capacityOverride = new Map(
    model.services.map((s, i) => [
      s.id,
      overrides.model(["services", i, s.beds !== undefined ? "beds" : "places"]),
    ]),
  );
  const ordered = [...changes].sort((a, b) =>
    (a.change.date ?? "").localeCompare(b.change.date ?? ""),
  );
  for (const { change, locate } of ordered) {
    const add = (path: (string | number)[], message: string, key = false) =>
      problems.push(locate(path, message, key));
    const actions = actionsOf(change);
    if (actions.length === 0) {
      add(
        [],
        `this change does nothing; give one of ${ALL_CHANGE_ACTIONS.slice(0, -1).join(", ")} or ${ALL_CHANGE_ACTIONS[ALL_CHANGE_ACTIONS.length - 1]}`,
      );
      continue;
    }
    const kinds = new Set(actions.map(actionKind));
    // Two capacity actions (set_beds and close_beds, say) would silently override each other.
    if (kinds.size > 1 || (kinds.has("capacity") && actions.length > 1)) {
      add(
        [actions[1]],
        `one change can do one thing; move "${actions[1]}" to its own change (a new item starting with "- date:")`,
        true,
      );
      continue;
    }
    const day = change.date === undefined ? undefined : dayOffset(run.start, change.date);
    if (day !== undefined && (day < -horizon.warmUpDays || day >= horizon.days)) {
      const before = day < -horizon.warmUpDays;
      const blamed = (before ? ["start", "warm_up_days"] : ["start", "years"])
        .map((k) => overrides.run(k))
        .find((o) => o !== undefined);
      const warmUp =
        horizon.warmUpDays > 0
          ? `, the first day of the ${horizon.warmUpDays.toLocaleString("en-GB")}-day warm-up before the results start on ${run.start}`
          : "";
      const why = before
        ? `before the simulation starts on ${horizon.firstDate}${warmUp}`
        : `after the run ends on ${horizon.lastDate} (${yearsText(run.years)} from ${run.start})`;
      if (blamed)
        problems.push(
          blamed(
            `the change dated ${change.date} (at ${position(locate(["date"], ""))}) is then ${why}; ${range}, or change this setting`,
          ),
        );
      else
        add(
          ["date"],
          `${change.date} is ${why}; ${range}, ${before ? "or leave the date out to make the change from the start" : "or lengthen the run"}`,
        );
    }
    if (change.cohort !== undefined && !cohortIds.includes(change.cohort))
      add(["cohort"], unknown("cohort", change.cohort, cohortIds));
    const kind = [...kinds][0];
    if (kind === "capacity") {
      if (!change.service) {
        add([actions[0]], `say which service this applies to with "service: <id>"`, true);
        continue;
      }
      const s = services.get(change.service);
      if (!s) {
        add(["service"], unknown("service", change.service, [...services.keys()]));
        continue;
      }
      const perBed = actions[0].endsWith("beds");
      if (SERVICE_KINDS[s.kind].unit === "unlimited")
        add(["service"], "out-of-area beds are unlimited; change local beds instead");
      else if (perBed !== BED_KINDS.has(s.kind))
        add(
          [actions[0]],
          `"${s.id}" has ${perBed ? "places, not beds; use add_places, remove_places or set_places" : "beds, not places; use open_beds, close_beds or set_beds"}`,
          true,
        );
      const before = capacity.get(s.id) ?? 0;
      const after = capacityAfter(before, capacityChangeOf(change));
      const unit = perBed ? "beds" : "places";
      const blamed = capacityOverride.get(s.id);
      if (after < 0 && blamed)
        problems.push(
          blamed(
            `the change at ${position(locate([actions[0]], ""))} would then leave "${s.id}" with ${after} ${unit} (it has ${before} by then); it cannot go below 0`,
          ),
        );
      else if (after < 0)
        add(
          [actions[0]],
          `this would leave "${s.id}" with ${after} ${unit} (it has ${before} by then); it cannot go below 0`,
        );
      capacity.set(s.id, Math.max(0, after));
    } else if (kind === "one_off") {
      if (!change.service)
        add(
          ["one_off_cost"],
          `say which service pays this one-off cost with "service: <id>" (the service opening, say, for double running)`,
          true,
        );
      else if (!services.has(change.service))
        add(["service"], unknown("service", change.service, [...services.keys()]));
    } else if (kind === "reinvest" && change.reinvest) {
      const r = change.reinvest;
      sharesAddUp(
        r.into.map((t) => t.share),
        () =>
          add(
            ["reinvest", "into"],
            `the shares in reinvest → into add up to ${percent(r.into.reduce((a, t) => a + t.share, 0))}; they must add up to 100%`,
          ),
      );
      r.into.forEach((t, j) => {
        const s = services.get(t.service);
        if (!s)
          add(
            ["reinvest", "into", j, "service"],
            unknown("service", t.service, [...services.keys()]),
          );
        else if (
          SERVICE_KINDS[s.kind].unit === "unlimited" ||
          !(s.cost.per_bed_per_year ?? s.cost.per_place_per_year)
        ) {
          add(
            ["reinvest", "into", j, "service"],
            `"${s.id}" has no cost per bed or place per year, so bedsim cannot tell what the money buys; add one under its cost`,
          );
        }
      });
      (r.of_savings_from ?? []).forEach((id, j) => {
        if (!services.has(id))
          add(["reinvest", "of_savings_from", j], unknown("service", id, [...services.keys()]));
      });
    } else if (kind === "routing") {
      if (change.picu_share !== undefined && !model.pathway.picu)
        add(
          ["picu_share"],
          `the model has no "picu:" under pathway to say where intensive care is; add one or remove this change`,
          true,
        );
      if (change.discharge_routes) checkRoutes(["discharge_routes"], change.discharge_routes, add);
    } else if (kind in SCALE_MEANINGS) {
      const action = kind as keyof typeof SCALE_MEANINGS;
      const factor = change[action] ?? 1;
      if (factor > MAX_SCALE) add([action], scaleTooLarge(action, factor));
    }
  }
  return problems;
}

/** Where the stay of a kind without one of its own is set, for a stay written on it. */
const STAY_SET_ELSEWHERE: Partial<Record<string, string>> = {
  acute: "acute ward stays are set by the pathway's or the cohort's length_of_stay, not the ward's",
  intensive_care:
    "intensive-care stays are set under pathway → picu → length_of_stay, not the PICU's",
  out_of_area:
    "out-of-area stays are the stay they replace, times the service's stay_multiplier, so this one would be ignored",
};

/**
 * Scalings multiply; a value far above 1 is nearly always a figure in the wrong unit ("32"
 * meaning 32 days, "10" meaning 10%), and the run would otherwise answer confidently wrong.
 */
const MAX_SCALE = 5;
const SCALE_MEANINGS = {
  scale_arrivals: {
    multiplies: "the people arriving",
    times: "as many people",
    example: 'write 1.1 or "110%" for a tenth more people',
  },
  scale_length_of_stay: {
    multiplies: "the clinical length of acute ward stays (not delays or community stays)",
    times: "longer stays",
    example:
      'write 0.8 or "80%" to shorten them by a fifth; to give stays in days, change length_of_stay instead',
  },
  scale_delays: {
    multiplies: "the share of discharges delayed by a care package or housing",
    times: "as many delays",
    example: 'write 0.5 or "50%" to halve them',
  },
} as const;

function scaleTooLarge(action: keyof typeof SCALE_MEANINGS, factor: number): string {
  const m = SCALE_MEANINGS[action];
  return `${action} multiplies ${m.multiplies}, so ${Number(factor.toPrecision(6))} means ${Number(factor.toPrecision(6))} times ${m.times}; ${m.example} (at most ${MAX_SCALE * 100}%)`;
}

/** The actions a change takes, in the order messages list them. */
function actionsOf(change: ChangeInput): ChangeAction[] {
  return ALL_CHANGE_ACTIONS.filter((k) => change[k] !== undefined);
}

function duplicates(ids: string[], report: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) report(i, id);
    seen.add(id);
  });
}

function sharesAddUp(shares: number[], report: () => void): void {
  if (Math.abs(shares.reduce((a, b) => a + b, 0) - 1) > 1e-6) report();
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

/** "1 year", "0.5 years", "5 years". */
function yearsText(years: number): string {
  return `${years} ${years === 1 ? "year" : "years"}`;
}
