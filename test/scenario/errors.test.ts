/**
 * Every mistake a person can make by hand in a model or scenario file must come back as an
 * InputError whose problems name the file, the line and column of the mistake, and say what to
 * do. Each case writes temporary copies of the bundled example model and baseline scenario with
 * one corruption, and computes the expected line from the text it wrote.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withCosts } from "../../src/finance/costs.js";
import { summariseReplication } from "../../src/model/outcomes.js";
import { reportedKpiNames } from "../../src/model/reported-kpis.js";
import { simulate } from "../../src/model/simulation.js";
import type { Problem } from "../../src/scenario/input-error.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parseTarget } from "../../src/scenario/ranges-and-targets.js";
import { buildPathway } from "../../src/scenario/to-pathway.js";
import {
  BASELINE_TEXT,
  expectProblemAt,
  lineOf,
  MODEL_TEXT,
  positionOf,
  problemMatching,
  problemsOf,
  replaceOnce,
  valuePosition,
  workspace,
} from "./helpers.js";

/** Loads the baseline with a corrupted model; returns the problems and where things are. */
function brokenModel(from: string, to: string, after?: string) {
  const model =
    after === undefined
      ? replaceOnce(MODEL_TEXT, from, to)
      : MODEL_TEXT.slice(0, MODEL_TEXT.indexOf(after)) +
        replaceOnce(MODEL_TEXT.slice(MODEL_TEXT.indexOf(after)), from, to);
  const ws = workspace({ model });
  return { model, ws, problems: problemsOf(ws.scenarioFile) };
}

/** Loads a corrupted baseline scenario. */
function brokenScenario(scenario: string) {
  const ws = workspace({ scenario });
  return { scenario, ws, problems: problemsOf(ws.scenarioFile) };
}

function expectAllLocated(problems: Problem[], file: string) {
  for (const p of problems) {
    expect(p.file).toBe(file);
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
}

const WITH_CHANGE = (lines: string) => `${BASELINE_TEXT}changes:\n${lines}`;

it("the uncorrupted copies load (so every failure below is caused by its corruption)", () => {
  const ws = workspace();
  expect(loadScenario(ws.scenarioFile).model.services).toHaveLength(14);
});

describe("YAML syntax", () => {
  it("a key indented less than its neighbours is reported on that line", () => {
    const { model, ws, problems } = brokenModel(
      "    kind: ward\n    beds: 30",
      "    kind: ward\n  beds: 30",
    );
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, line: lineOf(model, "\n  beds: 30") + 1, column: 1 },
      /not well formed.*check the indentation \(spaces, not tabs\)/,
    );
  });

  it("a key indented more than its neighbours is reported at that line or the key it continues", () => {
    const { model, ws, problems } = brokenModel(
      "    kind: ward\n    beds: 30",
      "    kind: ward\n      beds: 30",
    );
    expectAllLocated(problems, ws.modelFile);
    const corrupted = lineOf(model, "      beds: 30");
    // YAML reads "ward\n beds" as one multi-line key starting on the line before.
    expect([corrupted - 1, corrupted]).toContain(problems[0].line);
    expect(problems[0].message).toMatch(/not well formed/);
  });

  // Regression: yamlMessage() adds the "check the indentation ..." hint only for BAD_INDENT,
  // MISSING_CHAR and UNEXPECTED_TOKEN. Over-indenting a key (or writing `beds:30`) gives
  // BLOCK_AS_IMPLICIT_KEY / MULTILINE_IMPLICIT_KEY, reported as just "the YAML is not well
  // formed here (Nested mappings are not allowed in compact mappings)" and "(Implicit keys
  // need to be on a single line)", twice at the same position, with nothing to do.
  it.each([
    ["    beds: 30", "      beds: 30"],
    ["    beds: 30", "    beds:30"],
  ])("%j written as %j gets a message saying what to do", (from, to) => {
    const { problems } = brokenModel(from, to);
    for (const p of problems) expect(p.message).toMatch(/indent|space/);
  });

  it("an unclosed [ is reported near it, naming the missing ]", () => {
    const { model, ws, problems } = brokenModel(
      "accepts: [working_age_men]",
      "accepts: [working_age_men",
    );
    expectAllLocated(problems, ws.modelFile);
    const corrupted = lineOf(model, "accepts: [working_age_men\n");
    const p = problemMatching(problems, /end with a \]/);
    expect([corrupted, corrupted + 1]).toContain(p.line);
  });

  // Regression (minor; the yaml library reports where it noticed): an unclosed [ on line N is
  // reported at line N+1 (the next key), whose text is fine.
  it("an unclosed [ is reported on the line with the [", () => {
    const { model, problems } = brokenModel(
      "accepts: [working_age_men]",
      "accepts: [working_age_men",
    );
    expect(problems[0].line).toBe(lineOf(model, "accepts: [working_age_men\n"));
  });

  // Regression: an unclosed quote is reported at the end of the file (line 219 of 218) instead of
  // where the quote opens (line 128), with the irrelevant hint "check the indentation".
  it("an unclosed quote is reported on the line where it opens", () => {
    const { model, problems } = brokenModel("name: Oakwood (men)", 'name: "Oakwood (men)');
    const p = problemMatching(problems, /quote/);
    expect(p.line).toBe(lineOf(model, 'name: "Oakwood'));
  });

  it("an unclosed quote is rejected with a message about the quote", () => {
    const { ws, problems } = brokenModel("name: Oakwood (men)", 'name: "Oakwood (men)');
    expect(problemMatching(problems, /Missing closing "quote/).file).toBe(ws.modelFile);
  });

  it("a tab used for indentation is reported at the tab, saying to use spaces", () => {
    const { model, ws, problems } = brokenModel("    beds: 30", "\tbeds: 30");
    expect(problems[0]).toEqual({
      file: ws.modelFile,
      line: lineOf(model, "\tbeds: 30"),
      column: 1,
      message: expect.stringMatching(/tab.*spaces/),
    });
  });

  it("a tab in a scenario file is reported in the scenario file", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "  years: 5", "\tyears: 5");
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, line: lineOf(scenario, "\tyears"), column: 1 },
      /tab.*YAML needs spaces/,
    );
  });

  it("a duplicate key is reported at its second appearance", () => {
    const { model, ws, problems } = brokenModel("    beds: 30\n", "    beds: 30\n    beds: 31\n");
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "beds: 31") },
      /appears twice.*keep one of them/,
    );
  });

  it("a duplicate run key in a scenario is reported in the scenario", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "  years: 5\n", "  years: 5\n  years: 6\n");
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "years: 6") },
      /appears twice/,
    );
  });
});

