/**
 * Runs that would exhaust memory or take absurdly long are refused when the scenario is
 * loaded (so by `bedsim validate` as well as `bedsim run`), at the run setting to change, with
 * the estimate and what to do.
 */
import { getHeapStatistics } from "node:v8";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OutcomeTable } from "../../src/experiment/outcome-table.js";
import { runReplication } from "../../src/experiment/replication.js";
import { loadScenario } from "../../src/scenario/load.js";
import {
  estimateRunSize,
  largestRun,
  planMemory,
  planWorkers,
  precisionSizeProblems,
  RUN_LIMITS,
  runSizeProblems,
} from "../../src/scenario/run-limits.js";
import type { LoadedScenario } from "../../src/scenario/scenario-types.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
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
  it("the baseline (200 replications of 5 years) is a few seconds of computing and a few MB", () => {
    const loaded = loadScenario(workspace().scenarioFile);
    const size = estimateRunSize(loaded);
    // Kept: what the outcome table keeps of a replication, estimated within a factor of two.
    const kept = keptBytesPerReplication(loaded);
    expect(size.bytes / size.replications).toBeGreaterThanOrEqual(kept);
    expect(size.bytes / size.replications).toBeLessThan(2 * kept);
    // ~1,650 arrivals a year over 5 years and a 4-year warm-up, at ~15 ms a replication of
    // 8 years (the calibration in run-limits.ts): about 17 ms each, 3.5 s for 200.
    expect(size.arrivalsPerReplication).toBeGreaterThan(14_000);
    expect(size.arrivalsPerReplication).toBeLessThan(17_000);
    expect(size.seconds).toBeGreaterThan(2);
    expect(size.seconds).toBeLessThan(6);
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
  // Over 50 years a replication keeps 51 financial years' KPIs and 600 months: 90,000 of
  // them do not fit (a 5-year baseline keeps so little that 100,000, the most allowed, do).
  it("too many replications in the file is refused at the file's replications", () => {
    const scenario = replaceOnce(
      replaceOnce(BASELINE_TEXT, "replications: 200", "replications: 90000"),
      "years: 5",
      "years: 50",
    );
    const ws = workspace({ scenario });
    const p = expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...valuePosition(scenario, "replications: 90000") },
      /90,000 replications of 50 years .* too big a run: .*GB of memory .*use at most [\d,]+ replications/,
    );
    expect(p.message).toMatch(/bedsim allows/);
  });

  it("too many replications from the command line is blamed on the option", () => {
    const ws = workspace();
    const p = problemMatching(
      problemsOf(ws.scenarioFile, { set: ["run.years=50", "run.replications=100000"] }),
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
    const loaded = loadScenario(ws.scenarioFile, {
      set: ["run.years=50", "run.replications=5000"],
    });
    expect(runSizeProblems(loaded)).toEqual([]);
    const problems = runSizeProblems(loaded, 41);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(
      /5,000 replications at each of 41 settings .* too big a run: .*use at most [\d,]+ replications per setting.*vary fewer settings/,
    );
  });
});

/** The model with every discharge route readmitting `pct`, and optionally 0.01-day acute stays. */
function readmittingModel(pct: number, shortStays = false): string {
  let model = MODEL_TEXT.replaceAll(
    /readmission_within_30_days: "[^"]*"/g,
    `readmission_within_30_days: "${pct}%"`,
  );
  // The one route without a readmission share gets one too.
  model = replaceOnce(
    model,
    "    - route: inpatient_rehab\n",
    `    - route: inpatient_rehab\n      readmission_within_30_days: "${pct}%"\n`,
  );
  if (!shortStays) return model;
  const mixtures =
    /length_of_stay:\n\s+distribution: mixture\n\s+components:\n(?:\s+- weight.*\n\s+of:.*\n)+/g;
  // The pathway's stay and the older adults' own.
  expect(model.match(mixtures)).toHaveLength(2);
  return model.replaceAll(mixtures, "length_of_stay: { distribution: fixed, value: 0.01 }\n");
}

