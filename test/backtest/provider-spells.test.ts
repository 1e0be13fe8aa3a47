import { describe, expect, it } from "vitest";
import { providerSpells } from "../../src/backtest/provider-spells.js";
import { parseExtractDate } from "../../src/data/extract-dates.js";
import type { Pathway } from "../../src/model/pathway.js";
import type { Spell as Stay } from "../../src/model/spell-log.js";
import { oneWardPathway, START_DATE } from "../model/one-ward-pathway.js";

/** One ward, its out-of-area service, a PICU and a crisis house. */
function pathway(): Pathway {
  const base = oneWardPathway({
    beds: 10,
    arrivalsPerYear: 100,
    wardStay: { distribution: "exponential", mean: 10 },
    warmUpDays: 0,
    days: 365,
  });
  const like = base.services[0];
  return {
    ...base,
    services: [
      ...base.services,
      { ...like, id: "picu", kind: "picu" },
      { ...like, id: "crisis_house", kind: "crisis_house" },
    ],
  };
}
const WARD = 0;
const OUT_OF_AREA = 1;
const PICU = 2;
const CRISIS_HOUSE = 3;
const start = parseExtractDate(START_DATE) as number;
const stay = (service: number, from: number, to: number | undefined, route: string): Stay => ({
  person: "sim-1",
  cohort: 0,
  service,
  start: from,
  end: to,
  route,
  fromCensus: false,
});

describe("simulated stays as hospital provider spells", () => {
  it("make a ward, PICU and ward again one spell, named after the ward", () => {
    const spells = providerSpells(
      [
        stay(WARD, 1.5, 4.2, "transfer"),
        stay(PICU, 4.2, 20.7, "transfer"),
        stay(WARD, 20.7, 30.1, "home"),
      ],
      pathway(),
    );
    expect(spells).toHaveLength(1);
    expect(spells[0]).toMatchObject({
      ward: "ward",
      admitted: start + 1,
      discharged: start + 30,
      route: "home",
    });
  });

  it("start a new spell at a move between providers, and the first ends as a transfer", () => {
    const spells = providerSpells(
      [stay(OUT_OF_AREA, 0.2, 9.9, "transfer"), stay(WARD, 9.9, 15, "home")],
      pathway(),
    );
    expect(spells.map((s) => [s.ward, s.admitted - start, s.discharged, s.route])).toEqual([
      ["out_of_area", 0, start + 9, "transfer"],
      ["ward", 9, start + 15, "home"],
    ]);
  });

  it("leave out stays that are not in hospital, and keep a delay with its days", () => {
    const delayed = { ...stay(WARD, 2, 40, "home"), delayedFrom: 31.5 };
    const spells = providerSpells([stay(CRISIS_HOUSE, 0, 10, "home"), delayed], pathway());
    expect(spells).toHaveLength(1);
    expect(spells[0].delay).toEqual({ start: start + 31, end: start + 40 });
  });

  it("name a spell seen only in intensive care after a ward that takes its cohort", () => {
    const spells = providerSpells(
      [stay(OUT_OF_AREA, 0, 3, "transfer"), stay(PICU, 3, undefined, "")],
      pathway(),
    );
    expect(spells[1]).toMatchObject({ ward: "ward", discharged: undefined });
  });
});
