/** The comments beside a model's figures, collected as their sources by the figure's path. */
import { describe, expect, it } from "vitest";
import { yamlComments } from "../../src/scenario/yaml-comments.js";

const MODEL = `# yaml-language-server: $schema=../schema/model.schema.json
name: Test
pathway:
  # People the crisis team supports at home (Glover 2006).
  crisis_team_support_at_home: "30%"
  max_wait_for_local_bed_days: 2 # an assumption
  discharge_routes:
    - route: home
      share: "90%"
    - route: inpatient_rehab
      share: "10%"
      # Often out of area (CQC 2018).
      when_full: out_of_area
cohorts:
  # Arrival rates: BSW strategy.
  - id: men
    arrivals_per_year: 700
  # Older adults stay longer.
  - id: older_adults
    arrivals_per_year: 300
`;

describe("sources from YAML comments", () => {
  it("keys each comment by the path of the figure or section it stands beside", () => {
    expect(yamlComments(MODEL)).toEqual({
      "pathway.crisis_team_support_at_home":
        "People the crisis team supports at home (Glover 2006).",
      "pathway.max_wait_for_local_bed_days": "an assumption",
      "pathway.discharge_routes.inpatient_rehab.when_full": "Often out of area (CQC 2018).",
      cohorts: "Arrival rates: BSW strategy.",
      "cohorts.older_adults": "Older adults stay longer.",
    });
  });

  it("finds none in a file without comments, and never throws", () => {
    expect(yamlComments("name: x\n")).toEqual({});
    expect(yamlComments(": : [")).toEqual({});
  });
});
