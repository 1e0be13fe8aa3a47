/** Charts that stay readable: the open-beds panel's scale, a forest plot of many scenarios. */
import { describe, expect, it } from "vitest";
import { differencesChart } from "../../src/report/charts/differences.js";
import { bedTicks } from "../../src/report/charts/occupancy.js";
import { CHART_HEIGHT } from "../../src/report/charts/render.js";
import { comparison } from "./load-fixtures.js";

describe("open-beds panel", () => {
  it("has the bed level and a round number to read it against, never a lone tick", () => {
    expect(bedTicks([154, 154, 154], 130, 170)).toEqual([140, 154]);
    expect(bedTicks([154, 154, 144, 144], 120, 170)).toEqual([130, 144, 154]);
    for (const ticks of [bedTicks([30], 20, 40), bedTicks([154], 130, 170)])
      expect(ticks.length).toBeGreaterThanOrEqual(2);
  });
});

describe("forest plot of differences", () => {
  it("grows taller with more scenarios, so each label has a line of its own", () => {
    const compare = comparison();
    const heights = [2, 4, 8].map((n) => {
      const c = comparison();
      c.scenarios = Array.from({ length: n }, (_, i) => compare.scenarios[i % 2]);
      return differencesChart(c)?.height ?? CHART_HEIGHT;
    });
    expect(heights[0]).toBe(CHART_HEIGHT);
    expect(heights[1]).toBeGreaterThan(heights[0]);
    expect(heights[2]).toBeGreaterThan(heights[1]);
    // At least 30 px per label: 8 scenarios of each measure within 0.8 of its row.
    const kpis = 9;
    expect(heights[2]).toBeGreaterThanOrEqual(Math.min(2600, (kpis * 8 * 30) / 0.8));
  });
});
