import { describe, expect, it } from "vitest";
import { summariseReplication } from "../../src/model/outcomes.js";
import { simulate } from "../../src/model/simulation.js";
import { oneWardPathway } from "./one-ward-pathway.js";

/** A busy 20-bed ward (offered load 27 beds) from which beds close on day 100. */
function closing(setBeds: number) {
  const pathway = oneWardPathway({
    beds: 20,
    arrivalsPerYear: 365,
    wardStay: { distribution: "exponential", mean: 27 },
    warmUpDays: 200,
    days: 400,
    changes: [{ day: 100, kind: "capacity", service: "ward", set: setBeds }],
  });
  const out = simulate(pathway, 11, 0);
  const outcome = summariseReplication(pathway, out);
  const warm = out.calendar.warmUpDays;
  const open = out.recorder.levelDays[out.layout.capacity[0]];
  const occupied = out.recorder.levelDays[out.layout.occupied[0]];
  return { outcome, warm, open, occupied };
}

describe("beds close as they empty", () => {
  it("occupancy never exceeds the beds open, on any day", () => {
    const { open, occupied } = closing(10);
    for (let d = 0; d < open.length; d++) expect(occupied[d]).toBeLessThanOrEqual(open[d] + 1e-9);
  });

  it("the beds open fall from 20 to 10 over the days after the closure, not at once", () => {
    const { open, warm } = closing(10);
    const day = warm + 100;
    // The ward is full when the change comes, so on the closure day most beds are still open…
    expect(open[day]).toBeGreaterThan(15);
    // …and a few stays later (mean stay 27 days) only the ten that remain are.
    expect(open[day + 200]).toBeCloseTo(10, 9);
    for (let d = day; d < day + 200; d++) expect(open[d + 1]).toBeLessThanOrEqual(open[d] + 1e-9);
  });

  it("closing every bed: occupancy and open beds agree, and nobody lies in a closed ward", () => {
    const { outcome, open, occupied, warm } = closing(0);
    const k = outcome.kpis;
    expect(k.peak_local_occupancy).toBeLessThanOrEqual(1);
    expect(k.mean_local_occupancy).toBeLessThanOrEqual(k.peak_local_occupancy);
    // Once the last patient has left, the ward has no beds and no one in them.
    const end = open.length - 1;
    expect(open[end]).toBe(0);
    expect(occupied[end]).toBe(0);
    expect(open[warm + 100]).toBeGreaterThan(0);
    outcome.monthly.open_beds.forEach((beds, m) => {
      expect(outcome.monthly.local_occupied[m]).toBeLessThanOrEqual(beds + 1e-9);
      if (beds === 0) expect(outcome.monthly.local_occupancy[m]).toBe(0);
    });
  });
});
