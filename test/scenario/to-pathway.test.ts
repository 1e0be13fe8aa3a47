/**
 * Turning a scenario into the simulation's pathway: dated changes in order, and reinvestment
 * of the money released by closing beds into whole beds and places.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/input-error.js";
import { loadScenario } from "../../src/scenario/load.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import { workspace } from "./helpers.js";

/** A scenario on the bundled baseline with these `changes:` lines (YAML, indented 2). */
function scenario(changes: string): { file: string; text: string } {
  const text = `extends: baseline.yaml\nname: plan\nchanges:\n${changes}`;
  return { file: workspace().write("scenarios/plan.yaml", text), text };
}

const CLOSE_10_OAKWOOD = `  - date: 2027-04-01
    service: oakwood_ward
    close_beds: 10
`;
const reinvestAll = (date: string) => `  - date: ${date}
    reinvest:
      share: 100%
      into:
        - service: community_rehab # £18,000 a place a year
          share: 100%
`;

function reinvestments(file: string) {
  return buildPathway(loadScenario(file)).reinvestments;
}

describe("reinvestment", () => {
  it("10 Oakwood beds at £120k: £1.2m a year buys 66 community rehab places at £18k", () => {
    const [r] = reinvestments(scenario(CLOSE_10_OAKWOOD + reinvestAll("2027-04-01")).file);
    expect(r.releasedPerYear).toBe(1_200_000);
    expect(r.bought).toEqual([
      { service: "community_rehab", capacity: 66, unitCostPerYear: 18_000, costPerYear: 1_188_000 },
    ]);
  });

  it("listed before the closure on the same date, it still spends the closure's money", () => {
    const [r] = reinvestments(scenario(reinvestAll("2027-04-01") + CLOSE_10_OAKWOOD).file);
    expect(r.releasedPerYear).toBe(1_200_000);
  });

  it("a second reinvestment spends only beds closed since the first, never the same money twice", () => {
    const closeMore = `  - date: 2028-04-01
    service: beech_ward
    close_beds: 5
`;
    const [first, second] = reinvestments(
      scenario(CLOSE_10_OAKWOOD + reinvestAll("2027-04-01") + closeMore + reinvestAll("2028-04-01"))
        .file,
    );
    expect(first.releasedPerYear).toBe(1_200_000);
    expect(second.releasedPerYear).toBe(600_000);
  });

  it.each([
    ["with no closure at all", reinvestAll("2027-04-01"), /no beds have closed by this date/],
    [
      "before the closure",
      reinvestAll("2026-04-01") + CLOSE_10_OAKWOOD,
      /no beds have closed by this date/,
    ],
    [
      "twice for one closure",
      CLOSE_10_OAKWOOD + reinvestAll("2027-04-01") + reinvestAll("2028-04-01"),
      /no new money to reinvest/,
    ],
  ])("%s: refused at the reinvest line, not silently £0", (_, changes, message) => {
    const { file, text } = scenario(changes);
    let thrown: unknown;
    try {
      buildPathway(loadScenario(file));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const [problem, ...others] = (thrown as InputError).problems;
    expect(others).toEqual([]);
    expect(problem.message).toMatch(message);
    // The reinvestment that has nothing to spend: the last `reinvest:` for "twice", else the only one.
    const lines = text.split("\n");
    const reinvestLines = lines.flatMap((l, i) => (l.trim() === "reinvest:" ? [i + 1] : []));
    const expected = message.source.includes("new money") ? reinvestLines[1] : reinvestLines[0];
    expect(problem.line).toBe(expected);
    expect(problem.file).toBe(file);
  });
});

describe("routing changes for the whole pathway", () => {
  it("reach the cohorts that use the pathway's setting, not those with their own", () => {
    // Older adults have their own crisis_house_instead_of_admission (0%) in the model.
    const { file } = scenario(`  - date: 2026-10-01
    crisis_house_instead_of_admission: 15%
`);
    const { pathway } = buildPathway(loadScenario(file));
    const routing = pathway.changes.filter((c) => c.kind === "routing");
    expect(routing.map((c) => c.kind === "routing" && c.cohort).sort()).toEqual([
      "working_age_men",
      "working_age_women",
    ]);
    for (const c of routing)
      if (c.kind === "routing") expect(c.routing).toEqual({ crisisHouseInsteadOfAdmission: 0.15 });
  });
});