describe("misspelt keys get a suggestion", () => {
  it('replicatons → did you mean "replications"', () => {
    const scenario = replaceOnce(BASELINE_TEXT, "replications: 200", "replicatons: 200");
    const { ws, problems } = brokenScenario(scenario);
    expectAllLocated(problems, ws.scenarioFile);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "replicatons") },
      /unknown key "replicatons" in run; did you mean "replications"\?/,
    );
  });

  it('arrivals_per_yeer in a cohort → did you mean "arrivals_per_year"', () => {
    const { model, ws, problems } = brokenModel("arrivals_per_year: 740", "arrivals_per_yeer: 740");
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "arrivals_per_yeer") },
      /unknown key "arrivals_per_yeer" in cohorts.*did you mean "arrivals_per_year"\?/,
    );
  });

  // One mistake, one message: the misspelt required key is also "missing", but the
  // unknown-key message already names the right spelling.
  it("a misspelt required key is not also reported as missing", () => {
    const { problems } = brokenModel("arrivals_per_year: 740", "arrivals_per_yeer: 740");
    expect(problems).toHaveLength(1);
    expect(problems[0].message).not.toMatch(/is missing/);
  });

  it("a missing required key with no similar unknown key is still reported as missing", () => {
    const { model, ws, problems } = brokenModel("    arrivals_per_year: 740\n", "");
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "id: working_age_men") },
      /cohorts → working_age_men → arrivals_per_year is missing; add it/,
    );
  });

  it.each([
    ["a service", "length_of_stay: { distribution: triangular", undefined],
    ["a cohort", "length_of_stay:\n      distribution: mixture", "  - id: older_adults"],
    ["the pathway", "length_of_stay:\n    distribution: mixture", "pathway:"],
  ])('lenght_of_stay in %s → did you mean "length_of_stay"', (_, from, after) => {
    const { model, ws, problems } = brokenModel(from, `lenght${from.slice(6)}`, after);
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "lenght_of_stay") },
      /unknown key "lenght_of_stay".*did you mean "length_of_stay"\?/,
    );
  });

  it("an unknown key with no close match lists the allowed keys", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "  years: 5\n", "  years: 5\n  colour: blue\n");
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "colour") },
      /unknown key "colour" in run; the keys allowed here are: start, years/,
    );
  });
});

