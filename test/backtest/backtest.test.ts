/**
 * Whether a back-test does what it claims: a model back-tested against histories it generated
 * itself has about 80% of observed months inside its P10–P90 bands, and a model with stays 20%
 * too short has visibly fewer. One ward and its out-of-area service, so each history is quick.
 */
import { describe, expect, it } from "vitest";
import { backtest } from "../../src/backtest/backtest.js";
import { type BacktestMeasure, MEASURE_NAMES, monthsBetween } from "../../src/backtest/measures.js";
import { dayNumberOf, providerSpells } from "../../src/backtest/provider-spells.js";
import { censusOnDate } from "../../src/data/census-on-date.js";
import { dayToIso } from "../../src/data/extract-dates.js";
import { dayOffset } from "../../src/model/calendar.js";
import type { Pathway } from "../../src/model/pathway.js";
import { simulate } from "../../src/model/simulation.js";
import { SpellLog } from "../../src/model/spell-log.js";
import { oneWardPathway } from "../model/one-ward-pathway.js";

const HISTORIES = 20;
const REPLICATIONS = 100;
const YEAR = 365;

function ward(meanStay: number, over: Partial<Parameters<typeof oneWardPathway>[0]> = {}): Pathway {
  return oneWardPathway({
    beds: 20,
    arrivalsPerYear: 400,
    // About 16 beds' worth of demand on 20 beds: full on some days, out of area on some.
    wardStay: { distribution: "lognormal", mean: meanStay, sd: meanStay * 0.8 },
    warmUpDays: YEAR,
    days: 3 * YEAR,
    readmissionWithin30Days: 0.1,
    ...over,
  });
}

/** Each history's share of months inside the band, per measure, for a model of `meanStay`. */
function coverage(modelMeanStay: number): Record<BacktestMeasure, number[]> {
  const truth = ward(15);
  const from = dayNumberOf(truth, YEAR);
  const to = dayNumberOf(truth, 3 * YEAR) - 1;
  const months = monthsBetween(from, to + 1);
  const inside = Object.fromEntries(MEASURE_NAMES.map((m) => [m, [] as number[]])) as Record<
    BacktestMeasure,
    number[]
  >;
  for (let h = 0; h < HISTORIES; h++) {
    const log = new SpellLog();
    simulate(truth, 500 + h, 0, log);
    const observed = providerSpells(log.spells, truth);
    const start = dayToIso(from);
    const model: Pathway = {
      ...ward(modelMeanStay, { warmUpDays: 0, days: 2 * YEAR }),
      horizon: { warmUpDays: 0, days: to + 1 - from, startDate: start },
      census: censusOnDate(observed, from, "oap").map((row) => ({
        key: row.person,
        cohort: row.cohort,
        service: row.service,
        daysIn: dayOffset(row.admitted, start),
      })),
    };
    const result = backtest(model, 77 + h, REPLICATIONS, observed, months);
    for (const m of MEASURE_NAMES) inside[m].push(result.measures[m].inside);
  }
  return inside;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const standardError = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
};

describe("a back-test of a model against its own histories", () => {
  const right = coverage(15);

  it.each(["admissions", "local_occupied", "out_of_area"] as const)(
    "has four months in five of %s inside the band (within 3 standard errors over histories)",
    (measure) => {
      const shares = right[measure];
      // The band is estimated from 100 replications, so a new month lands in it with a
      // chance a little under 80% (ends included, and counts tie, so a little over for admissions).
      expect(Math.abs(mean(shares) - 0.8)).toBeLessThan(3 * standardError(shares) + 0.02);
    },
  );

  it("shows a model with stays 20% too short as outside its history", () => {
    const wrong = coverage(12);
    const occupied = wrong.local_occupied;
    // Far below 80%, by more than 3 standard errors of both estimates.
    const gap = mean(right.local_occupied) - mean(occupied);
    expect(gap).toBeGreaterThan(
      3 * Math.hypot(standardError(occupied), standardError(right.local_occupied)),
    );
    expect(mean(occupied)).toBeLessThan(0.8 - 3 * standardError(occupied));
  }, 60_000);
});
