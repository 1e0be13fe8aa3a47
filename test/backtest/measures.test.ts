import { describe, expect, it } from "vitest";
import { measureMonths, monthsBetween } from "../../src/backtest/measures.js";
import { parseExtractDate } from "../../src/data/extract-dates.js";
import type { Spell } from "../../src/data/spell.js";

const day = (iso: string) => parseExtractDate(iso) as number;
const spell = (over: Partial<Spell> & Pick<Spell, "admitted">): Spell => ({
  line: 0,
  spellId: "s",
  personId: "p",
  cohort: "adults",
  ward: "ward",
  ...over,
});

describe("months of a back-test", () => {
  it("are calendar months clipped to the period", () => {
    const months = monthsBetween(day("2024-01-15"), day("2024-03-10"));
    expect(months.map((m) => [m.label, m.to - m.from])).toEqual([
      ["2024-01", 17],
      ["2024-02", 29],
      ["2024-03", 9],
    ]);
  });
});

describe("measures counted from spells", () => {
  const months = monthsBetween(day("2024-04-01"), day("2024-06-01"));

  it("count a day in hospital from admission up to, not including, discharge", () => {
    // In April from the 11th to the 30th (20 days), then all of May.
    const m = measureMonths(
      [spell({ admitted: day("2024-04-11"), discharged: day("2024-06-05") })],
      months,
    );
    expect(m.local_occupied[0]).toBeCloseTo(20 / 30, 12);
    expect(m.local_occupied[1]).toBe(1);
    expect(m.admissions).toEqual([1, 0]);
    expect(m.out_of_area).toEqual([0, 0]);
  });

  it("keep out-of-area spells apart, and an open spell runs to the end", () => {
    const m = measureMonths([spell({ admitted: day("2024-03-01"), ward: "out_of_area" })], months);
    expect(m.out_of_area).toEqual([1, 1]);
    expect(m.local_occupied).toEqual([0, 0]);
    // Admitted before the period: no admission in it.
    expect(m.admissions).toEqual([0, 0]);
  });

  it("count delayed bed-days on local wards within the month", () => {
    const m = measureMonths(
      [
        spell({
          admitted: day("2024-04-01"),
          discharged: day("2024-05-11"),
          delay: { start: day("2024-04-21"), end: day("2024-05-11") },
        }),
        // A delay out of area is not a local bed held.
        spell({
          personId: "q",
          ward: "out_of_area",
          admitted: day("2024-04-01"),
          discharged: day("2024-04-30"),
          delay: { start: day("2024-04-10"), end: day("2024-04-30") },
        }),
      ],
      months,
    );
    expect(m.delayed_bed_days).toEqual([10, 10]);
  });

  it("do not count a move to another provider on the day of leaving as an admission", () => {
    const m = measureMonths(
      [
        spell({
          ward: "out_of_area",
          admitted: day("2024-04-03"),
          discharged: day("2024-04-20"),
          route: "transfer",
        }),
        spell({ admitted: day("2024-04-20"), discharged: day("2024-05-02") }),
        // The same person back a week later is an admission (a readmission).
        spell({ admitted: day("2024-05-09"), discharged: day("2024-05-20") }),
      ],
      months,
    );
    expect(m.admissions).toEqual([1, 1]);
  });
});
