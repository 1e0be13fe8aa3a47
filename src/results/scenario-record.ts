/**
 * The resolved scenario as summary.json records it: its run settings, its changes, the money
 * it reinvests and the whole model. Only the fields the report reads are declared; a file may
 * hold more (the model as written has other settings), and those are kept as they are.
 */
import { z } from "zod";

/** A length-of-stay (or delay) distribution as written in the model. */
export interface Distribution {
  distribution: string;
  mean?: number;
  sd?: number;
  shape?: number;
  scale?: number;
  k?: number;
  min?: number;
  mode?: number;
  max?: number;
  value?: number;
  values?: number[];
  components?: { weight: number; of: Distribution }[];
}

export const distribution: z.ZodType<Distribution> = z.lazy(() =>
  z.object({
    distribution: z.string(),
    mean: z.number().optional(),
    sd: z.number().optional(),
    shape: z.number().optional(),
    scale: z.number().optional(),
    k: z.number().optional(),
    min: z.number().optional(),
    mode: z.number().optional(),
    max: z.number().optional(),
    value: z.number().optional(),
    values: z.array(z.number()).optional(),
    components: z.array(z.object({ weight: z.number(), of: distribution })).optional(),
  }),
);

export const dischargeRoute = z.object({
  route: z.string(),
  share: z.number(),
  to: z.string().optional(),
  when_full: z.string().optional(),
  out_of_area: z.string().optional(),
  readmission_within_30_days: z.number().optional(),
  delay: z
    .object({ share: z.number(), length: distribution, reason: z.string().optional() })
    .optional(),
});
export type DischargeRoute = z.infer<typeof dischargeRoute>;

export const cohort = z.object({
  id: z.string(),
  name: z.string().optional(),
  arrivals_per_year: z.number(),
  seasonality: z.array(z.number()).optional(),
  growth_per_year: z.number().optional(),
  crisis_team_support_at_home: z.number().optional(),
  crisis_house_instead_of_admission: z.number().optional(),
  length_of_stay: distribution.optional(),
  discharge_routes: z.array(dischargeRoute).optional(),
  picu_share: z.number().optional(),
});
export type Cohort = z.infer<typeof cohort>;

export const service = z.object({
  id: z.string(),
  name: z.string().optional(),
  kind: z.string(),
  beds: z.number().optional(),
  places: z.number().optional(),
  accepts: z.array(z.string()).optional(),
  length_of_stay: distribution.optional(),
  stay_multiplier: z.number().optional(),
  repatriate_to: z.array(z.string()).optional(),
  cost: z
    .object({
      per_bed_per_year: z.number().optional(),
      per_place_per_year: z.number().optional(),
      per_occupied_bed_day: z.number().optional(),
      per_day: z.number().optional(),
      per_episode: z.number().optional(),
    })
    .optional(),
});
export type Service = z.infer<typeof service>;

export const model = z.object({
  name: z.string(),
  description: z.string().optional(),
  pathway: z.object({
    length_of_stay: distribution,
    discharge_routes: z.array(dischargeRoute),
    crisis_team_support_at_home: z.number().optional(),
    crisis_house_instead_of_admission: z.number().optional(),
    out_of_area: z.string(),
    max_wait_for_local_bed_days: z.number().optional(),
    repatriate_if_remaining_days_at_least: z.number().optional(),
    readmission_window_days: z.number().optional(),
    picu: z
      .object({
        share: z.number(),
        after_days: z.number().optional(),
        length_of_stay: distribution,
        out_of_area: z.string(),
      })
      .optional(),
  }),
  cohorts: z.array(cohort),
  services: z.array(service),
});
export type Model = z.infer<typeof model>;

/** A dated change as written in the scenario file (after percentages are parsed). */
export const change = z.object({
  date: z.string().optional(),
  description: z.string().optional(),
  cohort: z.string().optional(),
  service: z.string().optional(),
  open_beds: z.number().optional(),
  close_beds: z.number().optional(),
  set_beds: z.number().optional(),
  add_places: z.number().optional(),
  remove_places: z.number().optional(),
  set_places: z.number().optional(),
  scale_arrivals: z.number().optional(),
  scale_length_of_stay: z.number().optional(),
  scale_delays: z.number().optional(),
  crisis_team_support_at_home: z.number().optional(),
  crisis_house_instead_of_admission: z.number().optional(),
  length_of_stay: distribution.optional(),
  discharge_routes: z.array(dischargeRoute).optional(),
  picu_share: z.number().optional(),
  reinvest: z
    .object({
      share: z.number(),
      of_savings_from: z.array(z.string()).optional(),
      into: z.array(z.object({ service: z.string(), share: z.number() })),
    })
    .optional(),
});
export type Change = z.infer<typeof change>;

/** Money released by closing beds and the community capacity it buys. */
export const reinvestment = z.object({
  date: z.string().optional(),
  share_reinvested: z.number(),
  released_per_year: z.number(),
  reinvested_per_year: z.number(),
  bought: z.array(
    z.object({
      service: z.string(),
      capacity: z.number(),
      unit_cost_per_year: z.number(),
      cost_per_year: z.number(),
    }),
  ),
  unspent_per_year: z.number(),
});
export type Reinvestment = z.infer<typeof reinvestment>;

export const scenarioRecord = z.object({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  file: z.string().optional(),
  model_file: z.string().optional(),
  run: z.object({
    start: z.string(),
    years: z.number(),
    warm_up_days: z.number(),
    replications: z.number(),
    seed: z.number(),
  }),
  changes: z.array(change),
  reinvestments: z.array(reinvestment).optional(),
  model,
  /**
   * The comments written beside the model's figures (where users cite sources), by path:
   * "cohorts.older_adults.picu_share" → "Older adults rarely need intensive care…". Absent
   * in files written before sources were recorded.
   */
  model_sources: z.record(z.string(), z.string()).optional(),
});
export type ScenarioRecord = z.infer<typeof scenarioRecord>;
