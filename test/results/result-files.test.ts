/**
 * The result files' declared shapes: the report's fixtures match them, the format version is
 * written first and is the only addition, and a file that does not match is described in
 * plain words (the JSON path, what was expected, what was found).
 */
import { describe, expect, it } from "vitest";
import { FORMAT_FIELD, FORMAT_VERSION } from "../../src/results/format-version.js";
import { resultFileProblem } from "../../src/results/result-files.js";
import { comparison, runSummary, sweep } from "../report/load-fixtures.js";

const RECREATE = "it may have been edited by hand. Run the scenario again to recreate it.";

/** The problem with the run fixture after `edit`. */
function problemAfter(edit: (summary: Record<string, unknown>) => void): string | undefined {
  const summary = runSummary() as unknown as Record<string, unknown>;
  edit(summary);
  return resultFileProblem("summary.json", summary);
}

describe("the report's fixtures are valid result files", () => {
  it.each([
    ["summary.json", runSummary],
    ["compare.json", comparison],
    ["sweep.json", sweep],
  ] as const)("%s", (name, fixture) => {
    expect(resultFileProblem(name, fixture())).toBeUndefined();
    expect(resultFileProblem(name, { [FORMAT_FIELD]: FORMAT_VERSION, ...fixture() })).toBe(
      undefined,
    );
  });
});

describe("format_version", () => {
  it("a file from a newer bedsim is refused with what to do", () => {
    expect(problemAfter((s) => Object.assign(s, { format_version: 2 }))).toBe(
      "this file was written by a newer bedsim (format_version 2; this one reads up to 1); update bedsim to read it, or run the scenario again with this one.",
    );
  });

  it("must be a whole number", () => {
    expect(problemAfter((s) => Object.assign(s, { format_version: "1" }))).toBe(
      `format_version: expected a whole number (the version of this file's layout), found the text "1"; ${RECREATE}`,
    );
  });
});

describe("a hand-edited file: what is wrong, where, in plain words", () => {
  it.each([
    [
      "kpis: null",
      (s: Record<string, unknown>) => Object.assign(s, { kpis: null }),
      "kpis: expected an object, found null",
    ],
    [
      "monthly: {}",
      (s: Record<string, unknown>) => Object.assign(s, { monthly: {} }),
      "monthly.months: expected a list, found nothing (it is missing)",
    ],
    [
      "a KPI without mean",
      (s: Record<string, unknown>) => {
        delete (s.kpis as Record<string, Record<string, unknown>>).arrivals.mean;
      },
      "kpis.arrivals.mean: expected a number, found nothing (it is missing)",
    ],
    [
      "scenario: 5",
      (s: Record<string, unknown>) => Object.assign(s, { scenario: 5 }),
      "scenario: expected an object, found 5",
    ],
    [
      "a KPI name with a dot",
      (s: Record<string, unknown>) => {
        const kpis = s.kpis as Record<string, Record<string, unknown>>;
        kpis["cost.oakwood_ward"] = { ...kpis.arrivals, ci95: [1] };
      },
      'kpis["cost.oakwood_ward"].ci95: expected a list of at least 2 items, found a list of 1',
    ],
    [
      "a list item",
      (s: Record<string, unknown>) => {
        (s.by_financial_year as Record<string, unknown>[])[1].year = 2026;
      },
      "by_financial_year[1].year: expected text, found 2026",
    ],
  ])("%s", (_, edit, message) => {
    expect(problemAfter(edit)).toBe(`${message}; ${RECREATE}`);
  });

  it("several top-level fields missing are named together", () => {
    expect(resultFileProblem("summary.json", { version: "0.1.0", seed: 1 })).toBe(
      `this file has no "replications", "scenario", "kpis", "by_financial_year", "monthly", which the report needs; ${RECREATE}`,
    );
  });

  it("not a bedsim file at all", () => {
    for (const data of [null, 5, [], { kpis: {} }])
      expect(resultFileProblem("summary.json", data)).toBe(
        "this is not a file bedsim wrote; run the scenario again to recreate it.",
      );
  });

  it("a sweep's target operator, and a compare's scenario", () => {
    const s = sweep() as unknown as { target: { operator: string } };
    s.target.operator = "<";
    expect(resultFileProblem("sweep.json", s)).toBe(
      `target.operator: expected one of "<=", ">=", found the text "<"; ${RECREATE}`,
    );
    const c = comparison() as unknown as { scenarios: Record<string, unknown>[] };
    c.scenarios[1].differences = [];
    expect(resultFileProblem("compare.json", c)).toBe(
      `scenarios[1].differences: expected an object, found a list of 0; ${RECREATE}`,
    );
  });

  it("a right-size file needs its answer and note", () => {
    expect(resultFileProblem("rightsize.json", sweep())).toBe(
      `this file has no "note", "explored", which the report needs; ${RECREATE}`,
    );
  });
});
