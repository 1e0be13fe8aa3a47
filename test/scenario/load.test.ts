/**
 * Loading scenarios: the bundled files, `extends`, `set:` and `--set` overrides, and the value
 * formats people type (percentages, dates).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/scenario/input-error.js";
import { loadScenario } from "../../src/scenario/load.js";
import {
  BASELINE_TEXT,
  expectProblemAt,
  lineOf,
  MODEL_TEXT,
  positionOf,
  problemMatching,
  problemsOf,
  REPO,
  replaceOnce,
  workspace,
} from "./helpers.js";

const SCENARIOS = path.join(REPO, "scenarios");
const bundled = readdirSync(SCENARIOS)
  .filter((f) => f.endsWith(".yaml"))
  .sort();

function service(loaded: ReturnType<typeof loadScenario>, id: string) {
  const s = loaded.model.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

describe("bundled scenarios", () => {
  it("there are several, including baseline.yaml", () => {
    expect(bundled).toContain("baseline.yaml");
    expect(bundled.length).toBeGreaterThanOrEqual(4);
  });

  it("baseline.yaml loads with the example model", () => {
    const loaded = loadScenario(path.join(SCENARIOS, "baseline.yaml"));
    expect(loaded.name).toBe("baseline");
    expect(loaded.model.cohorts.map((c) => c.id)).toEqual([
      "working_age_men",
      "working_age_women",
      "older_adults",
    ]);
    expect(loaded.run).toMatchObject({ start: "2025-04-01", years: 5, warm_up_days: 1460 });
    expect(loaded.changes).toEqual([]);
    expect(loaded.modelFile).toBe(path.join(REPO, "models/example-icb.yaml"));
  });

  it.each(bundled)("%s loads", (file) => {
    const loaded = loadScenario(path.join(SCENARIOS, file));
    expect(loaded.model.services.length).toBeGreaterThan(0);
  });

  // Regression: scenario names used the id rule, so "fewer-beds" (a hyphen) was rejected.
  it("a scenario name may contain hyphens (fewer-beds.yaml)", () => {
    const loaded = loadScenario(path.join(SCENARIOS, "fewer-beds.yaml"));
    expect(loaded.name).toBe("fewer-beds");
    expect(loaded.changes.length).toBeGreaterThan(0);
  });

  it.each(["-leading", "with space", "dot.ted", ""])("the scenario name %j is rejected", (name) => {
    const scenario = replaceOnce(BASELINE_TEXT, "name: baseline", `name: "${name}"`);
    const ws = workspace({ scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...positionOf(scenario, `"${name}"`) },
      /name: a scenario name may use only letters, digits, hyphens and underscores/,
    );
  });
});

describe("extends", () => {
  const parent = `name: parent
title: Parent title
model: ../models/example-icb.yaml
run:
  start: 2025-04-01
  years: 3
  warm_up_days: 400
  replications: 20
  seed: 11
changes:
  - date: 2026-04-01
    service: oakwood_ward
    close_beds: 5
`;
  const child = `name: child
extends: parent.yaml
run:
  replications: 7
  seed: 99
changes:
  - date: 2027-04-01
    service: beech_ward
    open_beds: 2
`;

  it("child run keys override, the rest comes from the parent, and changes append", () => {
    const ws = workspace({ files: { "scenarios/parent.yaml": parent } });
    const file = ws.write("scenarios/child.yaml", child);
    const loaded = loadScenario(file);
    expect(loaded.run).toMatchObject({ start: "2025-04-01", years: 3, replications: 7, seed: 99 });
    expect(loaded.changes.map((c) => c.change)).toEqual([
      expect.objectContaining({ date: "2026-04-01", service: "oakwood_ward", close_beds: 5 }),
      expect.objectContaining({ date: "2027-04-01", service: "beech_ward", open_beds: 2 }),
    ]);
    expect(loaded.name).toBe("child");
    // A parent's title describes the parent; the child falls back to its own name.
    expect(loaded.title).toBe("child");
    expect(loaded.files).toEqual([path.join(ws.dir, "scenarios/parent.yaml"), file, ws.modelFile]);
  });

  // Regression: scenarioFile's `run: run.partial()` keeps zod's .default(365) on warm_up_days, so
  // a child that has any run: block (here only replications and seed) gets warm_up_days: 365
  // and silently replaces the parent's 400. The bundled what-ifs escape only because they
  // have no run: block; `run: { replications: 50 }` in one of them would drop baseline's
  // 1460-day warm-up to 365.
  it("a child's run: block keeps the parent's warm_up_days", () => {
    const ws = workspace({ files: { "scenarios/parent.yaml": parent } });
    const loaded = loadScenario(ws.write("scenarios/child.yaml", child));
    expect(loaded.run.warm_up_days).toBe(400);
  });

  it("without a run: block in the child, the parent's warm_up_days is kept", () => {
    const ws = workspace({ files: { "scenarios/parent.yaml": parent } });
    const file = ws.write("scenarios/child.yaml", "extends: parent.yaml\n");
    expect(loadScenario(file).run.warm_up_days).toBe(400);
  });

  it("a chain of three merges in order, and the model path is relative to the file naming it", () => {
    const ws = workspace({ files: { "scenarios/parent.yaml": parent } });
    ws.write("scenarios/child.yaml", child);
    const grandchild = ws.write(
      "scenarios/what-ifs/grandchild.yaml",
      `extends: ../child.yaml
title: Grandchild
run:
  years: 4
changes:
  - service: cedar_ward
    set_beds: 20
`,
    );
    const loaded = loadScenario(grandchild);
    expect(loaded.modelFile).toBe(ws.modelFile);
    expect(loaded.run).toMatchObject({ start: "2025-04-01", years: 4, replications: 7, seed: 99 });
    expect(
      loaded.changes.map((c) => Object.keys(c.change).find((k) => k.endsWith("beds"))),
    ).toEqual(["close_beds", "open_beds", "set_beds"]);
    expect(loaded.name).toBe("grandchild");
    expect(loaded.title).toBe("Grandchild");
  });

  it("capacity changes add up across the chain (a child cannot close beds the parent closed)", () => {
    const ws = workspace({ files: { "scenarios/parent.yaml": parent } });
    const text = `extends: parent.yaml
changes:
  - date: 2027-04-01
    service: oakwood_ward
    close_beds: 26
`;
    const file = ws.write("scenarios/child.yaml", text);
    const problems = problemsOf(file);
    expectProblemAt(
      problems,
      { file, ...positionOf(text, "26") },
      /oakwood_ward.*-1 beds.*it has 25 by then.*cannot go below 0/,
    );
  });

  it("a child may name a different model, which then wins", () => {
    const ws = workspace({ files: { "scenarios/parent.yaml": parent } });
    const other = ws.write(
      "other/model.yaml",
      replaceOnce(MODEL_TEXT, "name: Example ICB", "name: Other ICB"),
    );
    const file = ws.write(
      "scenarios/child.yaml",
      `extends: parent.yaml\nmodel: ../other/model.yaml\n`,
    );
    const loaded = loadScenario(file);
    expect(loaded.modelFile).toBe(other);
    expect(loaded.model.name).toMatch(/^Other ICB/);
  });
});

describe("overrides", () => {
  it("--set changes a service's beds (by id) and a run setting", () => {
    const ws = workspace();
    const loaded = loadScenario(ws.scenarioFile, {
      set: ["services.oakwood_ward.beds=20", "run.replications=5"],
    });
    expect(service(loaded, "oakwood_ward").beds).toBe(20);
    expect(service(loaded, "beech_ward").beds).toBe(30);
    expect(loaded.run.replications).toBe(5);
  });

  it("--set parses values as YAML: percentages, numbers, and list items by number or route", () => {
    const ws = workspace();
    const loaded = loadScenario(ws.scenarioFile, {
      set: [
        "pathway.crisis_team_support_at_home=25%",
        "services.1.beds=31",
        "pathway.discharge_routes.home.share=80%",
        "pathway.discharge_routes.crisis_house_step_down.share=7%",
        "run.years=4",
      ],
    });
    expect(loaded.model.pathway.crisis_team_support_at_home).toBeCloseTo(0.25, 12);
    expect(service(loaded, "beech_ward").beds).toBe(31);
    const routes = loaded.model.pathway.discharge_routes;
    expect(routes.find((r) => r.route === "home")?.share).toBeCloseTo(0.8, 12);
    expect(routes.find((r) => r.route === "crisis_house_step_down")?.share).toBeCloseTo(0.07, 12);
    expect(loaded.run.years).toBe(4);
  });

  it("a scenario's set: block applies, and --set is applied after it", () => {
    const scenario = `${BASELINE_TEXT}set:\n  services.oakwood_ward.beds: 20\n  services.beech_ward.beds: 25\n  run.replications: 9\n`;
    const ws = workspace({ scenario });
    const fromFile = loadScenario(ws.scenarioFile);
    expect(service(fromFile, "oakwood_ward").beds).toBe(20);
    expect(service(fromFile, "beech_ward").beds).toBe(25);
    expect(fromFile.run.replications).toBe(9);
    const both = loadScenario(ws.scenarioFile, {
      set: ["services.oakwood_ward.beds=18", "run.replications=4"],
    });
    expect(service(both, "oakwood_ward").beds).toBe(18);
    expect(service(both, "beech_ward").beds).toBe(25);
    expect(both.run.replications).toBe(4);
  });

  it("the model file on disk is not changed by overrides", () => {
    const ws = workspace();
    loadScenario(ws.scenarioFile, { set: ["services.oakwood_ward.beds=20"] });
    expect(readFileSync(ws.modelFile, "utf8")).toBe(MODEL_TEXT);
    expect(service(loadScenario(ws.scenarioFile), "oakwood_ward").beds).toBe(30);
  });

  it("an unknown service in a scenario set: block is reported at that line, listing the ids", () => {
    const scenario = `${BASELINE_TEXT}set:\n  services.oakwod_ward.beds: 20\n`;
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile);
    const p = expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "services.oakwod_ward.beds") },
      /oakwod_ward/,
    );
    expect(p.message).toContain("oakwood_ward");
  });

  // Regression: setPath() lists every id ("choose one of oakwood_ward, beech_ward, ...") but,
  // unlike every other unknown-id message, never says `did you mean "oakwood_ward"?`.
  it("an unknown service in an override suggests the closest id", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["services.oakwod_ward.beds=20"] });
    problemMatching(problems, /did you mean "oakwood_ward"\?/);
  });

  it("an unknown service in --set names the override and the valid ids", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["services.oakwod_ward.beds=20"] });
    const p = problemMatching(problems, /services\.oakwod_ward\.beds/);
    expect(p.message).toMatch(/there is no "oakwod_ward"/);
    expect(p.message).toContain("oakwood_ward");
  });

  it("a bad value given with --set is reported against the override, not the model file", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["services.oakwood_ward.beds=-1"] });
    const p = problemMatching(problems, /beds cannot be negative/);
    expect(p.message).toContain("services.oakwood_ward.beds");
    expect(p.file).toBeUndefined();
  });

  it("a bad value in a set: block is reported at the set: line", () => {
    const scenario = `${BASELINE_TEXT}set:\n  services.oakwood_ward.beds: twenty\n`;
    const ws = workspace({ scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, line: lineOf(scenario, "services.oakwood_ward.beds: twenty") },
      /whole number of beds.*"twenty"/,
    );
  });

  it("a misspelt key in --set gets a did-you-mean", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["services.oakwood_ward.bedz=20"] });
    problemMatching(problems, /unknown key "bedz".*did you mean "beds"\?/);
  });

  it("--set without = says how to write it", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["services.oakwood_ward.beds"] });
    problemMatching(problems, /path=value/);
  });

  it("--set run=5 says to write run.<name>", () => {
    const ws = workspace();
    problemMatching(problemsOf(ws.scenarioFile, { set: ["run=5"] }), /run\.<name>/);
  });

  // Regression: a bad run setting given on the command line is reported at the scenario file's own
  // line for that key (here `replications: 200`, which is fine), so the user is sent to the
  // wrong place. Actual: "scenarios/baseline.yaml:16:17: run → replications: at least 2 ...".
  // Model overrides are reported as "set <path>: ..." with no file; run overrides should be too.
  it("a bad run setting from --set is reported against the override, not the file", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, { set: ["run.replications=1"] });
    const p = problemMatching(problems, /at least 2 replications/);
    expect(p.message).toContain("run.replications");
    expect(p.line).not.toBe(lineOf(BASELINE_TEXT, "replications: 200"));
  });

  it("a bad run setting from --set is still rejected with a plain message", () => {
    const ws = workspace();
    problemMatching(
      problemsOf(ws.scenarioFile, { set: ["run.replications=1"] }),
      /at least 2 replications/,
    );
    problemMatching(
      problemsOf(ws.scenarioFile, { set: ["run.replicatons=5"] }),
      /unknown key "replicatons".*did you mean "replications"\?/,
    );
  });

  // Regression: --set values are parsed with yaml's parse(), whose exceptions escape as
  // YAMLParseError / ReferenceError instead of InputError (the CLI then says "internal error",
  // exit code 1).
  it.each(["services.oakwood_ward.beds=[1", "services.oakwood_ward.beds=*anchor"])(
    "--set %s (not valid YAML) is an InputError",
    (assignment) => {
      const ws = workspace();
      expect(() => loadScenario(ws.scenarioFile, { set: [assignment] })).toThrow(InputError);
    },
  );
});

describe("override paths cannot reach Object.prototype", () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
  });

  // Regression: setPath() walks "__proto__" like any key, so `--set __proto__.polluted=1` (or a
  // scenario's `set: { "__proto__.polluted": 1 }`) sets Object.prototype.polluted for the whole
  // process; every later object then has an unknown key "polluted".
  it.each([
    ["--set", "cli"],
    ["set:", "file"],
  ])("%s __proto__.polluted is rejected and pollutes nothing", (_, where) => {
    const scenario =
      where === "file" ? `${BASELINE_TEXT}set:\n  __proto__.polluted: 1\n` : BASELINE_TEXT;
    const ws = workspace({ scenario });
    let error: unknown;
    try {
      loadScenario(ws.scenarioFile, where === "cli" ? { set: ["__proto__.polluted=1"] } : {});
    } catch (e) {
      error = e;
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(error).toBeInstanceOf(InputError);
  });
});

describe("percentages", () => {
  const withCrisisTeam = (value: string) =>
    replaceOnce(
      MODEL_TEXT,
      'crisis_team_support_at_home: "30%"',
      `crisis_team_support_at_home: ${value}`,
    );

  it.each([
    ['"30%"', 0.3],
    ["30%", 0.3],
    ["0.3", 0.3],
    ['"12.5%"', 0.125],
    ['" 5 %"', 0.05],
    ["0", 0],
    ['"100%"', 1],
  ])("a share written %s is %d", (written, expected) => {
    const ws = workspace({ model: withCrisisTeam(written) });
    expect(loadScenario(ws.scenarioFile).model.pathway.crisis_team_support_at_home).toBeCloseTo(
      expected,
      12,
    );
  });

  it("growth may be negative", () => {
    const model = replaceOnce(MODEL_TEXT, 'growth_per_year: "2%"', 'growth_per_year: "-1.5%"');
    const ws = workspace({ model });
    const older = loadScenario(ws.scenarioFile).model.cohorts.find((c) => c.id === "older_adults");
    expect(older?.growth_per_year).toBeCloseTo(-0.015, 12);
  });

  it("a share given as 30 (meaning 30%) is rejected with a hint to write 30% or 0.3", () => {
    const model = withCrisisTeam("30");
    const ws = workspace({ model });
    const p = expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.modelFile, ...positionOf(model, "30", "crisis_team_support_at_home: ") },
      /crisis_team_support_at_home/,
    );
    expect(p.message).toContain('"30%"');
    expect(p.message).toContain("0.3");
  });

  it.each([
    ['"130%"', /between 0% and 100%/],
    ["thirty", /"thirty" is not a percentage.*"30%"/],
    ['"-5%"', /between 0% and 100%/],
  ])("a share written %s is rejected", (written, message) => {
    const model = withCrisisTeam(written);
    const ws = workspace({ model });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.modelFile, line: lineOf(model, `crisis_team_support_at_home: ${written}`) },
      message,
    );
  });
});

describe("dates", () => {
  it.each(["2027-02-30", "2027-02-29", "2025-13-01", "2025-4-1", "01/04/2025"])(
    "a run start of %s is rejected at its line",
    (date) => {
      const scenario = replaceOnce(BASELINE_TEXT, "start: 2025-04-01", `start: ${date}`);
      const ws = workspace({ scenario });
      expectProblemAt(
        problemsOf(ws.scenarioFile),
        { file: ws.scenarioFile, ...positionOf(scenario, date, "start: ") },
        /start.*(not a real date|expected a date).*2027-04-01/,
      );
    },
  );

  it("a leap day in a leap year is accepted", () => {
    const scenario = replaceOnce(BASELINE_TEXT, "start: 2025-04-01", "start: 2028-02-29");
    const ws = workspace({ scenario });
    expect(loadScenario(ws.scenarioFile).run.start).toBe("2028-02-29");
  });

  it("a change dated 2027-02-30 is rejected at the change's date", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2027-02-30\n    service: oakwood_ward\n    close_beds: 10\n`;
    const ws = workspace({ scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...positionOf(scenario, "2027-02-30") },
      /changes → item 1 → date: not a real date/,
    );
  });

  it("a change after the run ends is rejected", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2031-04-01\n    service: oakwood_ward\n    close_beds: 1\n`;
    const ws = workspace({ scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...positionOf(scenario, "2031-04-01") },
      /^2031-04-01 is after the run ends on 2030-03-31 \(5 years from 2025-04-01\); give a date from 2021-04-02 to 2030-03-31, or lengthen the run$/,
    );
  });

  // The run ends after `years` calendar years (as the simulation counts them), not after
  // years × 365.25 days: with 2 years from 2025-04-01 the last day is 2027-03-31.
  it("a change on the day after a 2-year run ends is rejected; the day before is accepted", () => {
    const base = replaceOnce(
      replaceOnce(BASELINE_TEXT, "years: 5", "years: 2"),
      "warm_up_days: 1460",
      "warm_up_days: 365",
    );
    const change = (date: string) =>
      `${base}changes:\n  - date: ${date}\n    service: oakwood_ward\n    close_beds: 1\n`;
    const late = change("2027-04-01");
    const ws = workspace({ scenario: late });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...positionOf(late, "2027-04-01") },
      /^2027-04-01 is after the run ends on 2027-03-31 \(2 years from 2025-04-01\)/,
    );
    const ok = workspace({ scenario: change("2027-03-31") });
    expect(loadScenario(ok.scenarioFile).changes).toHaveLength(1);
  });

  it("a change before the warm-up starts is rejected, giving the dates allowed", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2010-04-01\n    service: oakwood_ward\n    close_beds: 1\n`;
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "2010-04-01") },
      /^2010-04-01 is before the simulation starts on 2021-04-02, the first day of the 1,460-day warm-up before the results start on 2025-04-01; give a date from 2021-04-02 to 2030-03-31, or leave the date out/,
    );
  });

  it("a change on the first day of the warm-up is accepted", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2021-04-02\n    service: oakwood_ward\n    close_beds: 1\n`;
    const ws = workspace({ scenario });
    expect(loadScenario(ws.scenarioFile).changes).toHaveLength(1);
  });

  it("a change pushed out of the run by --set run.years is blamed on the --set, once", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 1\n`;
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile, {
      set: ["run.years=1", "run.warm_up_days=200"],
    });
    const at = positionOf(scenario, "2027-04-01");
    expect(problems.map((p) => p.message)).toEqual([
      `--set run.years=1: the change dated 2027-04-01 (at ${ws.scenarioFile}:${at.line}:${at.column}) is then after the run ends on 2026-03-31 (1 year from 2025-04-01); give a date from 2024-09-13 to 2026-03-31, or change this setting`,
    ]);
  });
});

describe("title and description", () => {
  it("a scenario without its own title or description does not inherit its parent's", () => {
    const ws = workspace();
    const file = ws.write("scenarios/fewer.yaml", "name: fewer\nextends: baseline.yaml\n");
    const loaded = loadScenario(file);
    expect(loaded.title).toBe("fewer");
    expect(loaded.description).toBeUndefined();
  });

  it("without a name either, the title is the file name", () => {
    const ws = workspace();
    const loaded = loadScenario(ws.write("scenarios/no-name.yaml", "extends: baseline.yaml\n"));
    expect(loaded.title).toBe("no-name");
  });

  it("a scenario's own title is kept", () => {
    const ws = workspace();
    const loaded = loadScenario(ws.scenarioFile);
    expect(loaded.title).toBe("Example ICB - current bed base");
  });
});

describe("problems caused by --set are blamed on the --set", () => {
  it("discharge route shares that no longer add up", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, {
      set: ["pathway.discharge_routes.home.share=80%"],
    });
    expect(problems).toEqual([
      {
        message:
          "--set pathway.discharge_routes.home.share=80%: with this value, the discharge route shares add up to 98%, but they must add up to 100%; adjust them",
      },
    ]);
  });

  it("a set: line in the scenario takes the blame at that line", () => {
    const scenario = `${BASELINE_TEXT}set:\n  pathway.discharge_routes.home.share: 80%\n`;
    const ws = workspace({ scenario });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.scenarioFile, ...positionOf(scenario, "pathway.discharge_routes.home.share") },
      /^set pathway\.discharge_routes\.home\.share: with this value, the discharge route shares add up to 98%/,
    );
  });

  it("a ward made too small for a change that closes beds", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 10\n`;
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile, { set: ["services.oakwood_ward.beds=5"] });
    const at = positionOf(scenario, "10", "close_beds: ");
    expect(problems.map((p) => p.message)).toEqual([
      `--set services.oakwood_ward.beds=5: the change at ${ws.scenarioFile}:${at.line}:${at.column} would then leave "oakwood_ward" with -5 beds (it has 5 by then); it cannot go below 0`,
    ]);
  });

  it("a --set that trips several checks elsewhere in the model gives one message, with where", () => {
    const ws = workspace();
    const problems = problemsOf(ws.scenarioFile, {
      set: ["services.oakwood_ward.kind=community", "run.replications=5", "run.seed=3"],
    });
    const at = positionOf(MODEL_TEXT, "oakwood_ward", "- id: ");
    expect(problems.map((p) => p.message)).toEqual([
      `--set services.oakwood_ward.kind=community: with this value, "oakwood_ward" is a community service; say how many people it can take at once with "places: <number>" (at ${ws.modelFile}:${at.line}:${at.column})`,
    ]);
  });

  it("a --set that breaks a scenario's change is blamed on the --set, naming the change", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2027-04-01\n    reinvest:\n      share: 50%\n      into:\n        - service: crisis_houses\n          share: 100%\n  - date: 2027-04-01\n    service: oakwood_ward\n    close_beds: 2\n`;
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile, {
      set: ["services.crisis_houses.cost.per_bed_per_year=0"],
    });
    const at = positionOf(scenario, "crisis_houses");
    expect(problems.map((p) => p.message)).toEqual([
      `--set services.crisis_houses.cost.per_bed_per_year=0: with this value, "crisis_houses" has no cost per bed or place per year, so bedsim cannot tell what the money buys; add one under its cost (at ${ws.scenarioFile}:${at.line}:${at.column})`,
    ]);
  });

  it("a mistake in the files is reported there even when an unrelated --set is given", () => {
    const model = replaceOnce(MODEL_TEXT, 'share: "82%"', 'share: "80%"');
    const ws = workspace({ model });
    expectProblemAt(
      problemsOf(ws.scenarioFile, { set: ["services.oakwood_ward.beds=31"] }),
      { file: ws.modelFile, line: lineOf(model, "discharge_routes:") + 1 },
      /^the discharge route shares add up to 98%/,
    );
  });

  it("the same mistake in the file is still reported in the file", () => {
    const model = replaceOnce(MODEL_TEXT, 'share: "82%"', 'share: "80%"');
    const ws = workspace({ model });
    expectProblemAt(
      problemsOf(ws.scenarioFile),
      { file: ws.modelFile, line: lineOf(model, "discharge_routes:") + 1 },
      /^the discharge route shares add up to 98%/,
    );
  });
});
