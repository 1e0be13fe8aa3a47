/**
 * The explorer page's own pure parts, without a browser: the delay-length lever's stretched
 * distributions (their mean is the lever's value, and the CLI's loader accepts the entries),
 * where the editor underlines a located problem, and the by-ward and by-cohort tables.
 */
import { describe, expect, it } from "vitest";
import { partTable, SERVICE_FAMILIES } from "../../explorer/src/part-tables.js";
import { problemRange } from "../../explorer/src/problem-range.js";
import { stretchable, stretchedEntries } from "../../explorer/src/stretched-distribution.js";
import { type DistributionSpec, makeDistribution } from "../../src/engine/distributions.js";

/** The entries applied to the distribution they came from (as `set:` would apply them). */
function applied(spec: DistributionSpec, entries: Record<string, number | number[]>, at: string) {
  const copy = structuredClone(spec) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(entries)) {
    const parts = key.slice(at.length + 1).split(".");
    let node = copy as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return copy as unknown as DistributionSpec;
}

describe("a delay's length stretched to a new mean", () => {
  const at = "pathway.discharge_routes.home.delay.length";
  const cases: DistributionSpec[] = [
    { distribution: "exponential", mean: 18 },
    { distribution: "lognormal", mean: 12, sd: 9 },
    { distribution: "gamma", mean: 20, sd: 30 },
    { distribution: "weibull", shape: 1.4, scale: 15 },
    { distribution: "erlang", k: 3, mean: 10 },
    { distribution: "triangular", min: 2, mode: 5, max: 30 },
    { distribution: "uniform", min: 1, max: 9 },
    { distribution: "fixed", value: 7 },
    { distribution: "empirical", values: [1, 4, 9, 30] },
    {
      distribution: "mixture",
      components: [
        { weight: 0.6, of: { distribution: "lognormal", mean: 12, sd: 9 } },
        { weight: 0.4, of: { distribution: "weibull", shape: 2, scale: 40 } },
      ],
    },
  ];
  for (const spec of cases)
    it(`moves the mean of a ${spec.distribution} by exactly the factor`, () => {
      const before = makeDistribution(spec).mean;
      const entries = stretchedEntries(at, spec, 0.5);
      const after = makeDistribution(applied(spec, entries, at));
      expect(after.mean).toBeCloseTo(before * 0.5, 3);
      // Shape, k and weights are not entries: only numbers of days are stretched.
      expect(Object.keys(entries).some((k) => /(shape|\.k|weight)$/.test(k))).toBe(false);
    });

  it("names each parameter by its path, a mixture's by component", () => {
    expect(stretchedEntries(at, cases[1], 2)).toEqual({ [`${at}.mean`]: 24, [`${at}.sd`]: 18 });
    expect(Object.keys(stretchedEntries(at, cases[9], 2))).toEqual([
      `${at}.components.0.of.mean`,
      `${at}.components.0.of.sd`,
      `${at}.components.1.of.scale`,
    ]);
  });

  it("leaves alone a distribution read from a file", () => {
    const fromFile = { distribution: "empirical", values: [3], file: "stays.csv" };
    expect(stretchable(fromFile as unknown as DistributionSpec)).toBe(false);
    expect(stretchable(cases[9])).toBe(true);
  });
});

describe("where the editor underlines a located problem", () => {
  const text = "name: x\nrun:\n  yeers: 5\n";
  it("covers the word at the problem's line and column", () => {
    const range = problemRange(text, { file: "a.yaml", line: 3, column: 3, message: "" });
    expect(text.slice(range.from, range.to)).toBe("yeers");
  });
  it("puts a problem with no line, or past the end, at the start", () => {
    expect(problemRange(text, { message: "" })).toEqual({ from: 0, to: 4 });
    expect(problemRange(text, { line: 99, message: "" })).toEqual({ from: 0, to: 1 });
  });
});

describe("the by-ward table", () => {
  const kpis = new Set(["occupancy.a", "days_full.a", "occupancy.b"]);
  const table = partTable(
    "Ward",
    [{ id: "a", name: "Ash" }, { id: "b" }, { id: "c", name: "Unreported" }],
    SERVICE_FAMILIES,
    (n) => kpis.has(n),
    (n) => `cell ${n}`,
  );
  it("has a row for each ward reported and a column for each family reported", () => {
    expect(table?.header).toEqual([
      "Ward",
      "Occupancy (fraction of open beds)",
      "Days with every bed full (days a year)",
    ]);
    expect(table?.rows).toEqual([
      ["Ash", "cell occupancy.a", "cell days_full.a"],
      ["b", "cell occupancy.b", "–"],
    ]);
  });
  it("is left out when nothing is reported", () => {
    expect(partTable("Ward", [{ id: "a" }], SERVICE_FAMILIES, () => false, String)).toBeUndefined();
  });
});
