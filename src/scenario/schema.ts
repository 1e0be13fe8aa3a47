import { z } from "zod";
import {
  DISTRIBUTION_KINDS,
  type DistributionSpec,
  distributionProblems,
} from "../engine/distributions.js";
import { WHEN_FULL, type WhenFull } from "../model/routing.js";
import { SERVICE_KIND_NAMES } from "../model/service-kinds.js";
import { parseRange, parseTarget } from "./ranges-and-targets.js";
import {
  days,
  factor,
  growth,
  id,
  isoDate,
  money,
  scenarioName,
  share,
  wholeNumber,
} from "./values.js";

/**
 * The YAML formats, as zod schemas. Keys are snake_case plain English; every object is strict
 * so a misspelt key is an error (with a suggestion) rather than silently ignored.
 */

/**
 * Help for a key, as editors show it on hover (the JSON Schema's description), in the words
 * of the README's tour of the example.
 */
const help = <T extends z.ZodType>(schema: T, text: string): T => schema.describe(text) as T;

const positive = (what: string) =>
  z.number({ error: `expected ${what} as a number` }).positive(`${what} must be more than 0`);

const distributionFields = {
  distribution: z.enum(DISTRIBUTION_KINDS, {
    error: `unknown distribution; use one of ${DISTRIBUTION_KINDS.join(", ")}`,
  }),
  mean: positive("the mean"),
  sd: positive("the standard deviation"),
  shape: positive("the shape"),
  scale: positive("the scale"),
  k: z.number().int("k must be a whole number").min(1, "k must be at least 1"),
  min: z.number(),
  mode: z.number(),
  max: z.number(),
  value: z.number(),
  values: z.array(z.number()).min(1, "list at least one value"),
};

/** A length-of-stay distribution in days. Parameters are checked by the engine's rules. */
export const distribution: z.ZodType<DistributionSpec> = z.lazy(() =>
  z
    .strictObject({
      distribution: help(
        distributionFields.distribution,
        "The shape of the lengths, in days: exponential (mean), lognormal or gamma (mean, sd), weibull (shape, scale), erlang (k, mean), triangular (min, mode, max), uniform (min, max), fixed (value), empirical (values, or file) or mixture (components).",
      ),
      mean: help(distributionFields.mean.optional(), "Average length, in days."),
      sd: help(
        distributionFields.sd.optional(),
        "Standard deviation of the lengths, in days (of the lengths themselves, not their logarithm).",
      ),
      shape: help(
        distributionFields.shape.optional(),
        "Weibull shape: below 1, many short and a few very long; above 1, lengths bunch round the middle.",
      ),
      scale: help(distributionFields.scale.optional(), "Weibull scale, in days."),
      k: help(
        distributionFields.k.optional(),
        "Erlang phases: a whole number; more phases, less spread.",
      ),
      min: help(distributionFields.min.optional(), "Shortest length, in days."),
      mode: help(distributionFields.mode.optional(), "Most common length, in days (triangular)."),
      max: help(distributionFields.max.optional(), "Longest length, in days."),
      value: help(
        distributionFields.value.optional(),
        "The one length everyone has, in days (fixed).",
      ),
      values: help(
        distributionFields.values.optional(),
        "Observed lengths in days, resampled (empirical), e.g. [3, 12, 40].",
      ),
      // Read into `values` when the YAML is loaded (empirical-files.ts); documented here for editors.
      file: help(
        z.string().optional(),
        "A CSV of observed lengths beside this file, one a row (empirical); its hash goes in the run's manifest.",
      ),
      column: help(
        z.string().optional(),
        "The CSV column holding the lengths, if it has a header row.",
      ),
      components: help(
        z
          .array(
            z.strictObject({
              weight: help(share, 'This part\'s share of the lengths, e.g. "58%".'),
              of: distribution,
            }),
          )
          .min(1, "list at least one component (- weight: ... of: ...)")
          .optional(),
        "The parts of a mixture, e.g. many short stays and some long ones, each with its weight.",
      ),
    })
    .superRefine((spec, ctx) => {
      if ("file" in spec)
        ctx.addIssue({
          code: "custom",
          path: ["file"],
          message:
            "a file of stays can be named in a YAML file, not with --set; list the values instead",
        });
      // A parameter the fields above (or an inner component's own check) already rejected
      // would otherwise be reported again, once per enclosing mixture.
      const reported = new Set(ctx.issues.map((issue) => JSON.stringify(issue.path ?? [])));
      for (const problem of distributionProblems(spec as DistributionSpec)) {
        if (reported.has(JSON.stringify(problem.path))) continue;
        ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
      }
    }),
) as unknown as z.ZodType<DistributionSpec>;

