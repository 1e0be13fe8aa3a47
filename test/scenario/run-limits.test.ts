/**
 * Runs that would exhaust memory or take absurdly long are refused when the scenario is
 * loaded (so by `bedsim validate` as well as `bedsim run`), at the run setting to change, with
 * the estimate and what to do.
 */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { estimateRunSize, RUN_LIMITS, runSizeProblems } from "../../src/scenario/run-limits.js";
import {
  BASELINE_TEXT,
  expectProblemAt,
  MODEL_TEXT,
  problemMatching,
  problemsOf,
  replaceOnce,
  valuePosition,
  workspace,
} from "./helpers.js";

describe("estimates", () => {
  it("the baseline (200 replications of 5 years) is a few seconds of computing and tens of MB", () => {
    const loaded = loadScenario(workspace().scenarioFile);
    const size = estimateRunSize(loaded);
    // ~1,650 arrivals a year over 5 years and a 4-year warm-up, at ~15 ms a replication of
    // 8 years (the calibration in run-limits.ts): about 17 ms each, 3.5 s for 200.
    expect(size.arrivalsPerReplication).toBeGreaterThan(14_000);
    expect(size.arrivalsPerReplication).toBeLessThan(17_000);
    expect(size.seconds).toBeGreaterThan(2);
    expect(size.seconds).toBeLessThan(6);
    expect(size.bytes).toBeGreaterThan(10e6);
    expect(size.bytes).toBeLessThan(40e6);
    expect(runSizeProblems(loaded)).toEqual([]);
  });

  it("scales with replications, points, horizon and scaled arrivals", () => {
    const ws = workspace();
    const base = estimateRunSize(loadScenario(ws.scenarioFile));
    const twice = estimateRunSize(loadScenario(ws.scenarioFile, { set: ["run.replications=400"] }));
    expect(twice.seconds).toBeCloseTo(2 * base.seconds, 6);
    expect(twice.bytes).toBeCloseTo(2 * base.bytes, 0);
    const swept = estimateRunSize(loadScenario(ws.scenarioFile), 41);
    expect(swept.seconds).toBeCloseTo(41 * base.seconds, 6);
    const longer = estimateRunSize(loadScenario(ws.scenarioFile, { set: ["run.years=10"] }));
    expect(longer.arrivalsPerReplication).toBeGreaterThan(1.5 * base.arrivalsPerReplication);
    const scaled = loadScenario(
      ws.write(
        "scenarios/busier.yaml",
        'extends: baseline.yaml\nchanges:\n  - date: 2026-04-01\n    scale_arrivals: "200%"\n',
      ),
    );
    expect(estimateRunSize(scaled).arrivalsPerReplication).toBeGreaterThan(
      1.9 * base.arrivalsPerReplication,
    );
  });

  it("the memory limit is at most 4 GB", () => {
    expect(RUN_LIMITS.bytes).toBeLessThanOrEqual(4 * 1024 ** 3);
    expect(RUN_LIMITS.hours).toBe(6);
  });
});

describe("refusals", () => {
  it("too many replications in the file is refused at the file's replications", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "replications: 200", "replications: 90000");
    const ws = workspace({ scenario });
    const p = expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...valuePosition(scenario, "replications: 90000") },
      /90,000 replications of 5 years .* too big a run: .*GB of memory .*use at most [\d,]+ replications/,
    );
    expect(p.message).toMatch(/bedsim allows/);
  });

  it("too many replications from the command line is blamed on the option", () => {
    const ws = workspace();
    const p = problemMatching(
      problemsOf(ws.scenarioFile, { set: ["run.replications=100000"] }),
      /too big a run/,
    );
    expect(p.file).toBeUndefined();
    expect(p.message).toMatch(/^run\.replications=100000 \(from --replications or --set\)/);
  });

  it("a runaway growth rate over 50 years is refused at years: even 2 replications are too many", () => {
    const model = MODEL_TEXT.replaceAll(/growth_per_year: "[^"]*"/g, 'growth_per_year: "90%"');
    const scenario = replaceOnce(BASELINE_TEXT, "years: 5", "years: 50");
    const ws = workspace({ model, scenario });
    const p = expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...valuePosition(scenario, "years: 50") },
      /too big a run: it would simulate .* arrivals .*of computing on one core \(bedsim allows 6 hours\)/,
    );
    expect(p.message).toMatch(/shorten the run .* check the arrivals and growth/);
    expect(p.message).not.toMatch(/use at most/);
  });

  it("millions of arrivals a year over a long horizon are refused for their run time", () => {
    const model = replaceOnce(MODEL_TEXT, "arrivals_per_year: 740", "arrivals_per_year: 1000000");
    const scenario = replaceOnce(
      replaceOnce(BASELINE_TEXT, "years: 5", "years: 40"),
      "replications: 200",
      "replications: 1000",
    );
    const ws = workspace({ model, scenario });
    problemMatching(problemsOf(ws.scenarioFile), /hours of computing on one core/);
  });

  it("a sweep checks the size of all its points together", () => {
    const ws = workspace();
    const loaded = loadScenario(ws.scenarioFile, { set: ["run.replications=5000"] });
    expect(runSizeProblems(loaded)).toEqual([]);
    const problems = runSizeProblems(loaded, 41);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(
      /5,000 replications at each of 41 settings .* too big a run: .*use at most [\d,]+ replications per setting.*vary fewer settings/,
    );
  });
});

describe("dates the calendar covers", () => {
  it("a run past 31 March 9999 is refused at its start, with the latest start that works", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "start: 2025-04-01", "start: 9999-01-01");
    const ws = workspace({ scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...valuePosition(scenario, "start: 9999-01-01") },
      /^run → start: a run of 5 years from 9999-01-01 would end on 10003-12-31, after 9999-03-31, and bedsim's calendar covers 1000-04-01 to 9999-03-31 \(the financial years 1000\/01 to 9998\/99\); start on 9994-04-01 or earlier or run for fewer years$/,
    );
    expect(() => loadScenario(ws.scenarioFile, { set: ["run.start=9994-04-01"] })).not.toThrow();
    expect(problemsOf(ws.scenarioFile, { set: ["run.start=9994-04-02"] })[0].message).toMatch(
      /^--set run\.start=9994-04-02: a run of 5 years from 9994-04-02 would end on 9999-04-01, after 9999-03-31/,
    );
  });

  it("a warm-up before 1 April 1000 is refused at the start, with the earliest start that works", () => {
    const ws = workspace();
    const [p] = problemsOf(ws.scenarioFile, { set: ["run.start=1002-01-01"] });
    expect(p.message).toBe(
      "--set run.start=1002-01-01: a run from 1002-01-01 with 1,460 days of warm-up (from 0998-01-01) would begin before 1000-04-01, and bedsim's calendar covers 1000-04-01 to 9999-03-31 (the financial years 1000/01 to 9998/99); start on 1004-03-31 or later or shorten the warm-up",
    );
    expect(() => loadScenario(ws.scenarioFile, { set: ["run.start=1004-03-31"] })).not.toThrow();
    problemsOf(ws.scenarioFile, { set: ["run.start=1004-03-30"] });
    const [early] = problemsOf(ws.scenarioFile, {
      set: ["run.start=0500-04-01", "run.warm_up_days=0"],
    });
    expect(early.message).toMatch(
      /^--set run\.start=0500-04-01: a run from 0500-04-01 would begin before 1000-04-01, .*; start on 1000-04-01 or later$/,
    );
  });
});
