import { afterEach, describe, expect, it } from "vitest";
import { runTime } from "../../src/cli/run-time.js";
import { InputError } from "../../src/scenario/input-error.js";

describe("runTime", () => {
  afterEach(() => {
    delete process.env.SOURCE_DATE_EPOCH;
  });

  it("is now without SOURCE_DATE_EPOCH", () => {
    const before = Date.now();
    const at = Date.parse(runTime());
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it("is SOURCE_DATE_EPOCH's second when set", () => {
    process.env.SOURCE_DATE_EPOCH = "1764547200";
    expect(runTime()).toBe("2025-12-01T00:00:00.000Z");
  });

  it("refuses a SOURCE_DATE_EPOCH that is not whole seconds", () => {
    for (const bad of ["yesterday", "1.5", "-3", "1e30"]) {
      process.env.SOURCE_DATE_EPOCH = bad;
      expect(() => runTime()).toThrow(InputError);
    }
  });
});