const whenFull = z.enum(Object.keys(WHEN_FULL) as [WhenFull, ...WhenFull[]], {
  error: `when_full must be one of: ${Object.entries(WHEN_FULL)
    .map(([name, meaning]) => `${name} (${meaning})`)
    .join(", ")}`,
});

export const dischargeRoute = z.strictObject({
  route: help(id, "The route's name, e.g. home or community_rehab; results by route use it."),
  share: help(
    share,
    'Share of people leaving acute care by this route, e.g. "82%"; the routes add up to 100%.',
  ),
  to: help(id.optional(), "The service people move on to (a service id); leave out for home."),
  when_full: help(
    whenFull.default("stay_in_bed"),
    `What happens when that service is full: ${Object.entries(WHEN_FULL)
      .map(([name, meaning]) => `${name}, ${meaning}`)
      .join("; ")}.`,
  ),
  out_of_area: help(
    id.optional(),
    "With when_full: out_of_area, the out-of-area service used instead.",
  ),
  readmission_within_30_days: help(
    share.default(0),
    'Share of people readmitted within the readmission window after leaving this way, e.g. "9%".',
  ),
  delay: help(
    z
      .strictObject({
        share: help(share, 'Share of people on this route whose discharge is delayed, e.g. "12%".'),
        length: help(
          distribution,
          "How long a delay lasts, in days, while the bed stays occupied.",
        ),
        reason: help(
          z.string().default("awaiting care package or housing"),
          "Why people wait, in words, for the report.",
        ),
      })
      .optional(),
    "Delayed discharges on this route outside the modelled services (care packages, housing): the person stays in the acute bed.",
  ),
});

const dischargeRoutes = z.array(dischargeRoute).min(1, "list at least one discharge route");

/** Routing choices a cohort or a dated change may override. */
const CRISIS_TEAM =
  'Share of people in crisis the home treatment team supports at home, who never need a bed, e.g. "30%".';
const CRISIS_HOUSE =
  'Share offered a crisis house instead of admission (admitted if every crisis house is full), e.g. "10%".';

const routingOverrides = {
  crisis_team_support_at_home: help(share.optional(), CRISIS_TEAM),
  crisis_house_instead_of_admission: help(share.optional(), CRISIS_HOUSE),
  length_of_stay: help(distribution.optional(), "Length of an acute stay, in days."),
  discharge_routes: help(
    dischargeRoutes.optional(),
    "Where people go when they are ready to leave acute care, each route with its share.",
  ),
  /** Share of acute patients needing intensive care (the model's `pathway: picu:` says where). */
  picu_share: help(
    share.optional(),
    "Share of acute patients who need intensive care (a PICU bed).",
  ),
};

export const cohort = z.strictObject({
  id: help(
    id,
    "The cohort's id, e.g. working_age_men; services list the cohorts they accept by it.",
  ),
  name: help(
    z.string().optional(),
    "The cohort's name in the report, e.g. Working-age men (18-64).",
  ),
  arrivals_per_year: help(
    z
      .number({ error: "expected arrivals_per_year as a number of people a year" })
      .min(0, "arrivals_per_year cannot be negative")
      .max(1_000_000, "more than a million arrivals a year is not plausible; check the units"),
    "People of this cohort in crisis a year, at the start of the run (before growth).",
  ),
  seasonality: help(
    z
      .array(positive("a monthly multiplier"))
      .length(12, "seasonality needs 12 monthly multipliers, January first")
      .optional(),
    "12 monthly multipliers of the arrivals, January first, e.g. [0.95, 0.95, 1.0, …]; scaled to average 1.",
  ),
  growth_per_year: help(growth.default(0), 'Yearly growth in arrivals, e.g. "0.4%".'),
  ...routingOverrides,
});

