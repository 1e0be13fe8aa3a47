/**
 * Settings of dated changes addressed by name or position ("changes.close_men_beds.close_beds",
 * "changes[0].reinvest.share") in --set, set: and sweeps; and targets, one or a list, on any
 * KPI a run reports, misspellings answered with the closest name.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { reportedKpiNames } from "../../src/model/reported-kpis.js";
import { loadScenario } from "../../src/scenario/load.js";
import { settingSegments } from "../../src/scenario/overrides.js";
import { parseTarget } from "../../src/scenario/ranges-and-targets.js";
import { settingProblem } from "../../src/scenario/sweep-section.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import {
  expectProblemAt,
  positionOf,
  problemMatching,
  problemsOf,
  REPO,
  workspace,
} from "./helpers.js";

const RIGHT_SIZE = readFileSync(path.join(REPO, "scenarios/right-size-2027.yaml"), "utf8");
/** The right-size plan with its closure named close_men_beds (the bundled file names it otherwise). */
const NAMED = RIGHT_SIZE.replace("name: oakwood_closure", "name: close_men_beds");

function plan(text = NAMED) {
  const ws = workspace();
  return { ws, file: ws.write("scenarios/plan.yaml", text) };
}

describe("paths into dated changes", () => {
  it("reads brackets and dots alike", () => {
    expect(settingSegments("changes[0].reinvest.share")).toEqual([
      "changes",
      "0",
      "reinvest",
      "share",
    ]);
    expect(settingSegments("changes.close_men_beds.close_beds")).toEqual([
      "changes",
      "close_men_beds",
      "close_beds",
    ]);
  });

  it("sets a change's value by name and by position, and the pathway follows", () => {
    const { file } = plan();
    const byName = loadScenario(file, { set: ["changes.close_men_beds.close_beds=4"] });
    expect(byName.changes[0].change.close_beds).toBe(4);
    const byPosition = loadScenario(file, { set: ["changes[1].reinvest.share=50%"] });
    expect(byPosition.changes[1].change.reinvest?.share).toBe(0.5);
    // The closure is what is reinvested: 4 beds release less money than 10.
    const released = (l: typeof byName) => buildPathway(l).reinvestments[0].releasedPerYear;
    expect(released(byName)).toBeCloseTo((released(loadScenario(file)) * 4) / 10, 6);
  });

  it("sweeps a change's value from the file's sweep: section", () => {
    const text = `${NAMED}sweep:\n  vary:\n    changes.close_men_beds.close_beds: "0..10:5"\n    changes[1].reinvest.share: "0.5..1:0.5"\n`;
    const { file } = plan(text);
    const point = loadScenario(file, {
      sweepPoint: {
        values: { "changes.close_men_beds.close_beds": 5, "changes[1].reinvest.share": 1 },
      },
    });
    expect(point.changes[0].change.close_beds).toBe(5);
    expect(point.changes[1].change.reinvest?.share).toBe(1);
  });

  it("names the closest change and setting when one is misspelt", () => {
    const { file } = plan();
    problemMatching(
      problemsOf(file, { set: ["changes.close_men_bed.close_beds=4"] }),
      /no change "close_men_bed"; did you mean "close_men_beds"\?/,
    );
    problemMatching(
      problemsOf(file, { set: ["changes[0].clse_beds=4"] }),
      /no setting "clse_beds"; did you mean "close_beds"\?/,
    );
    problemMatching(problemsOf(file, { set: ["changes[7].close_beds=4"] }), /numbered from 0 to 1/);
  });

  it("says plainly when a scenario has no changes, instead of 'no changes in the model'", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["changes[0].close_beds=4"] });
    const p = problemMatching(problems, /has no dated changes/);
    expect(p.message).not.toMatch(/in the model/);
  });

  it("reports a bad value at the override that set it", () => {
    const { file } = plan();
    const p = problemMatching(
      problemsOf(file, { set: ["changes.close_men_beds.close_beds=-3"] }),
      /close_beds/,
    );
    expect(p.message).toMatch(/^--set changes\.close_men_beds\.close_beds=-3: .*negative/);
    expect(p.file).toBeUndefined();
  });

  it("checks a sweep's vary path into the changes where it is written", () => {
    const text = `${NAMED}sweep:\n  vary:\n    changes.close_men_beds.clos_beds: "0..10"\n`;
    const { file } = plan(text);
    expectProblemAt(
      problemsOf(file),
      { file, ...positionOf(text, "changes.close_men_beds.clos_beds") },
      /did you mean "close_beds"/,
    );
    const model = loadScenario(workspace().scenarioFile).model;
    expect(settingProblem(model, "changes.x.close_beds", [])).toMatch(/no dated changes/);
  });
});

describe("targets on any reported KPI", () => {
  const ws = workspace();
  const pathway = buildPathway(loadScenario(ws.scenarioFile)).pathway;
  const reported = reportedKpiNames(pathway);

  it("reports per-cohort, per-ward and per-service KPIs that targets may name", () => {
    for (const name of [
      "oap_bed_days.working_age_men",
      "occupancy.oakwood_ward",
      "days_above_85pct.oakwood_ward",
      "waiting_for_place.community_rehab",
      "mean_length_of_stay.older_adults",
      "mean_length_of_stay",
    ])
      expect(reported).toContain(name);
  });

  it("reads a percentage target on a per-ward occupancy, and refuses one on bed-days", () => {
    expect(parseTarget("occupancy.oakwood_ward <= 85%")).toMatchObject({ value: 0.85 });
    expect(parseTarget("oap_bed_days.working_age_men <= 10%")).toMatch(/not as a percentage/);
  });

  it("takes a list of targets in the sweep: section, each checked where it is written", () => {
    const text = `${readFileSync(ws.scenarioFile, "utf8")}sweep:\n  vary:\n    services.oakwood_ward.beds: "20..30"\n  target:\n    - oap_bed_days.working_age_men <= 365 at p90\n    - oap_bed_days.working_age_mne <= 365\n`;
    const file = ws.write("scenarios/targets.yaml", text);
    expectProblemAt(
      problemsOf(file),
      { file, ...positionOf(text, "oap_bed_days.working_age_mne") },
      /did you mean "oap_bed_days\.working_age_men"\?/,
    );
    const fixed = ws.write("scenarios/targets-ok.yaml", text.replace("_mne", "_men"));
    expect(loadScenario(fixed).sweep?.spec.target).toHaveLength(2);
  });
});
