import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectQuantiles } from "../../src/stats/select-quantiles.js";
import { quantile } from "../../src/stats/summary.js";

describe("selectQuantiles", () => {
  it("gives exactly the quantiles of the sorted values, whatever their order and ties", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 400, noNaN: true }), fc.constant(7)), {
          minLength: 1,
          maxLength: 300,
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        (values, ps) => {
          const sorted = Float64Array.from(values).sort();
          const expected = ps.map((p) => quantile(sorted, p));
          expect(selectQuantiles(Float64Array.from(values), ps)).toEqual(expected);
        },
      ),
    );
  });

  it("handles sorted, reversed and constant data", () => {
    const n = 1001;
    const up = Float64Array.from({ length: n }, (_, i) => i);
    const down = Float64Array.from({ length: n }, (_, i) => n - 1 - i);
    const flat = new Float64Array(n).fill(3);
    expect(selectQuantiles(up, [0.5, 0.9])).toEqual([500, 900]);
    expect(selectQuantiles(down, [0.9, 0.5, 0])).toEqual([900, 500, 0]);
    expect(selectQuantiles(flat, [0.1, 1])).toEqual([3, 3]);
  });

  it("gives NaN for no values, as quantile does", () => {
    expect(selectQuantiles(new Float64Array(0), [0.5])).toEqual([Number.NaN]);
  });
});
