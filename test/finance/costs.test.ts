/**
 * Costs: a staffed bed costs its yearly price for each financial year it is open, leap year
 * or not, and closing it saves that; out-of-area days cost per day used.
 */
import { describe, expect, it } from "vitest";
import { costsOf } from "../../src/finance/costs.js";
import { summariseReplication } from "../../src/model/outcomes.js";
import type { Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { oneWardPathway } from "../model/one-ward-pathway.js";

const BED = 100_000;
const OUT_OF_AREA_DAY = 500;

/** 10 beds from 1 April 2027 for two financial years; 2027/28 holds 29 February 2028. */
function costed(changes: Pathway["changes"] = []): Pathway {
  const p = oneWardPathway({
    beds: 10,
    arrivalsPerYear: 400,
    wardStay: { distribution: "exponential", mean: 10 },
    warmUpDays: 100,
    days: 731,
    changes,
  });
  p.horizon.startDate = "2027-04-01";
  p.services[0].cost = { perBedPerYear: BED, perOccupiedBedDay: 0, perEpisode: 0 };
  p.services[1].cost = { perBedPerYear: 0, perOccupiedBedDay: OUT_OF_AREA_DAY, perEpisode: 0 };
  return p;
}

function costs(p: Pathway) {
  const outcome = summariseReplication(p, simulate(p, 1, 0));
  return { outcome, costs: costsOf(p, outcome) };
}

describe("costsOf", () => {
  it("10 beds at £100k cost £1m in each financial year, the leap year too", () => {
    const { costs: c } = costs(costed());
    expect(c.byYear.map((row) => row.ward)).toEqual([1_000_000, 1_000_000]);
    expect(c.perYear.ward).toBeCloseTo(1_000_000, 6);
  });

  it("out-of-area days cost per day used", () => {
    const { outcome, costs: c } = costs(costed());
    outcome.byFinancialYear.forEach((fy, i) => {
      expect(fy.services.oap.occupiedBedDays).toBeGreaterThan(0);
      expect(c.byYear[i].oap).toBeCloseTo(fy.services.oap.occupiedBedDays * OUT_OF_AREA_DAY, 6);
    });
    expect(c.totalPerYear).toBeCloseTo(c.perYear.ward + c.perYear.oap, 6);
  });

  it("closing 4 beds on 1 October 2027 saves 4 beds' cost from the day each empties", () => {
    // 1 October 2027 is day 183 of 2027/28's 366 days: 183 days at 10 beds, then 6 once the
    // closing beds' patients have left (stays average 10 days, so well within 100 days).
    const { outcome, costs: c } = costs(
      costed([{ day: 183, kind: "capacity", service: "ward", add: -4 }]),
    );
    const openBedDays = outcome.byFinancialYear[0].services.ward.openBedDays;
    expect(c.byYear[0].ward).toBeCloseTo((BED * openBedDays) / 366, 6);
    expect(openBedDays).toBeGreaterThan(10 * 183 + 6 * 183);
    expect(openBedDays).toBeLessThan(10 * 183 + 6 * 183 + 4 * 100);
    expect(c.byYear[1].ward).toBeCloseTo(6 * BED, 6);
  });
});
