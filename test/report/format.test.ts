import { describe, expect, it } from "vitest";
import { formatMoney, formatValue, small } from "../../src/report/format.js";

describe("numbers in tables", () => {
  it("keeps two significant figures for small non-zero values, so they never read 0.0", () => {
    expect(small(0)).toBe("0.0");
    expect(small(0.25)).toBe("0.3");
    expect(small(0.034)).toBe("0.034");
    expect(small(-0.0123)).toBe("-0.012");
    expect(small(0.0004)).toBe("<0.001");
    expect(small(-0.0004)).toBe(">-0.001");
  });

  it("formats by the KPI's kind: counts, fractions, money", () => {
    expect(formatValue("oap_bed_days", 1722.6)).toBe("1,723");
    expect(formatValue("mean_wait_days", 1.26)).toBe("1.3");
    expect(formatValue("mean_wait_days", 0.02)).toBe("0.020");
    // Counts are whole from 10 up, and zero is plain.
    expect(formatValue("admissions", 91.7)).toBe("92");
    expect(formatValue("mean_oap_occupied", 2.44)).toBe("2.4");
    expect(formatValue("days_full", 0)).toBe("0");
    expect(formatValue("mean_local_occupancy", 0.9012)).toBe("90.1%");
    expect(formatValue("total_cost", 32_031_000)).toBe("£32.03m");
    expect(formatMoney(-689)).toBe("-£689");
  });
});