export const service = z.strictObject({
  id: help(id, "The service's id, e.g. oakwood_ward; routes, changes and --set name it by this."),
  name: help(z.string().optional(), "The service's name in the report, e.g. Oakwood (men)."),
  kind: help(
    z.enum(SERVICE_KIND_NAMES, {
      error: `unknown kind; use one of ${SERVICE_KIND_NAMES.join(", ")}`,
    }),
    `What the service is: ${SERVICE_KIND_NAMES.join(", ")}.`,
  ),
  beds: help(
    wholeNumber("beds", 100_000).optional(),
    "Staffed beds (wards, crisis houses, PICUs).",
  ),
  places: help(wholeNumber("places", 100_000).optional(), "Places (community services)."),
  accepts: help(
    z.array(id).optional(),
    "The cohorts the service takes (cohort ids), e.g. [working_age_men]; every cohort when left out.",
  ),
  length_of_stay: help(distribution.optional(), "How long a stay in this service lasts, in days."),
  stay_multiplier: help(
    positive("the stay multiplier")
      .max(10, "a stay multiplier above 10 is not plausible")
      .default(1),
    "Stays here are this many times as long as they would be locally, e.g. 1.2 out of area.",
  ),
  repatriate_to: help(
    z.array(id).default([]),
    "Out of area: the local services people are brought back to when a bed frees.",
  ),
  cost: help(
    z
      .strictObject({
        per_bed_per_year: help(
          money("the cost per bed per year").optional(),
          "Cost of a staffed bed for a year, paid whether or not it is occupied (pounds).",
        ),
        per_place_per_year: help(
          money("the cost per place per year").optional(),
          "Cost of a place for a year (pounds).",
        ),
        per_occupied_bed_day: help(
          money("the cost per occupied bed-day").optional(),
          "Extra cost of each day a bed is occupied (pounds).",
        ),
        per_day: help(
          money("the cost per day").optional(),
          "Cost of each day a person is here (pounds), e.g. an out-of-area bed's daily price.",
        ),
        per_episode: help(
          money("the cost per episode").optional(),
          "Cost of each admission or placement (pounds).",
        ),
      })
      .default({}),
    "What the service costs, at the prices of the model's finance.prices_of year.",
  ),
});

export const model = z.strictObject({
  name: z.string({ error: "give the model a name" }),
  description: z.string().optional(),
  pathway: help(
    z.strictObject({
      length_of_stay: help(
        distribution,
        "Length of an acute stay, in days, for every cohort without its own.",
      ),
      discharge_routes: help(
        dischargeRoutes,
        "Where people go when they are ready to leave acute care, each route with its share.",
      ),
      crisis_team_support_at_home: help(share.default(0), CRISIS_TEAM),
      crisis_house_instead_of_admission: help(share.default(0), CRISIS_HOUSE),
      out_of_area: help(
        id,
        "The out-of-area service people go to when no local acute bed is free.",
      ),
      max_wait_for_local_bed_days: help(
        days("the maximum wait for a local bed", 365).default(0),
        "Days a person waits (in A&E or at home with the crisis team) for a local bed before going out of area.",
      ),
      repatriate_if_remaining_days_at_least: help(
        days("the minimum remaining stay for repatriation").default(7),
        "Bring someone back from out of area when a local bed frees, if at least this many days of their stay remain.",
      ),
      readmission_window_days: help(
        days("the readmission window", 365).default(30),
        "Days after leaving within which a readmission counts (readmission_within_30_days).",
      ),
      picu: help(
        z
          .strictObject({
            share: help(share, "Share of acute patients who need intensive care."),
            after_days: help(
              days("the days into the acute stay before intensive care", 365).default(0),
              "Days into the acute stay when intensive care is needed (at most half-way through a shorter stay).",
            ),
            length_of_stay: help(distribution, "Length of a PICU stay, in days."),
            out_of_area: help(
              id,
              "The out-of-area PICU service used when no local PICU bed is free.",
            ),
          })
          .optional(),
        "Psychiatric intensive care: who needs it, when, for how long, and where when the local PICU is full.",
      ),
    }),
    "How people move through acute care: the stays, the discharge routes, waits and out-of-area rules.",
  ),
  cohorts: z.array(cohort).min(1, "list at least one cohort"),
  services: z.array(service).min(1, "list at least one service"),
  /** Money over time: the costs above are at the prices of one financial year. */
  finance: help(
    z
      .strictObject({
        inflation_per_year: help(
          growth.default(0),
          'Yearly rise in prices, e.g. "2.5%": each financial year\'s costs are at its own prices.',
        ),
        prices_of: help(
          z
            .string({ error: "expected a financial year written like 2025/26" })
            .regex(/^\d{4}\/\d{2}$/, "write the financial year like 2025/26")
            .refine(
              (fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5)),
              "the two years of a financial year follow each other, like 2025/26",
            )
            .optional(),
          "The financial year whose prices the costs are written in, e.g. 2025/26.",
        ),
      })
      .optional(),
    "Money over time: inflation, and the year whose prices the costs are in.",
  ),
});

