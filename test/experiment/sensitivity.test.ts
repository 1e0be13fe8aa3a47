/**
 * One-at-a-time sensitivity with common random numbers, on an Erlang loss ward: effects are
 * paired differences from the scenario, an input that changes nothing has no effect at all,
 * and the ranking follows the swing.
 */
import { describe, expect, it } from "vitest";
import { ReplicationPool } from "../../src/experiment/pool.js";
import { runSensitivity, type SensitivityInput } from "../../src/experiment/sensitivity.js";
import type { Pathway } from "../../src/model/pathway.js";
import { oneWardPathway } from "../model/one-ward-pathway.js";

const R = 20;
const base = oneWardPathway({
  beds: 10,
  arrivalsPerYear: 300,
  wardStay: { distribution: "exponential", mean: 10 },
  warmUpDays: 100,
  days: 3 * 365,
});
const withBeds = (beds: number): Pathway => ({
  ...base,
  services: base.services.map((s) => (s.id === "ward" ? { ...s, capacity: beds } : s)),
});
const inputs: SensitivityInput[] = [
  {
    id: "arrivals",
    label: "arrivals",
    factor: true,
    base: 1,
    low: 0.9,
    high: 1.1,
    pathwayAt: (factor) => ({
      ...base,
      changes: [{ day: -100, kind: "scale_arrivals", cohort: "adults", factor }],
    }),
  },
  { id: "beds", label: "beds", base: 10, low: 8, high: 12, pathwayAt: withBeds },
  // Changes nothing: the same pathway at either value.
  { id: "nothing", label: "nothing", base: 0, low: -1, high: 1, pathwayAt: () => base },
];

describe("runSensitivity", async () => {
  const result = await ReplicationPool.with(1, (pool) =>
    runSensitivity(base, inputs, ["admissions", "oap_admissions"], 7, R, pool, {}),
  );

  it("finds no effect, exactly, for an input that changes nothing (common random numbers)", () => {
    const nothing = result.inputs.find((i) => i.id === "nothing");
    expect(nothing?.effects.admissions.low).toEqual({ mean: 0, ci95: [0, 0] });
    expect(nothing?.effects.oap_admissions.swing).toBe(0);
    expect(result.inputs.at(-1)?.id).toBe("nothing");
  });

  it("moves admissions with arrivals by about the factor, each side (within 3 SE)", () => {
    const arrivals = result.inputs.find((i) => i.id === "arrivals");
    const admitted = result.base.kpis.admissions.mean;
    expect(admitted).toBeGreaterThan(0.9 * 300);
    for (const [which, sign] of [
      ["low", -1],
      ["high", 1],
    ] as const) {
      const d = arrivals?.effects.admissions[which];
      const se = ((d?.ci95[1] ?? 0) - (d?.ci95[0] ?? 0)) / 2 / 2.093;
      expect(Math.abs((d?.mean ?? 0) - sign * 0.1 * 300)).toBeLessThan(3 * se + 1e-9);
      expect(3 * se).toBeLessThan(0.5 * 0.1 * 300);
    }
  });

  it("has more beds send fewer people out of area, and ranks by the first KPI's swing", () => {
    const beds = result.inputs.find((i) => i.id === "beds");
    expect(beds?.effects.oap_admissions.high.mean).toBeLessThan(0);
    expect(beds?.effects.oap_admissions.low.mean).toBeGreaterThan(0);
    // Beds do not change who is admitted somewhere (local or out of area): a swing of 0.
    expect(beds?.effects.admissions.swing).toBe(0);
    const swings = result.inputs.map((i) => Math.abs(i.effects.admissions.swing));
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
  });
});