/** The model with `n` one-bed wards added, taking every cohort. */
function manyWardsModel(n: number): string {
  const wards = Array.from(
    { length: n },
    (_, i) =>
      `  - id: extra_${i}\n    kind: ward\n    beds: 1\n    cost: { per_bed_per_year: 120000, per_occupied_bed_day: 30 }\n`,
  ).join("");
  return replaceOnce(
    MODEL_TEXT,
    "\n  # Out-of-area acute beds",
    `\n${wards}\n  # Out-of-area acute beds`,
  );
}

/** Bytes the outcome table keeps of one replication of the scenario (one is run to see). */
function keptBytesPerReplication(loaded: LoadedScenario): number {
  const { pathway } = buildPathway(loaded);
  return OutcomeTable.of([runReplication(pathway, loaded.run.seed, 0)]).bytesPerReplication;
}

// Worker threads hold memory of their own; one thread makes the estimates the same everywhere.
// As the command line does: one thread, and the heap Node allows.
beforeEach(() => {
  planWorkers(1);
  planMemory(getHeapStatistics().heap_size_limit);
});
afterEach(() => planWorkers(1));

describe("readmissions", () => {
  it("the baseline: about 33,000 events a replication, as measured, with 0.09 readmissions an admission", () => {
    const size = estimateRunSize(loadScenario(workspace().scenarioFile));
    // Measured 32,947 (simulation.ts counts every event); about 8% of discharges readmitted.
    expect(size.eventsPerReplication).toBeGreaterThan(30_000);
    expect(size.eventsPerReplication).toBeLessThan(36_000);
    expect(size.readmissionsPerAdmission).toBeCloseTo(0.09, 2);
  });

  it("readmission p on every route: 1/(1 - p) admissions each, so about one readmission at 50%", () => {
    const base = estimateRunSize(loadScenario(workspace().scenarioFile));
    const half = estimateRunSize(
      loadScenario(workspace({ model: readmittingModel(50) }).scenarioFile),
    );
    // Slightly under 1: people arriving near the end of the run have no time to come back.
    expect(half.readmissionsPerAdmission).toBeGreaterThan(0.95);
    expect(half.readmissionsPerAdmission).toBeLessThan(1);
    expect(half.arrivalsPerReplication).toBe(base.arrivalsPerReplication);
    expect(half.eventsPerReplication).toBeGreaterThan(1.6 * base.eventsPerReplication);
    expect(half.seconds).toBeGreaterThan(1.5 * base.seconds);
  });

  it("at 90% with 0.01-day stays: about 264,000 events a replication, as measured", () => {
    const ws = workspace({ model: readmittingModel(90, true) });
    const size = estimateRunSize(loadScenario(ws.scenarioFile));
    expect(size.readmissionsPerAdmission).toBeGreaterThan(8);
    expect(size.readmissionsPerAdmission).toBeLessThan(9);
    expect(size.eventsPerReplication).toBeGreaterThan(0.9 * 264_000);
    expect(size.eventsPerReplication).toBeLessThan(1.5 * 264_000);
  });

  it("at 100% people go round until the run ends: work grows with the square of the years", () => {
    const ws = workspace({ model: readmittingModel(100, true) });
    const over = (years: number) =>
      estimateRunSize(
        loadScenario(ws.scenarioFile, { set: [`run.years=${years}`, "run.warm_up_days=0"] }),
      );
    const one = over(1);
    const four = over(4);
    // Measured 26,900 and 375,000 events: four times the years, fourteen times the work.
    expect(one.eventsPerReplication).toBeGreaterThan(26_900);
    expect(one.eventsPerReplication).toBeLessThan(2 * 26_900);
    expect(four.eventsPerReplication).toBeGreaterThan(375_000);
    expect(four.eventsPerReplication).toBeLessThan(2 * 375_000);
    expect(four.eventsPerReplication / one.eventsPerReplication).toBeGreaterThan(12);
    expect(four.readmissionsPerAdmission / one.readmissionsPerAdmission).toBeGreaterThan(3.5);
    // Over the baseline's 5 years and 1,460-day warm-up: 1.06 million events, 0.46 s, measured
    // (the estimate of 2.6 million does not know that people wait in bed for full community
    // places and so go round less often); before readmissions were counted, 31,000.
    const baseline = estimateRunSize(loadScenario(ws.scenarioFile));
    expect(baseline.eventsPerReplication).toBeGreaterThan(1.06e6);
    expect(baseline.eventsPerReplication).toBeLessThan(3 * 1.06e6);
    expect(baseline.seconds / baseline.replications).toBeGreaterThan(0.46);
  });

  it("1,000 replications of 50 years at 100% are refused, saying why", () => {
    const scenario = replaceOnce(
      replaceOnce(BASELINE_TEXT, "years: 5", "years: 50"),
      "replications: 200",
      "replications: 1000",
    );
    const ws = workspace({ model: readmittingModel(100, true), scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...valuePosition(scenario, "replications: 1000") },
      /^run → replications: 1,000 replications of 50 years \(plus 1,460 days of warm-up\) is too big a run: it would simulate about [\d.]+ million arrivals \(about [\d,]+ per replication, each person admitted being readmitted about [\d,]+ times\), taking about [\d,]+ (hours|days) of computing on one core \(bedsim allows 6 hours\); use at most [\d,]+ replications, or shorten the run \(years or warm_up_days\) or check the readmission shares \(readmission_within_30_days\): at 100% on every route nobody ever leaves care for good$/,
    );
  });
});