const capacityChange = {
  service: help(id.optional(), "The service whose beds or places change (a service id)."),
  open_beds: help(wholeNumber("beds", 100_000).optional(), "Beds opened on the date."),
  close_beds: help(
    wholeNumber("beds", 100_000).optional(),
    "Beds closed on the date; each closes as its patient leaves, so nobody is moved.",
  ),
  set_beds: help(
    wholeNumber("beds", 100_000).optional(),
    "The beds the service has from the date.",
  ),
  add_places: help(wholeNumber("places", 100_000).optional(), "Places added on the date."),
  remove_places: help(wholeNumber("places", 100_000).optional(), "Places removed on the date."),
  set_places: help(
    wholeNumber("places", 100_000).optional(),
    "The places the service has from the date.",
  ),
};

export const reinvestment = z.strictObject({
  share: help(share, 'Share of the money the closure releases that is reinvested, e.g. "80%".'),
  of_savings_from: help(
    z.array(id).optional(),
    "The services whose savings are reinvested (service ids); the change's own service when left out.",
  ),
  into: help(
    z
      .array(
        z.strictObject({
          service: help(id, "A service to put the money into (a service id)."),
          share: help(share, "Its share of the money reinvested."),
        }),
      )
      .min(1, "name at least one service to reinvest in"),
    "Where the money goes: services and their shares; bedsim buys the beds or places it pays for.",
  ),
});

export const change = z.strictObject({
  /** Names the change for sweeps and --set: changes.close_men_beds.close_beds. */
  name: help(
    id.optional(),
    "Names the change, so sweeps and --set can reach it: changes.<name>.close_beds.",
  ),
  date: help(
    isoDate.optional(),
    "When the change happens, e.g. 2027-04-01; the run's start when left out.",
  ),
  description: help(z.string().optional(), "What the change is, in words, for the report."),
  cohort: help(
    id.optional(),
    "The one cohort the change applies to (a cohort id); every cohort when left out.",
  ),
  ...capacityChange,
  scale_arrivals: help(
    factor.optional(),
    'Arrivals from the date, as a share of before, e.g. "110%".',
  ),
  scale_length_of_stay: help(
    factor.optional(),
    'Acute stays from the date, as a share of before, e.g. "90%".',
  ),
  scale_delays: help(
    factor.optional(),
    'The share of discharges delayed from the date, as a share of before, e.g. "50%" halves them.',
  ),
  one_off_cost: help(
    money("the one-off cost").optional(),
    "A one-off cost on the date, in pounds (e.g. setting up a service), counted in its financial year.",
  ),
  ...routingOverrides,
  reinvest: help(
    reinvestment.optional(),
    "With close_beds or remove_places: put a share of the money released into other services.",
  ),
});

const runFields = {
  start: help(
    isoDate,
    "The first day of the results, e.g. 2025-04-01 (the start of a financial year reads best).",
  ),
  years: help(
    z
      .number({ error: "expected years as a number" })
      .positive("years must be more than 0")
      .max(50, "more than 50 years is not a useful horizon for capacity planning"),
    "How many years of results to simulate.",
  ),
  warm_up_days: help(
    days("the warm-up", 3650),
    "Days simulated before the start and then discarded, so the run starts from a system already full.",
  ),
  replications: help(
    z
      .number({ error: "expected a whole number of replications" })
      .int("replications must be a whole number")
      .min(2, "at least 2 replications are needed for an interval")
      .max(100_000, "more than 100,000 replications is not needed; use --precision instead"),
    "How many simulated futures to run; 200 to 1,000 is usually plenty.",
  ),
  seed: help(
    z
      .number({ error: "expected the seed as a whole number" })
      .int("the seed must be a whole number")
      .min(0, "the seed cannot be negative")
      .max(2 ** 32 - 1, "the seed must be below 4294967296"),
    "The random seed: the same seed gives the same results, and scenarios compared with one seed meet the same people.",
  ),
  /** A census CSV of the people in services on the start date, relative to this file. */
  start_from: help(
    z
      .string({ error: "expected the file name of a census CSV, e.g. census.csv" })
      .min(1, "give the file name of a census CSV, e.g. census.csv")
      .optional(),
    "A census CSV (beside this file) of who is in each service on the start day, to start from instead of empty.",
  ),
};

