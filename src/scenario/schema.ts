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
      distribution: distributionFields.distribution,
      mean: distributionFields.mean.optional(),
      sd: distributionFields.sd.optional(),
      shape: distributionFields.shape.optional(),
      scale: distributionFields.scale.optional(),
      k: distributionFields.k.optional(),
      min: distributionFields.min.optional(),
      mode: distributionFields.mode.optional(),
      max: distributionFields.max.optional(),
      value: distributionFields.value.optional(),
      values: distributionFields.values.optional(),
      // Read into `values` when the YAML is loaded (empirical-files.ts); documented here for editors.
      file: z.string().optional(),
      column: z.string().optional(),
      components: z
        .array(z.strictObject({ weight: share, of: distribution }))
        .min(1, "list at least one component (- weight: ... of: ...)")
        .optional(),
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
  route: id,
  share,
  to: id.optional(),
  when_full: whenFull.default("stay_in_bed"),
  out_of_area: id.optional(),
  readmission_within_30_days: share.default(0),
  delay: z
    .strictObject({
      share,
      length: distribution,
      reason: z.string().default("awaiting care package or housing"),
    })
    .optional(),
});

const dischargeRoutes = z.array(dischargeRoute).min(1, "list at least one discharge route");

/** Routing choices a cohort or a dated change may override. */
const routingOverrides = {
  crisis_team_support_at_home: share.optional(),
  crisis_house_instead_of_admission: share.optional(),
  length_of_stay: distribution.optional(),
  discharge_routes: dischargeRoutes.optional(),
  /** Share of acute patients needing intensive care (the model's `pathway: picu:` says where). */
  picu_share: share.optional(),
};

export const cohort = z.strictObject({
  id,
  name: z.string().optional(),
  arrivals_per_year: z
    .number({ error: "expected arrivals_per_year as a number of people a year" })
    .min(0, "arrivals_per_year cannot be negative")
    .max(1_000_000, "more than a million arrivals a year is not plausible; check the units"),
  seasonality: z
    .array(positive("a monthly multiplier"))
    .length(12, "seasonality needs 12 monthly multipliers, January first")
    .optional(),
  growth_per_year: growth.default(0),
  ...routingOverrides,
});

export const service = z.strictObject({
  id,
  name: z.string().optional(),
  kind: z.enum(SERVICE_KIND_NAMES, {
    error: `unknown kind; use one of ${SERVICE_KIND_NAMES.join(", ")}`,
  }),
  beds: wholeNumber("beds", 100_000).optional(),
  places: wholeNumber("places", 100_000).optional(),
  accepts: z.array(id).optional(),
  length_of_stay: distribution.optional(),
  stay_multiplier: positive("the stay multiplier")
    .max(10, "a stay multiplier above 10 is not plausible")
    .default(1),
  repatriate_to: z.array(id).default([]),
  cost: z
    .strictObject({
      per_bed_per_year: money("the cost per bed per year").optional(),
      per_place_per_year: money("the cost per place per year").optional(),
      per_occupied_bed_day: money("the cost per occupied bed-day").optional(),
      per_day: money("the cost per day").optional(),
      per_episode: money("the cost per episode").optional(),
    })
    .default({}),
});

export const model = z.strictObject({
  name: z.string({ error: "give the model a name" }),
  description: z.string().optional(),
  pathway: z.strictObject({
    length_of_stay: distribution,
    discharge_routes: dischargeRoutes,
    crisis_team_support_at_home: share.default(0),
    crisis_house_instead_of_admission: share.default(0),
    out_of_area: id,
    max_wait_for_local_bed_days: days("the maximum wait for a local bed", 365).default(0),
    repatriate_if_remaining_days_at_least: days(
      "the minimum remaining stay for repatriation",
    ).default(7),
    readmission_window_days: days("the readmission window", 365).default(30),
    picu: z
      .strictObject({
        share,
        after_days: days("the days into the acute stay before intensive care", 365).default(0),
        length_of_stay: distribution,
        out_of_area: id,
      })
      .optional(),
  }),
  cohorts: z.array(cohort).min(1, "list at least one cohort"),
  services: z.array(service).min(1, "list at least one service"),
  /** Money over time: the costs above are at the prices of one financial year. */
  finance: z
    .strictObject({
      inflation_per_year: growth.default(0),
      prices_of: z
        .string({ error: "expected a financial year written like 2025/26" })
        .regex(/^\d{4}\/\d{2}$/, "write the financial year like 2025/26")
        .refine(
          (fy) => (Number(fy.slice(0, 4)) + 1) % 100 === Number(fy.slice(5)),
          "the two years of a financial year follow each other, like 2025/26",
        )
        .optional(),
    })
    .optional(),
});