describe("services", () => {
  const ws = workspace({ model: manyWardsModel(3000) });
  const loaded = loadScenario(ws.scenarioFile);

  it("3,000 one-bed wards: memory and time from every service's daily figures, as measured", () => {
    const size = estimateRunSize(loaded);
    expect(size.services).toBe(3014);
    // Kept: a cost a service for each period, as the outcome table keeps it; 0.47 s a
    // replication, most of it recording 3,014 services' days and each admission looking
    // through 3,002 wards (measured; the baseline's is 17 ms).
    const kept = keptBytesPerReplication(loaded);
    expect(size.bytes / size.replications).toBeGreaterThanOrEqual(kept);
    expect(size.bytes / size.replications).toBeLessThan(2 * kept);
    expect(size.seconds / size.replications).toBeGreaterThan(0.47);
    expect(size.seconds / size.replications).toBeLessThan(2 * 0.47);
    // In flight: the recording of a replication (about 238 MB of daily series) and the last
    // one, not yet freed; a second worker thread measured 416 MB more at its peak.
    expect(size.workers).toBe(1);
    expect(size.workingBytes).toBeGreaterThan(416e6);
    expect(size.workingBytes).toBeLessThan(2 * 416e6);
    expect(runSizeProblems(loaded)).toEqual([]);
  });

  it("each worker thread holds its own replication in flight", () => {
    const one = estimateRunSize(loaded).workingBytes;
    planWorkers(2);
    expect(estimateRunSize(loaded).workers).toBe(2);
    expect(estimateRunSize(loaded).workingBytes).toBeCloseTo(2 * one, 0);
    // No more threads than replications start.
    planWorkers(300);
    expect(estimateRunSize(loaded).workers).toBe(200);
    expect(estimateRunSize(loaded, 1, 2).workers).toBe(2);
  });

  // Over 30 years each replication keeps a cost a service for 31 financial years (about
  // 0.8 MB) and one in flight holds about 1.9 GB of daily series: 4,000 do not fit.
  it("4,000 replications of them over 30 years are refused for their memory, naming the services", () => {
    const p = problemMatching(
      problemsOf(ws.scenarioFile, { set: ["run.years=30", "run.replications=4000"] }),
      /too big a run/,
    );
    expect(p.message).toMatch(
      /^run\.replications=4000 \(from --replications or --set\): 4,000 replications of 30 years \(plus 1,460 days of warm-up\) is too big a run: it would need about [\d.]+ GB of memory for the daily figures and results of 3,014 services \(bedsim allows [\d.]+ GB\); use at most [\d,]+ replications \(200 to 1,000 is usually plenty; --precision adds them only as needed\), or shorten the run \(years or warm_up_days\) or model fewer services \(each keeps daily figures for every day\)$/,
    );
  });

  it("fewer --workers is suggested when the threads' daily figures alone do not fit", () => {
    // 50 years: about 2.9 GB in flight per thread, so one fits and two do not.
    if (RUN_LIMITS.bytes < 3.2e9) return;
    const set = ["run.years=50", "run.replications=2"];
    expect(() => loadScenario(ws.scenarioFile, { set })).not.toThrow();
    planWorkers(2);
    const p = problemMatching(problemsOf(ws.scenarioFile, { set }), /too big a run/);
    expect(p.message).toMatch(
      /^--set run\.years=50: 2 replications of 50 years \(plus 1,460 days of warm-up\) is too big a run: it would need about [\d.]+ GB of memory for the daily figures and results of 3,014 services \(bedsim allows [\d.]+ GB\); shorten the run \(years or warm_up_days\), use fewer --workers \(each of the 2 holds a replication's daily figures, about 2\.9 GB\) or model fewer services \(each keeps daily figures for every day\)$/,
    );
  });
});

describe("--precision", () => {
  it("is checked at --max-replications, and blamed on it", () => {
    const loaded = loadScenario(workspace().scenarioFile);
    expect(precisionSizeProblems(loaded, 5000, true)).toEqual([]);
    const [p] = precisionSizeProblems(loaded, 1_000_000, false);
    expect(p.file).toBeUndefined();
    expect(p.message).toMatch(
      /^--max-replications 1000000: --precision may add replications up to 1,000,000, and 1,000,000 replications of 5 years \(plus 1,460 days of warm-up\) is too big a run: it would .*; give --max-replications [\d,]+ or fewer$/,
    );
    // At or below the scenario's own replications --precision adds none: nothing more to check.
    expect(precisionSizeProblems(loaded, 200, false)).toEqual([]);
  });

  it("or at its default, when that is too many for the model", () => {
    const loaded = loadScenario(workspace({ model: manyWardsModel(3000) }).scenarioFile, {
      set: ["run.years=30"],
    });
    const [p] = precisionSizeProblems(loaded, 5000, true);
    expect(p.message).toMatch(
      /^--precision: it may add replications up to 5,000 \(the default --max-replications\), and 5,000 replications of 30 years .* too big a run: it would need about [\d.]+ GB of memory for the daily figures and results of 3,014 services .*; give --max-replications [\d,]+ or fewer$/,
    );
  });
});

describe("compared scenarios and swept settings", () => {
  it("the biggest of several runs sets the size of the job", () => {
    const ws = workspace();
    const baseline = loadScenario(ws.scenarioFile);
    const busier = loadScenario(
      ws.write(
        "scenarios/busier.yaml",
        'extends: baseline.yaml\nchanges:\n  - date: 2026-04-01\n    scale_arrivals: "300%"\n',
      ),
    );
    expect(largestRun([baseline, busier])).toBe(busier);
    expect(largestRun([busier, baseline])).toBe(busier);
    expect(largestRun([baseline])).toBe(baseline);
  });

  it("a comparison is described as scenarios, not settings", () => {
    const loaded = loadScenario(workspace().scenarioFile, {
      set: ["run.years=50", "run.replications=20000"],
    });
    const [p] = runSizeProblems(loaded, 3, "compare");
    expect(p.message).toMatch(
      /20,000 replications for each of 3 scenarios .* too big a run: .*use at most [\d,]+ replications per scenario.*compare fewer scenarios/,
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