describe("values", () => {
  it("negative beds", () => {
    const { model, ws, problems } = brokenModel("beds: 24", "beds: -4");
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...valuePosition(model, "beds: -4") },
      /services → willow_ward → beds: beds cannot be negative/,
    );
  });

  it('beds written as "twenty"', () => {
    const { model, ws, problems } = brokenModel("    beds: 30\n", "    beds: twenty\n");
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...valuePosition(model, "beds: twenty") },
      /beds: expected a whole number of beds \(got the text "twenty"\)/,
    );
  });

  it("discharge route shares summing to 90% name 90% and 100%", () => {
    const { model, ws, problems } = brokenModel('share: "82%"', 'share: "72%"');
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "- route: home", "  discharge_routes:") },
      /discharge route shares add up to 90%, but they must add up to 100%; adjust them/,
    );
  });

  it("a lognormal with sd: -3 is reported at the sd", () => {
    const from = "of: { distribution: lognormal, mean: 12, sd: 9 }";
    const { model, ws, problems } = brokenModel(from, from.replace("sd: 9", "sd: -3"));
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...valuePosition(model, "sd: -3") },
      /standard deviation.*(more|greater) than 0/,
    );
  });

  // Regression: one bad parameter inside a mixture gives three problems at the same place: zod's
  // .positive() ("the standard deviation must be more than 0") and distributionProblems() run
  // twice, by the component's superRefine and again by the enclosing mixture's superRefine
  // ("... must be greater than 0 (got -3); give a positive number of days" x2).
  it("a lognormal with sd: -3 is reported once", () => {
    const from = "of: { distribution: lognormal, mean: 12, sd: 9 }";
    const { problems } = brokenModel(from, from.replace("sd: 9", "sd: -3"));
    expect(problems).toHaveLength(1);
  });

  it("mixture weights summing to 90% are reported at the components", () => {
    const { model, ws, problems } = brokenModel('- weight: "58%"', '- weight: "48%"');
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, '- weight: "48%"') },
      /mixture weights add up to 90%, but they must add up to 100%/,
    );
  });

  it("an unknown distribution lists the known ones", () => {
    const { model, ws, problems } = brokenModel(
      "distribution: triangular",
      "distribution: triangle",
    );
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "triangle") },
      /unknown distribution; use one of .*triangular/,
    );
  });
});

describe("references and capacity", () => {
  it("an unknown service in a change suggests the closest id", () => {
    const scenario = WITH_CHANGE(
      "  - date: 2027-04-01\n    service: oakwod_ward\n    close_beds: 10\n",
    );
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "oakwod_ward") },
      /there is no service "oakwod_ward"; did you mean "oakwood_ward"\?/,
    );
  });

  it("an unknown cohort in a change suggests the closest id", () => {
    const scenario = WITH_CHANGE(
      '  - date: 2027-04-01\n    cohort: older_adult\n    scale_arrivals: "110%"\n',
    );
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "older_adult\n") },
      /there is no cohort "older_adult"; did you mean "older_adults"\?/,
    );
  });

  it("closing more beds than the ward has is reported at close_beds", () => {
    const scenario = WITH_CHANGE(
      "  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 40\n",
    );
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...valuePosition(scenario, "close_beds: 40") },
      /leave "oakwood_ward" with -10 beds \(it has 30 by then\); it cannot go below 0/,
    );
  });

  it("capacity is followed through dated changes in date order", () => {
    const scenario = WITH_CHANGE(
      [
        "  - date: 2028-04-01",
        "    service: oakwood_ward",
        "    close_beds: 25",
        "  - date: 2026-04-01",
        "    service: oakwood_ward",
        "    close_beds: 10",
        "",
      ].join("\n"),
    );
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...valuePosition(scenario, "close_beds: 25") },
      /with -5 beds \(it has 20 by then\)/,
    );
  });

  it("a ward that no cohort can use (accepts: [])", () => {
    const { model, ws, problems } = brokenModel(
      "accepts: [working_age_men]",
      "accepts: []",
      "  - id: beech_ward",
    );
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "[]", "  - id: beech_ward") },
      /"beech_ward" accepts no cohort, so no one can use it; list the cohorts it takes/,
    );
  });

  it("a cohort that no ward accepts", () => {
    const model = MODEL_TEXT.replaceAll("accepts: [older_adults]", "accepts: [working_age_women]");
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "older_adults", "  - id: ") },
      /no ward accepts the cohort "older_adults".*add "older_adults" to a ward's accepts list/,
    );
  });

  it("a ward accepting an unknown cohort suggests the closest", () => {
    const { model, ws, problems } = brokenModel(
      "accepts: [older_adults]",
      "accepts: [older_adult]",
    );
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "older_adult]") },
      /there is no cohort "older_adult"; did you mean "older_adults"\?/,
    );
  });
});

