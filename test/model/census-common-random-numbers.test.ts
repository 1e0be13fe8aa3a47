/**
 * Common random numbers with a census: the census people's remaining stays come from streams
 * of their own (run seed, replication, census row), so a scenario that changes only capacity
 * meets the same census people with the same remaining stays as its baseline.
 */
import { describe, expect, it } from "vitest";
import type { CensusPerson, Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { SpellLog } from "../../src/model/spell-log.js";
import { oneWardPathway } from "./one-ward-pathway.js";

const CENSUS: CensusPerson[] = Array.from({ length: 24 }, (_, i) => ({
  key: `person-${i}`,
  cohort: "adults",
  service: i < 18 ? "ward" : "oap",
  daysIn: (i * 7) % 40,
}));

function pathway(beds: number): Pathway {
  return {
    ...oneWardPathway({
      beds,
      arrivalsPerYear: 300,
      wardStay: { distribution: "lognormal", mean: 25, sd: 30 },
      warmUpDays: 0,
      days: 365,
      outOfAreaStayMultiplier: 1.2,
    }),
    census: CENSUS,
  };
}

/** When each census person's first stay ends, by person. */
function censusStayEnds(p: Pathway, replication: number): Map<string, number | undefined> {
  const log = new SpellLog();
  simulate(p, 11, replication, log);
  return new Map(log.spells.filter((s) => s.fromCensus).map((s) => [s.person, s.end]));
}

describe("common random numbers with a census", () => {
  it("gives the same census people the same remaining stays when only capacity changes", () => {
    for (let r = 0; r < 5; r++) {
      const baseline = censusStayEnds(pathway(18), r);
      const moreBeds = censusStayEnds(pathway(30), r);
      expect(baseline.size).toBe(CENSUS.length);
      expect(moreBeds).toStrictEqual(baseline);
    }
  });

  it("draws afresh in each replication", () => {
    const first = censusStayEnds(pathway(18), 0);
    const second = censusStayEnds(pathway(18), 1);
    expect(second).not.toStrictEqual(first);
  });

  it("logs everyone in the census in their service, admitted the days before the start they said", () => {
    const log = new SpellLog();
    simulate(pathway(18), 11, 0, log);
    const census = log.spells.filter((s) => s.fromCensus);
    for (const [i, person] of CENSUS.entries()) {
      expect(census[i].person).toBe(person.key);
      expect(census[i].start).toBe(-person.daysIn);
      expect(census[i].service).toBe(person.service === "ward" ? 0 : 1);
    }
  });
});
