/** Reading a starting census (run.start_from): what it gives the pathway, and its mistakes. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import {
  BASELINE_TEXT,
  expectProblemAt,
  problemMatching,
  problemsOf,
  replaceOnce,
  workspace,
} from "./helpers.js";

const WITH_CENSUS = replaceOnce(BASELINE_TEXT, "warm_up_days: 1460", "start_from: census.csv");
const HEADER = "person,cohort,service,admitted,delayed_since,waiting_for";

function withCensus(csv: string, scenario = WITH_CENSUS) {
  const ws = workspace({ scenario, files: { "scenarios/census.csv": csv } });
  return { ...ws, census: path.join(ws.dir, "scenarios/census.csv") };
}

describe("a starting census", () => {
  it("gives each person's days in and days delayed, with no warm-up, and is in the manifest", () => {
    const ws = withCensus(
      [
        HEADER,
        "a1,working_age_men,oakwood_ward,2025-03-02,",
        "a2,older_adults,acute_out_of_area,2025-04-01,",
        "a3,working_age_women,willow_ward,2024-12-01,2025-03-20",
      ].join("\n"),
    );
    const loaded = loadScenario(ws.scenarioFile);
    expect(loaded.run.warm_up_days).toBe(0);
    expect(loaded.files).toContain(ws.census);
    const { pathway } = buildPathway(loaded);
    expect(pathway.horizon.warmUpDays).toBe(0);
    expect(pathway.census).toStrictEqual([
      { key: "a1", cohort: "working_age_men", service: "oakwood_ward", daysIn: 30 },
      { key: "a2", cohort: "older_adults", service: "acute_out_of_area", daysIn: 0 },
      {
        key: "a3",
        cohort: "working_age_women",
        service: "willow_ward",
        daysIn: 121,
        daysDelayed: 12,
      },
    ]);
  });

  it("reports every mistake at its row and column", () => {
    const ws = withCensus(
      [
        HEADER,
        "b1,working_age_man,oakwood_ward,2025-03-01,",
        "b2,working_age_men,oakwood,2025-03-01,",
        "b3,working_age_men,oakwood_ward,2025-05-01,",
        "b4,working_age_men,oakwood_ward,2025-02-30,",
        "b4,working_age_men,crisis_houses,2025-03-01,2025-03-02",
        "b6,working_age_men,oakwood_ward,2025-03-01,2025-02-01",
      ].join("\n"),
    );
    const problems = problemsOf(ws.scenarioFile);
    const at = (line: number, column: number, message: RegExp) =>
      expectProblemAt(problems, { file: ws.census, line, column }, message);
    at(2, 2, /unknown cohort "working_age_man"; did you mean "working_age_men"\?/);
    at(3, 3, /unknown service "oakwood"; did you mean "oakwood_ward"\?/);
    at(4, 4, /the admitted date 2025-05-01 is after the start date 2025-04-01/);
    at(5, 4, /"2025-02-30" is not a date; write the admitted date as YYYY-MM-DD/);
    at(6, 1, /person "b4" is also on row 5/);
    at(
      6,
      5,
      /only acute and intensive-care patients .* have delayed discharges in the model, and crisis_houses is a crisis house/,
    );
    at(7, 5, /the delay starts \(2025-02-01\) before the admission \(2025-03-01\)/);
  });

  it("refuses more people in a ward than its beds, saying where to put the rest", () => {
    const model = loadScenario(workspace().scenarioFile).model;
    const beds = model.services.find((s) => s.id === "oakwood_ward")?.beds ?? 0;
    const rows = Array.from(
      { length: beds + 3 },
      (_, i) => `c${i},working_age_men,oakwood_ward,2025-03-01,`,
    );
    const ws = withCensus([HEADER, ...rows].join("\n"));
    const problem = problemMatching(problemsOf(ws.scenarioFile), /people are in oakwood_ward/);
    expect(problem.file).toBe(ws.census);
    expect(problem.message).toMatch(/move the extra 3 to an out-of-area service/);
  });

  it("says which column is misnamed or missing in the header", () => {
    const ws = withCensus(
      "person,cohort,servce,admitted\nd1,working_age_men,oakwood_ward,2025-03-01",
    );
    const problems = problemsOf(ws.scenarioFile);
    expectProblemAt(problems, { file: ws.census, line: 1, column: 3 }, /did you mean "service"/);
    problemMatching(problems, /the header row has no "service" column/);
  });

  it("sums up a long list of problems", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `e${i},nobody,oakwood_ward,2025-03-01,`);
    const problems = problemsOf(withCensus([HEADER, ...rows].join("\n")).scenarioFile);
    expect(problems.length).toBe(21);
    expect(problems[20].message).toMatch(/and 10 more problems in this census/);
  });

  it("names a missing census file at start_from, and refuses a warm-up with a census", () => {
    const missing = workspace({ scenario: WITH_CENSUS });
    const problem = problemMatching(problemsOf(missing.scenarioFile), /cannot find the file/);
    expect(problem.file).toBe(missing.scenarioFile);
    const warm = withCensus(
      `${HEADER}\nf1,working_age_men,oakwood_ward,2025-03-01,`,
      replaceOnce(
        BASELINE_TEXT,
        "warm_up_days: 1460",
        "warm_up_days: 30\n  start_from: census.csv",
      ),
    );
    problemMatching(problemsOf(warm.scenarioFile), /set warm_up_days: 0 or remove start_from/);
  });
});