describe("intensive care (PICU)", () => {
  const WITHOUT_PICU_BLOCK = (model: string) => {
    const start = model.indexOf("  picu:\n    share:");
    const end = model.indexOf("out_of_area: picu_out_of_area\n", start);
    return model.slice(0, start) + model.slice(end + "out_of_area: picu_out_of_area\n".length);
  };

  it("an unknown out-of-area PICU service suggests the closest id", () => {
    const { model, ws, problems } = brokenModel(
      "out_of_area: picu_out_of_area",
      "out_of_area: picu_out_of_arae",
    );
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "picu_out_of_arae") },
      /there is no service "picu_out_of_arae"; did you mean "picu_out_of_area"\?/,
    );
  });

  it("the acute out-of-area service cannot also be the PICU's", () => {
    const { problems } = brokenModel(
      "out_of_area: picu_out_of_area",
      "out_of_area: acute_out_of_area",
    );
    expect(problems).toHaveLength(1);
    problemMatching(problems, /already the out-of-area service for acute beds; name a separate/);
  });

  it("the PICU's out-of-area service does not repatriate: people step down instead", () => {
    const model = replaceOnce(
      MODEL_TEXT,
      "    stay_multiplier: 1.2\n    cost: { per_day: 1100 }",
      "    stay_multiplier: 1.2\n    repatriate_to: [oakwood_ward]\n    cost: { per_day: 1100 }",
    );
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    problemMatching(
      problems,
      /step down to a local acute bed when it ends, rather than being repatriated/,
    );
  });

  it("a discharge route cannot use the PICU's out-of-area service when full", () => {
    const { problems } = brokenModel(
      "out_of_area: rehab_out_of_area",
      "out_of_area: picu_out_of_area",
      "  discharge_routes:",
    );
    expect(problems).toHaveLength(1);
    problemMatching(problems, /"picu_out_of_area" is the out-of-area service for intensive care/);
  });

  it.each([
    ["picu", /intensive-care stays are set under pathway → picu → length_of_stay/],
    ["oakwood_ward", /acute ward stays are set by the pathway's or the cohort's length_of_stay/],
  ])("a length_of_stay on %s, which would be ignored, is refused", (id, message) => {
    const { problems } = brokenModel(
      `  - id: ${id}\n`,
      `  - id: ${id}\n    length_of_stay: { distribution: fixed, value: 200 }\n`,
    );
    expect(problems).toHaveLength(1);
    problemMatching(problems, message);
  });

  it("a PICU service with no picu: under pathway is reported at its kind", () => {
    const model = WITHOUT_PICU_BLOCK(MODEL_TEXT).replace('    picu_share: "0%"\n', "");
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...valuePosition(model, "kind: picu") },
      /"picu" is a PICU, but no one is sent to it; add "picu:" under pathway/,
    );
  });

  it("a cohort's picu_share with no picu: under pathway is reported at the share", () => {
    const model = WITHOUT_PICU_BLOCK(MODEL_TEXT);
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "picu_share") },
      /there is no "picu:" under pathway to say where intensive care is/,
    );
  });
});

