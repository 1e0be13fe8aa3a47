/**
 * The Kaplan-Meier estimate against a case worked by hand, and against the known survival of
 * censored exponential stays (within 3 standard errors from Greenwood's formula).
 */
import { describe, expect, it } from "vitest";
import { censoredStays } from "../../src/calibrate/censored-stays.js";
import { kaplanMeier } from "../../src/calibrate/kaplan-meier.js";
import { createStream } from "../../src/engine/random.js";

describe("Kaplan-Meier", () => {
  it("matches a small example worked by hand", () => {
    // Six stays: two end on day 3, one is still running at 5, one ends and one is still
    // running at 7 (the discharge counts first), one ends on day 10.
    const curve = kaplanMeier(
      censoredStays([
        { days: 3, ended: true },
        { days: 7, ended: false },
        { days: 3, ended: true },
        { days: 10, ended: true },
        { days: 5, ended: false },
        { days: 7, ended: true },
      ]),
    );
    expect(curve.days).toEqual([3, 7, 10]);
    expect(curve.atRisk).toEqual([6, 3, 1]);
    expect(curve.discharged).toEqual([2, 1, 1]);
    // S(3) = 4/6; S(7) = 4/6 · 2/3 = 4/9; S(10) = 0.
    expect(curve.survival[0]).toBeCloseTo(2 / 3, 12);
    expect(curve.survival[1]).toBeCloseTo(4 / 9, 12);
    expect(curve.survival[2]).toBe(0);
    // Greenwood: Var S(3) = S² · 2/(6·4); Var S(7) = S² · (2/24 + 1/(3·2)) = S² / 4.
    expect(curve.standardError[0]).toBeCloseTo((2 / 3) * Math.sqrt(1 / 12), 12);
    expect(curve.standardError[1]).toBeCloseTo((4 / 9) * 0.5, 12);
    // The interval holds the estimate and stays within 0 to 1.
    for (let i = 0; i < 2; i++) {
      expect(curve.low[i]).toBeLessThan(curve.survival[i]);
      expect(curve.high[i]).toBeGreaterThan(curve.survival[i]);
      expect(curve.low[i]).toBeGreaterThanOrEqual(0);
      expect(curve.high[i]).toBeLessThanOrEqual(1);
    }
  });

  it("recovers the survival of censored exponential stays within 3 standard errors", () => {
    const rng = createStream(20250401, "kaplan-meier");
    const mean = 30;
    const stays = Array.from({ length: 3000 }, () => {
      const stay = -mean * Math.log(1 - rng());
      // Admitted uniformly over the 100 days before the extract date: heavy censoring.
      const sinceAdmission = 100 * rng();
      return stay <= sinceAdmission
        ? { days: stay, ended: true }
        : { days: sinceAdmission, ended: false };
    });
    const data = censoredStays(stays);
    expect(data.stays - data.discharged).toBeGreaterThan(500);
    const curve = kaplanMeier(data);
    for (const t of [5, 15, 30, 45, 60]) {
      const i = curve.days.filter((d) => d <= t).length - 1;
      const truth = Math.exp(-t / mean);
      expect(Math.abs(curve.survival[i] - truth)).toBeLessThan(3 * curve.standardError[i]);
    }
    // The naive share of completed stays longer than 30 days is far below the truth.
    const done = stays.filter((s) => s.ended);
    const naive = done.filter((s) => s.days > 30).length / done.length;
    expect(Math.exp(-1) - naive).toBeGreaterThan(0.1);
  });
});
