/**
 * Reinvestment: money released by closing beds, times the share reinvested, split between
 * services and turned into whole beds or places at their yearly unit cost, rounding down.
 */
import { describe, expect, it } from "vitest";
import { reinvest } from "../../src/finance/reinvestment.js";

const CRISIS_HOUSE_BED = 150_000;
const REHAB_PLACE = 18_000;

describe("reinvest", () => {
  it("£1.2m released, 80% reinvested 50/50 into £150k beds and £18k places → 3 beds, 26 places", () => {
    const r = reinvest(1_200_000, 0.8, [
      { service: "crisis_houses", share: 0.5, unitCostPerYear: CRISIS_HOUSE_BED },
      { service: "community_rehab", share: 0.5, unitCostPerYear: REHAB_PLACE },
    ]);
    // £960k reinvested; £480k each: 480/150 = 3.2 → 3 beds (£450k); 480/18 = 26.7 → 26 (£468k).
    expect(r.releasedPerYear).toBe(1_200_000);
    expect(r.reinvestedPerYear).toBeCloseTo(960_000, 6);
    expect(r.bought).toEqual([
      {
        service: "crisis_houses",
        capacity: 3,
        unitCostPerYear: CRISIS_HOUSE_BED,
        costPerYear: 450_000,
      },
      {
        service: "community_rehab",
        capacity: 26,
        unitCostPerYear: REHAB_PLACE,
        costPerYear: 468_000,
      },
    ]);
    // £30k + £12k too little for another bed or place.
    expect(r.unspentPerYear).toBeCloseTo(42_000, 6);
    expect(r.unspentPerYear + 450_000 + 468_000).toBeCloseTo(r.reinvestedPerYear, 6);
  });

  it("rounds down, never up: 0.99 of a place buys nothing", () => {
    const r = reinvest(99_000, 1, [
      { service: "supported_housing", share: 1, unitCostPerYear: 100_000 },
    ]);
    expect(r.bought[0].capacity).toBe(0);
    expect(r.bought[0].costPerYear).toBe(0);
    expect(r.unspentPerYear).toBeCloseTo(99_000, 6);
  });

  it("exact multiples buy the whole number despite floating-point error", () => {
    // £1m × 70% × 70% = £490k buys exactly 7 places at £70k, but in floating point
    // 1e6 × 0.7 × 0.7 / 70,000 = 6.999999999999999.
    expect((1_000_000 * 0.7 * 0.7) / 70_000).toBeLessThan(7);
    const r = reinvest(1_000_000, 0.7, [
      { service: "crisis_houses", share: 0.7, unitCostPerYear: 70_000 },
      { service: "community_rehab", share: 0.3, unitCostPerYear: 10_000 },
    ]);
    // And the other 30% of £700k = £210k buys 21 places at £10k.
    expect(r.bought.map((b) => b.capacity)).toEqual([7, 21]);
    expect(Math.abs(r.unspentPerYear)).toBeLessThan(1e-6);
  });

  it("buys nothing when the money is short for every service", () => {
    const r = reinvest(100_000, 0.8, [
      { service: "crisis_houses", share: 0.5, unitCostPerYear: CRISIS_HOUSE_BED },
      { service: "rehab_ward", share: 0.5, unitCostPerYear: 200_000 },
    ]);
    expect(r.bought.map((b) => b.capacity)).toEqual([0, 0]);
    expect(r.unspentPerYear).toBeCloseTo(80_000, 6);
  });

  it("nothing released, nothing bought", () => {
    const r = reinvest(0, 0.8, [
      { service: "community_rehab", share: 1, unitCostPerYear: REHAB_PLACE },
    ]);
    expect(r.reinvestedPerYear).toBe(0);
    expect(r.bought[0].capacity).toBe(0);
    expect(r.unspentPerYear).toBe(0);
  });

  it("a zero share reinvests nothing", () => {
    const r = reinvest(1_200_000, 0, [
      { service: "community_rehab", share: 1, unitCostPerYear: REHAB_PLACE },
    ]);
    expect(r.bought[0].capacity).toBe(0);
    expect(r.unspentPerYear).toBe(0);
  });

  it("uneven splits: each service gets its own share of the money", () => {
    // £1m × 90% = £900k: 70% (£630k) into £150k beds → 4 (£600k); 30% (£270k) into £18k → 15.
    const r = reinvest(1_000_000, 0.9, [
      { service: "crisis_houses", share: 0.7, unitCostPerYear: CRISIS_HOUSE_BED },
      { service: "community_rehab", share: 0.3, unitCostPerYear: REHAB_PLACE },
    ]);
    expect(r.bought.map((b) => b.capacity)).toEqual([4, 15]);
    expect(r.unspentPerYear).toBeCloseTo(900_000 - 600_000 - 270_000, 6);
  });
});