describe("files", () => {
  it("a missing model file is reported at the scenario's model: line", () => {
    const scenario = replaceOnce(
      BASELINE_TEXT,
      "model: ../models/example-icb.yaml",
      "model: ../models/exmaple-icb.yaml",
    );
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "../models/exmaple-icb.yaml") },
      /cannot find the file .*exmaple-icb\.yaml; check the name/,
    );
  });

  it("a missing scenario file names the file", () => {
    const ws = workspace();
    const missing = path.join(ws.dir, "scenarios", "nope.yaml");
    const problems = problemsOf(missing);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(missing);
    expect(problems[0].message).toMatch(/cannot find the file .*nope\.yaml; check the name/);
  });

  it("a missing parent scenario is reported at the extends: line", () => {
    const text = "extends: baselin.yaml\n";
    const ws = workspace();
    const file = ws.write("scenarios/child.yaml", text);
    expectProblemAt(
      problemsOf(file),
      { file, ...positionOf(text, "baselin.yaml") },
      /cannot find the file .*baselin\.yaml/,
    );
  });

  it("a folder given as the model says it is a folder", () => {
    const scenario = replaceOnce(
      BASELINE_TEXT,
      "model: ../models/example-icb.yaml",
      "model: ../models",
    );
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, line: lineOf(scenario, "model: ../models") },
      /is a folder, not a YAML file/,
    );
  });

  it("cyclic extends (a.yaml → b.yaml → a.yaml) is reported at the extends that closes the loop", () => {
    const b = "extends: a.yaml\n";
    const ws = workspace({
      files: {
        "scenarios/a.yaml": replaceOnce(BASELINE_TEXT, "name: baseline\n", "extends: b.yaml\n"),
        "scenarios/b.yaml": b,
      },
    });
    const problems = problemsOf(path.join(ws.dir, "scenarios/a.yaml"));
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: path.join(ws.dir, "scenarios/b.yaml"), ...positionOf(b, "a.yaml") },
      /extend each other in a loop \(a\.yaml → b\.yaml → a\.yaml\); remove one of the extends lines/,
    );
  });

  it("a scenario extending itself is a loop", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "name: baseline\n", "extends: baseline.yaml\n");
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "baseline.yaml") },
      /in a loop/,
    );
  });

  it.each([
    ["empty", ""],
    ["blank lines", "\n\n  \n"],
    ["comments only", "# nothing yet\n"],
  ])("an %s scenario file says it is empty", (_, text) => {
    const { ws, problems } = brokenScenario(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(ws.scenarioFile);
    expect(problems[0].message).toMatch(/the file is empty; see .*baseline\.yaml/);
  });

  it("an empty model file says it is empty", () => {
    const ws = workspace({ model: "" });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems[0].file).toBe(ws.modelFile);
    expect(problems[0].message).toMatch(/empty/);
  });

  it("a file that is a list, not keys, says so at 1:1", () => {
    const { ws, problems } = brokenScenario("- run\n- model\n");
    expect(problems[0]).toMatchObject({ file: ws.scenarioFile, line: 1, column: 1 });
    expect(problems[0].message).toMatch(/key: value/);
  });

  it("a model file run as a scenario says so in one sentence", () => {
    const ws = workspace();
    const problems = problemsOf(ws.modelFile);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBeUndefined();
    expect(problems[0].message).toMatch(
      /example-icb\.yaml is a model file, not a scenario: give bedsim a scenario file that names it in a "model:" line/,
    );
  });

  it("a model file named by extends: is reported at the extends: value, in one sentence", () => {
    const ws = workspace();
    const text = "name: wrong\nextends: ../models/example-icb.yaml\n";
    const file = ws.write("scenarios/wrong.yaml", text);
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file, ...valuePosition(text, "extends: ../models") },
      /^\.\.\/models\/example-icb\.yaml is a model file, not a scenario: write "model:" instead of "extends:"/,
    );
  });

  it("a scenario named by model: is reported at the model: value, in one sentence", () => {
    const ws = workspace();
    const text = `name: wrong\nmodel: baseline.yaml\nrun:\n  start: 2025-04-01\n  years: 2\n  replications: 10\n  seed: 1\n`;
    const file = ws.write("scenarios/wrong.yaml", text);
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file, ...valuePosition(text, "model: baseline") },
      /^baseline\.yaml is a scenario, not a model file: .*or write "extends: baseline\.yaml"/,
    );
  });

  it("a scenario naming no model says how to name one", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "model: ../models/example-icb.yaml\n", "");
    const { ws, problems } = brokenScenario(scenario);
    expect(problems[0].file).toBe(ws.scenarioFile);
    expect(problems[0].message).toMatch(/no model is named; add a line like "model: /);
  });
});