/** The merged run settings; defaults apply only here, after every file is merged. */
export const run = z.strictObject({
  ...runFields,
  warm_up_days: runFields.warm_up_days.default(365),
});

/**
 * A run block in one file: any key may be left to a scenario it extends. No defaults here,
 * or a child's partial block would replace its parent's settings with them.
 */
const partialRun = z.strictObject(runFields).partial();

/** What `bedsim sweep` and `bedsim rightsize` vary, and what right-sizing aims for. */
/** Most settings a right-size searches together (a sweep takes one or two). */
export const MAX_VARIED = 12;

/** One target: "oap_bed_days <= 365 at p90". */
const targetText = z
  .string({ error: 'expected a target such as "oap_bed_days <= 365 at p90"' })
  .check((ctx) => {
    const target = parseTarget(ctx.value);
    if (typeof target === "string")
      ctx.issues.push({ code: "custom", message: target, input: ctx.value });
  });

export const sweep = z.strictObject({
  vary: help(
    z
      .record(
        z.string(),
        z.string({ error: 'expected a range such as "10..50" or "10..50:2"' }).check((ctx) => {
          const range = parseRange(ctx.value);
          if (typeof range === "string")
            ctx.issues.push({ code: "custom", message: range, input: ctx.value });
        }),
      )
      .refine((vary) => Object.keys(vary).length >= 1 && Object.keys(vary).length <= MAX_VARIED, {
        message: `vary one or two settings for a sweep (up to ${MAX_VARIED} for rightsize), e.g. services.oakwood_ward.beds: 10..50`,
      }),
    'The settings to vary and their ranges, e.g. services.oakwood_ward.beds: "10..50" (or "10..50:2" in steps of 2).',
  ),
  target: help(
    z
      .union([
        targetText,
        z.array(targetText).min(1, "list at least one target, or leave target: out"),
      ])
      .optional(),
    'For rightsize: what must hold, e.g. "oap_bed_days <= 365 at p90"; a list for several.',
  ),
  minimise: help(
    z.string().optional(),
    "For rightsize: the result to make as small as possible, e.g. total_cost.",
  ),
});

/** One scenario file; `run` may be partial when another scenario is extended. */
export const scenarioFile = z.strictObject({
  name: help(
    scenarioName.optional(),
    "The scenario's short name, used in folder names, e.g. right-size-2027.",
  ),
  title: help(z.string().optional(), "The scenario's title in the report."),
  description: help(
    z.string().optional(),
    "What the scenario is about, in a sentence or two, for the report.",
  ),
  extends: help(
    z
      .string({ error: "expected the file name of the scenario this one extends" })
      .min(1, "give the file name of the scenario this one extends, e.g. baseline.yaml")
      .optional(),
    "A scenario this one starts from (a file beside it, e.g. baseline.yaml): its model, run and changes, then this file's on top.",
  ),
  model: help(
    z
      .string({ error: "expected the file name of the model" })
      .min(1, "give the file name of the model, e.g. ../models/example-icb.yaml")
      .optional(),
    "The model file, relative to this one, e.g. ../models/example-icb.yaml.",
  ),
  run: help(partialRun.optional(), "How to run: start, years, warm-up, replications and seed."),
  set: help(
    z.record(z.string(), z.unknown()).optional(),
    "Settings of the model changed from the start, by path, e.g. services.oakwood_ward.beds: 25.",
  ),
  changes: help(
    z.array(change).optional(),
    "Dated changes: beds opened or closed, arrivals, stays or delays scaled, money reinvested.",
  ),
  sweep: help(
    sweep.optional(),
    "For bedsim sweep and rightsize: what to vary, and what to aim for.",
  ),
});

export type ModelInput = z.output<typeof model>;
export type CohortInput = z.output<typeof cohort>;
export type ServiceInput = z.output<typeof service>;
export type ChangeInput = z.output<typeof change>;
export type RunInput = z.output<typeof run>;
export type SweepInput = z.output<typeof sweep>;
export type ScenarioFileInput = z.output<typeof scenarioFile>;
