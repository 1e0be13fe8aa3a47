/**
 * Money over time: costs priced in one financial year are carried to each year by inflation,
 * and a one-off cost is charged once, to its service, in the financial year of its date.
 */
import { describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/cli/node-files.js";
import { costsOf } from "../../src/finance/costs.js";
import { summariseReplication } from "../../src/model/outcomes.js";
import type { Finance, Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { loadScenario } from "../../src/scenario/load.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import { oneWardPathway } from "../model/one-ward-pathway.js";
import { BASELINE_TEXT, lineOf, problemsOf, workspace } from "../scenario/helpers.js";

const BED = 100_000;

/** 10 beds for three whole financial years from 1 April 2027. */
function costed(finance?: Finance): Pathway {
  const p = oneWardPathway({
    beds: 10,
    arrivalsPerYear: 300,
    wardStay: { distribution: "exponential", mean: 5 },
    warmUpDays: 30,
    days: 1096,
  });
  p.horizon.startDate = "2027-04-01";
  p.services[0].cost = { perBedPerYear: BED, perOccupiedBedDay: 0, perEpisode: 0 };
  p.services[1].cost = { perBedPerYear: 0, perOccupiedBedDay: 0, perEpisode: 0 };
  return finance ? { ...p, finance } : p;
}

const wardCosts = (p: Pathway) =>
  costsOf(p, summariseReplication(p, simulate(p, 3, 0))).byYear.map((row) => row.ward);

describe("money over time", () => {
  it("carries every year's costs from the price year by inflation", () => {
    const c = wardCosts(costed({ inflationPerYear: 0.03, pricesOf: "2026/27", oneOffCosts: [] }));
    // 2027/28 is one year after the price year, 2029/30 three.
    for (const [i, years] of [1, 2, 3].entries())
      expect(c[i]).toBeCloseTo(10 * BED * 1.03 ** years, 4);
  });

  it("charges a one-off cost once, in its financial year, at that year's prices", () => {
    // 1 June 2028 is day 427 of the run, in 2028/29.
    const c = wardCosts(
      costed({
        inflationPerYear: 0.02,
        pricesOf: "2027/28",
        oneOffCosts: [{ day: 427, service: "ward", amount: 250_000 }],
      }),
    );
    expect(c[0]).toBeCloseTo(10 * BED, 4);
    expect(c[1]).toBeCloseTo((10 * BED + 250_000) * 1.02, 4);
    expect(c[2]).toBeCloseTo(10 * BED * 1.02 ** 2, 4);
  });

  it("changes nothing without a finance block", () => {
    expect(wardCosts(costed())).toEqual([10 * BED, 10 * BED, 10 * BED]);
  });

  it("reads inflation from the model and one-off costs from dated changes", () => {
    const ws = workspace({
      scenario: `${BASELINE_TEXT}\nchanges:\n  - date: 2026-06-01\n    description: double running while the crisis house opens\n    service: crisis_houses\n    one_off_cost: 400000\n`,
    });
    ws.write(
      "models/example-icb.yaml",
      `${readModel(ws)}\nfinance:\n  inflation_per_year: "2.5%"\n  prices_of: 2025/26\n`,
    );
    const { pathway } = buildPathway(loadScenario(ws.scenarioFile, { files: nodeFiles }));
    expect(pathway.finance).toEqual({
      inflationPerYear: 0.025,
      pricesOf: "2025/26",
      oneOffCosts: [{ day: 426, service: "crisis_houses", amount: 400_000 }],
    });
    // Money only: the simulation sees no change.
    expect(pathway.changes).toEqual([]);
  });

  it("refuses a one-off cost with no service, at its line", () => {
    const scenario = `${BASELINE_TEXT}\nchanges:\n  - date: 2026-06-01\n    one_off_cost: 400000\n`;
    const ws = workspace({ scenario });
    const [problem] = problemsOf(ws.scenarioFile, { files: nodeFiles });
    expect(problem.message).toMatch(/say which service pays this one-off cost/);
    expect(problem.line).toBe(lineOf(scenario, "one_off_cost"));
  });
});

function readModel(ws: { modelFile: string }): string {
  return nodeFiles.read(ws.modelFile, 1_000_000) as string;
}