describe("unsafe YAML", () => {
  it.each([
    'arrivals_per_year: !!js/function "function () { return 740 }"',
    "arrivals_per_year: !!js/undefined 740",
    "arrivals_per_year: !custom 740",
  ])("a tag (%s) is refused at the tag", (written) => {
    const { model, ws, problems } = brokenModel("arrivals_per_year: 740", written);
    expectAllLocated(problems, ws.modelFile);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "!", "arrivals_per_year: !") },
      /tags .* are not allowed here; remove the tag/,
    );
  });

  function bomb(levels: number): string {
    const lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < levels; i++) {
      const refs = Array.from({ length: 9 }, () => `*l${i - 1}`).join(", ");
      lines.push(`l${i}: &l${i} [${refs}]`);
    }
    return `${lines.join("\n")}\n`;
  }

  it.each([
    ["scenario", "scenarioFile"],
    ["model", "modelFile"],
  ] as const)("a billion-laughs alias bomb in the %s is refused quickly", (where, fileKey) => {
    const ws = workspace(
      where === "scenario"
        ? { scenario: BASELINE_TEXT + bomb(9) }
        : { model: `${bomb(9)}${MODEL_TEXT}` },
    );
    const started = performance.now();
    const problems = problemsOf(ws.scenarioFile);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBe(ws[fileKey]);
    expect(problems[0].message).toMatch(/too many YAML aliases.*write the values out/);
  });

  const blockNest = (depth: number) =>
    `deep:\n${Array.from({ length: depth }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}1\n`;
  it.each([
    ["brackets 50,000 deep", `deep: ${"[".repeat(50_000)}1${"]".repeat(50_000)}\n`],
    [
      "a list indented 3,000 levels deep, then brackets 50,000 deep",
      `${blockNest(3000)}deep_too: ${"[".repeat(50_000)}1${"]".repeat(50_000)}\n`,
    ],
    ["a list indented 45 levels deep", blockNest(45)],
  ])("%s is refused as too deep, not a crash", (_, nest) => {
    const ws = workspace({ scenario: `${BASELINE_TEXT}${nest}` });
    const problems = problemsOf(ws.scenarioFile);
    expectAllLocated(problems, ws.scenarioFile);
    problemMatching(problems, /nests lists and blocks (too deeply|more than 40 levels)/);
  });

  it("a key that is a list is refused at the key", () => {
    const scenario = `${BASELINE_TEXT}? [a, b]\n: 1\n`;
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "[a, b]") },
      /a key must be a plain word/,
    );
  });

  it("an alias to no anchor is reported at the alias", () => {
    const scenario = `${BASELINE_TEXT}title_again: *nope\n`;
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "*nope") },
      /the alias \*nope refers to no anchor &nope/,
    );
  });

  it("two YAML documents in one file are refused", () => {
    const scenario = `${BASELINE_TEXT}---\nname: other\n`;
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, line: lineOf(scenario, "---\nname: other") },
      /more than one YAML document/,
    );
  });

  it("control characters from the file are escaped in messages", () => {
    const scenario = replaceOnce(
      BASELINE_TEXT,
      "  years: 5\n",
      '  years: 5\n  "bad\\e[31mkey\\n": 1\n',
    );
    const { problems } = brokenScenario(scenario);
    const p = problemMatching(problems, /unknown key/);
    expect(p.message).toContain('"bad\\u001b[31mkey\\n"');
  });

  it("a few anchors and aliases (shared cost blocks) are still fine", () => {
    const model = MODEL_TEXT.replace(
      "cost: { per_bed_per_year: 120000, per_occupied_bed_day: 30 }",
      "cost: &ward_cost { per_bed_per_year: 120000, per_occupied_bed_day: 30 }",
    ).replaceAll(
      "    cost: { per_bed_per_year: 120000, per_occupied_bed_day: 30 }",
      "    cost: *ward_cost",
    );
    expect(model.match(/\*ward_cost/g)).toHaveLength(5);
    const ws = workspace({ model });
    const loaded = loadScenario(ws.scenarioFile);
    expect(loaded.model.services.find((s) => s.id === "hazel_ward")?.cost.per_bed_per_year).toBe(
      120000,
    );
  });
});

describe("run settings", () => {
  // A three-year plan may keep the four-year warm-up the README recommends: the warm-up is
  // simply simulated first, however long it is.
  it("a warm-up longer than the run is accepted", () => {
    const scenario = replaceOnce(
      replaceOnce(BASELINE_TEXT, "warm_up_days: 1460", "warm_up_days: 2000"),
      "years: 5",
      "years: 3",
    );
    const ws = workspace({ scenario });
    const loaded = loadScenario(ws.scenarioFile);
    expect(loaded.run.warm_up_days).toBe(2000);
    expect(loaded.run.years).toBe(3);
  });

  it.each([
    ["replications: 200", "replications: 1", /at least 2 replications/],
    ["replications: 200", "replications: 2.5", /replications must be a whole number/],
    ["seed: 20250401", "seed: -1", /the seed cannot be negative/],
    ["years: 5", "years: 0", /years must be more than 0/],
    ["years: 5", "years: five", /expected years as a number \(got the text "five"\)/],
  ])("%s written as %s is reported at its value", (from, to, message) => {
    const scenario = replaceOnce(BASELINE_TEXT, from, to);
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...valuePosition(scenario, `  ${to}`) },
      message,
    );
  });

  it("a dated change left outside a run shortened by --set run.years is blamed on the --set", () => {
    const scenario = WITH_CHANGE(
      "  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 1\n",
    );
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile, { set: ["run.years=0.5"] });
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toBeUndefined();
    expect(problems[0].message).toMatch(
      /^--set run\.years=0\.5: the change dated 2027-04-01 \(at .*:\d+:\d+\) is then after the run ends on 2025-09-30/,
    );
  });

  it("a run setting from --set is not named twice in its message", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["run.warm_up_days=5000"] });
    expect(problems.map((p) => p.message)).toEqual([
      "--set run.warm_up_days=5000: the warm-up above 3,650 days is not plausible; check the units",
    ]);
  });

  it.each([
    [
      "scale_length_of_stay: 32",
      /scale_length_of_stay multiplies the clinical length of acute ward stays \(not delays or community stays\), so 32 means 32 times longer stays; write 0\.8 or "80%"/,
    ],
    [
      "scale_arrivals: 10",
      /scale_arrivals multiplies the people arriving, so 10 means 10 times as many people/,
    ],
    [
      'scale_delays: "900%"',
      /scale_delays multiplies the share of discharges delayed .* so 9 means 9 times as many delays/,
    ],
  ])("a scaling far above 1 (%s) is refused, saying what the field multiplies", (line, message) => {
    const scenario = WITH_CHANGE(`  - date: 2027-04-01\n    ${line}\n`);
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(problems, { file: ws.scenarioFile, ...valuePosition(scenario, line) }, message);
  });

  it("a scaling of up to five times (500%) is accepted", () => {
    const ws = workspace({
      scenario: WITH_CHANGE('  - date: 2027-04-01\n    scale_arrivals: "500%"\n'),
    });
    expect(loadScenario(ws.scenarioFile).changes).toHaveLength(1);
  });

  it("one change with two capacity actions is told to split", () => {
    const scenario = WITH_CHANGE(
      "  - date: 2027-04-01\n    service: oakwood_ward\n    set_beds: 20\n    close_beds: 5\n",
    );
    const { problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    problemMatching(problems, /one change can do one thing; move "set_beds" to its own change/);
  });

  it("one change doing two things is told to split", () => {
    const scenario = WITH_CHANGE(
      '  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 1\n    scale_arrivals: "110%"\n',
    );
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "scale_arrivals") },
      /one change can do one thing; move "scale_arrivals" to its own change/,
    );
  });
});