const capacityChange = {
  service: id.optional(),
  open_beds: wholeNumber("beds", 100_000).optional(),
  close_beds: wholeNumber("beds", 100_000).optional(),
  set_beds: wholeNumber("beds", 100_000).optional(),
  add_places: wholeNumber("places", 100_000).optional(),
  remove_places: wholeNumber("places", 100_000).optional(),
  set_places: wholeNumber("places", 100_000).optional(),
};

export const reinvestment = z.strictObject({
  share,
  of_savings_from: z.array(id).optional(),
  into: z
    .array(z.strictObject({ service: id, share }))
    .min(1, "name at least one service to reinvest in"),
});

export const change = z.strictObject({
  /** Names the change for sweeps and --set: changes.close_men_beds.close_beds. */
  name: id.optional(),
  date: isoDate.optional(),
  description: z.string().optional(),
  cohort: id.optional(),
  ...capacityChange,
  scale_arrivals: factor.optional(),
  scale_length_of_stay: factor.optional(),
  scale_delays: factor.optional(),
  one_off_cost: money("the one-off cost").optional(),
  ...routingOverrides,
  reinvest: reinvestment.optional(),
});

const runFields = {
  start: isoDate,
  years: z
    .number({ error: "expected years as a number" })
    .positive("years must be more than 0")
    .max(50, "more than 50 years is not a useful horizon for capacity planning"),
  warm_up_days: days("the warm-up", 3650),
  replications: z
    .number({ error: "expected a whole number of replications" })
    .int("replications must be a whole number")
    .min(2, "at least 2 replications are needed for an interval")
    .max(100_000, "more than 100,000 replications is not needed; use --precision instead"),
  seed: z
    .number({ error: "expected the seed as a whole number" })
    .int("the seed must be a whole number")
    .min(0, "the seed cannot be negative")
    .max(2 ** 32 - 1, "the seed must be below 4294967296"),
  /** A census CSV of the people in services on the start date, relative to this file. */
  start_from: z
    .string({ error: "expected the file name of a census CSV, e.g. census.csv" })
    .min(1, "give the file name of a census CSV, e.g. census.csv")
    .optional(),
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
  vary: z
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
  target: z
    .union([
      targetText,
      z.array(targetText).min(1, "list at least one target, or leave target: out"),
    ])
    .optional(),
  minimise: z.string().optional(),
});

/** One scenario file; `run` may be partial when another scenario is extended. */
export const scenarioFile = z.strictObject({
  name: scenarioName.optional(),
  title: z.string().optional(),
  description: z.string().optional(),
  extends: z
    .string({ error: "expected the file name of the scenario this one extends" })
    .min(1, "give the file name of the scenario this one extends, e.g. baseline.yaml")
    .optional(),
  model: z
    .string({ error: "expected the file name of the model" })
    .min(1, "give the file name of the model, e.g. ../models/example-icb.yaml")
    .optional(),
  run: partialRun.optional(),
  set: z.record(z.string(), z.unknown()).optional(),
  changes: z.array(change).optional(),
  sweep: sweep.optional(),
});

export type ModelInput = z.output<typeof model>;
export type CohortInput = z.output<typeof cohort>;
export type ServiceInput = z.output<typeof service>;
export type ChangeInput = z.output<typeof change>;
export type RunInput = z.output<typeof run>;
export type SweepInput = z.output<typeof sweep>;
export type ScenarioFileInput = z.output<typeof scenarioFile>;
