/**
 * Stays are fitted as distinct (days, ended) pairs with counts: every family's log-likelihood
 * on the grouped stays must equal the sum over the stays one by one.
 */
import { describe, expect, it } from "vitest";
import { censoredStays } from "../../src/calibrate/censored-stays.js";
import { STAY_FAMILIES } from "../../src/calibrate/stay-families.js";

const stays = [
  { days: 3, ended: true },
  { days: 3, ended: true },
  { days: 0, ended: true },
  { days: 12, ended: false },
  { days: 12, ended: true },
  { days: 40, ended: true },
  { days: 3, ended: false },
  { days: 40, ended: true },
];

describe("grouped censored stays", () => {
  const grouped = censoredStays(stays);

  it("keeps each distinct (days, ended) pair once with its count, shortest first", () => {
    expect([...grouped.days]).toEqual([0.5, 3, 3, 12, 12, 40]);
    expect([...grouped.ended]).toEqual([1, 1, 0, 1, 0, 1]);
    expect([...grouped.count]).toEqual([1, 2, 1, 1, 1, 2]);
    expect(grouped.stays).toBe(8);
    expect(grouped.discharged).toBe(6);
  });

  it("gives every family the same log-likelihood as the stays one by one", () => {
    for (const family of STAY_FAMILIES) {
      const theta = family.start(grouped)[0].map((v, i) => v + 0.1 * (i + 1));
      const one = stays.reduce(
        (sum, s) => sum + family.logLikelihood(theta, censoredStays([s])),
        0,
      );
      expect(family.logLikelihood(theta, grouped)).toBeCloseTo(one, 9);
    }
  });
});