describe("the sweep: section is checked when the scenario is loaded", () => {
  const withSweep = (section: string) => `${BASELINE_TEXT}sweep:\n${section}`;

  it("a misspelt vary path is reported at its line, with a suggestion", () => {
    const scenario = withSweep('  vary:\n    services.oakwod_ward.beds: "10..50"\n');
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "services.oakwod_ward.beds") },
      /^sweep → vary → services\.oakwod_ward\.beds: there is no "oakwod_ward" in services; did you mean "oakwood_ward"\?$/,
    );
  });

  it.each([
    [
      "services.oakwood_ward.bedz",
      /there is no "bedz" in services\.oakwood_ward; did you mean "beds"\?/,
    ],
    ["run.yeras", /there is no run setting "yeras"; did you mean "run\.years"\?/],
    ["cohorts.working_age_men.arrivals_per_yer", /did you mean "arrivals_per_year"\?/],
  ])("a misspelt last part (%s) is caught too", (key, message) => {
    const scenario = withSweep(`  vary:\n    ${key}: "1..3"\n`);
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(problems, { file: ws.scenarioFile, ...positionOf(scenario, key) }, message);
  });

  it("a setting the model may have but does not give is a valid vary path", () => {
    const scenario = withSweep(
      '  vary:\n    services.acute_out_of_area.stay_multiplier: "1..2:0.5"\n',
    );
    const ws = workspace({ scenario });
    expect(loadScenario(ws.scenarioFile).sweep?.spec.vary).toBeDefined();
  });

  it("an unknown KPI in target is reported at the target, with a suggestion", () => {
    const scenario = withSweep(
      '  vary:\n    services.oakwood_ward.beds: "10..50"\n  target: oap_bed_dayz <= 3500\n',
    );
    const { ws, problems } = brokenScenario(scenario);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...valuePosition(scenario, "target: oap_bed_dayz") },
      /^sweep → target: "oap_bed_dayz" is not a KPI; did you mean "oap_bed_days"\?$/,
    );
  });

  it("an unknown KPI in minimise is reported at minimise", () => {
    const scenario = withSweep(
      '  vary:\n    services.oakwood_ward.beds: "10..50"\n  minimise: total_cots\n',
    );
    const { ws, problems } = brokenScenario(scenario);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...valuePosition(scenario, "minimise: total_cots") },
      /^sweep → minimise: "total_cots" is not a KPI; did you mean "total_cost"\?$/,
    );
  });

  it("per-service costs and per-route delays are KPIs a target may name", () => {
    const scenario = withSweep(
      '  vary:\n    services.oakwood_ward.beds: "10..50"\n  target: delayed_discharge_bed_days.home <= 2000\n  minimise: cost.oakwood_ward\n',
    );
    const ws = workspace({ scenario });
    expect(loadScenario(ws.scenarioFile).sweep?.spec.target).toMatch(/home/);
  });

  it("a swept value that makes the scenario invalid is blamed on the vary line", () => {
    const scenario = withSweep(
      '  vary:\n    services.oakwood_ward.beds: "5..30"\nchanges:\n  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 10\n',
    );
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile, {
      sweepPoint: { values: { "services.oakwood_ward.beds": 5 } },
    });
    expect(problems).toHaveLength(1);
    const at = positionOf(scenario, "10", "close_beds: ");
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "services.oakwood_ward.beds") },
      new RegExp(
        `^sweep → vary → services\\.oakwood_ward\\.beds = 5: the change at ${ws.scenarioFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:${at.line}:${at.column} would then leave "oakwood_ward" with -5 beds`,
      ),
    );
  });

  it("a swept value from --vary is blamed on the --vary option", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, {
      sweepPoint: {
        values: { "services.oakwood_ward.beds": -2 },
        vary: ["services.oakwood_ward.beds=-2..5"],
      },
    });
    expect(problems).toEqual([
      {
        message:
          "--vary services.oakwood_ward.beds=-2..5, at -2: services → oakwood_ward → beds: beds cannot be negative",
      },
    ]);
  });
});

