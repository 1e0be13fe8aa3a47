/** Written shares add up to exactly 100%, and seasonal multipliers average exactly 1. */
import fc from "fast-check";
import { expect, it } from "vitest";
import { percentsTo100, seasonalTo12 } from "../../src/calibrate/rounding.js";

it("writes shares to 0.1% that add up to exactly 100%", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
      (raw) => {
        const total = raw.reduce((a, b) => a + b, 0);
        const tenths = percentsTo100(raw.map((r) => r / total)).map((p) =>
          Math.round(Number.parseFloat(p) * 10),
        );
        expect(tenths.reduce((a, b) => a + b, 0)).toBe(1000);
      },
    ),
  );
  expect(percentsTo100([1 / 3, 1 / 3, 1 / 3])).toEqual(["33.4%", "33.3%", "33.3%"]);
});

it("writes twelve multipliers to 0.01 that average exactly 1", () => {
  const m = seasonalTo12([0.951, 0.949, 1.0, 1.02, 1.05, 1.06, 1.05, 1.0, 1.0, 0.98, 0.97, 0.973]);
  expect(Math.round(m.reduce((a, b) => a + b, 0) * 100)).toBe(1200);
});