describe("targets", () => {
  it.each([
    ["oap_share <= 10%", { kpi: "oap_share", operator: "<=", value: 0.1 }],
    [
      "mean_local_occupancy <= 85.5% at p90",
      { kpi: "mean_local_occupancy", value: 0.855, percentile: 90 },
    ],
    ["oap_share <= 0.1", { kpi: "oap_share", value: 0.1 }],
    ["oap_bed_days >= 3500", { kpi: "oap_bed_days", operator: ">=", value: 3500 }],
  ])("%s is read", (text, expected) => {
    expect(parseTarget(text)).toMatchObject(expected);
  });

  it("a percentage for a KPI that is not a share says to write a plain number", () => {
    expect(parseTarget("oap_bed_days <= 10%")).toBe(
      'oap_bed_days is measured in bed-days a year, not as a percentage; write a plain number in "oap_bed_days <= 10%"',
    );
  });

  it("a share written as a whole number over 1 suggests a percentage", () => {
    expect(parseTarget("oap_share <= 10")).toBe(
      'oap_share is a fraction, so 10 in "oap_share <= 10" is more than 100%; write "10%" or 0.1',
    );
  });

  it("delayed-discharge KPIs are named only for routes that can delay, as a run reports them", () => {
    const { pathway } = buildPathway(
      loadScenario(workspace().scenarioFile, { set: ["run.years=1", "run.warm_up_days=30"] }),
    );
    const kpis = reportedKpiNames(pathway);
    // Exactly what a run reports, no more and no fewer.
    const outcome = withCosts(pathway, summariseReplication(pathway, simulate(pathway, 1, 0)));
    expect([...kpis].sort()).toEqual(Object.keys(outcome.kpis).sort());
    // Home (outside delays) and community rehab (stays in bed when full) can delay; crisis-house
    // step-down goes home when full and inpatient rehab goes out of area, so they never do.
    expect(kpis).toContain("delayed_discharge_bed_days.home");
    expect(kpis).toContain("delayed_discharge_bed_days.community_rehab");
    expect(kpis).not.toContain("delayed_discharge_bed_days.crisis_house_step_down");
    expect(kpis).not.toContain("delayed_discharge_bed_days.inpatient_rehab");
  });

  it("a percentage target in the sweep: section loads", () => {
    const scenario = `${BASELINE_TEXT}sweep:\n  vary:\n    services.oakwood_ward.beds: "10..50"\n  target: oap_share <= 10%\n`;
    const ws = workspace({ scenario });
    expect(loadScenario(ws.scenarioFile).sweep?.spec.target).toBe("oap_share <= 10%");
  });
});

describe("notes that are not mistakes", () => {
  it("a share written as 1 is read as 100%, and said once, at the first such share", () => {
    const model = MODEL_TEXT.replace(
      'readmission_within_30_days: "6%"',
      "readmission_within_30_days: 1",
    ).replace('readmission_within_30_days: "5%"', "readmission_within_30_days: 1");
    const ws = workspace({ model });
    const loaded = loadScenario(ws.scenarioFile);
    const { line, column } = valuePosition(model, "readmission_within_30_days: 1");
    expect(loaded.notes).toEqual([
      `${ws.modelFile}:${line}:${column}: readmission_within_30_days: 1 is read as 100% (shares are fractions or percentages); if you meant one per cent, write "1%" (this note is given once)`,
    ]);
    const route = loaded.model.pathway.discharge_routes.find(
      (r) => r.route === "crisis_house_step_down",
    );
    expect(route?.readmission_within_30_days).toBe(1);
  });

  it("the bundled scenarios need no notes", () => {
    expect(loadScenario(workspace().scenarioFile).notes).toEqual([]);
  });
});
