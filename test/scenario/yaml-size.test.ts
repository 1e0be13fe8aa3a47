/**
 * A short YAML file cannot stand for an enormous or endless one: an alias inside its own
 * anchored value, aliases that multiply one long list, and more values than anyone writes by
 * hand are each one located message, found before the memory is spent. YAML tags are refused
 * at the tag.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import {
  BASELINE_TEXT,
  expectProblemAt,
  MODEL_TEXT,
  positionOf,
  problemsOf,
  REPO,
  replaceOnce,
  workspace,
} from "./helpers.js";

const PATHWAY_STAY = `  length_of_stay:
    distribution: mixture
    components:
`;

/**
 * The model with its pathway's stay a mixture whose first component lists `values` stays
 * under the anchor &v, and `reuses` more components that name them by *v, each of `weight`.
 */
function amplified(values: number, reuses: number, weight = "1"): string {
  const list = Array.from({ length: values }, (_, i) => String(1 + (i % 90))).join(",");
  const reused = Array.from(
    { length: reuses },
    () => `      - { weight: ${weight}, of: { distribution: empirical, values: *v } }\n`,
  ).join("");
  const written = replaceOnce(
    MODEL_TEXT,
    PATHWAY_STAY,
    `${PATHWAY_STAY}      - weight: ${weight}\n        of: { distribution: empirical, values: &v [${list}] }\n${reused}`,
  );
  const bundled = /\n {6}- weight: "58%"\n[^\n]*\n {6}- weight: "42%"\n[^\n]*\n/;
  expect(written).toMatch(bundled);
  return written.replace(bundled, "\n");
}

describe("an alias that refers to itself", () => {
  it("to: &a [*a] in a change is reported at the alias", () => {
    const scenario = `${BASELINE_TEXT}changes:\n  - date: 2026-04-01\n    to: &a [*a]\n`;
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, "*a]") },
      /^this alias \(\*a\) refers to itself: it is inside the value anchored as &a.*write the value out instead of the alias$/,
    );
  });

  it("an alias deep inside the block its anchor names is reported at the alias", () => {
    const model = replaceOnce(
      MODEL_TEXT,
      "\npathway:\n",
      "\npathway: &p\n  again: [1, { x: *p }]\n",
    );
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, "*p") },
      /this alias \(\*p\) refers to itself/,
    );
  });
});

describe("aliases that expand to more than a million values", () => {
  it("one list of 20,000 stays reused by 60 components is refused at an alias, quickly", () => {
    const model = amplified(20_000, 60);
    expect(model.match(/\*v/g)).toHaveLength(60);
    const ws = workspace({ model });
    const started = performance.now();
    const problems = problemsOf(ws.scenarioFile);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem.file).toBe(ws.modelFile);
    expect(
      model.split("\n")[(problem.line as number) - 1].slice((problem.column as number) - 1),
    ).toMatch(/^\*v \}/);
    expect(problem.message).toMatch(
      /^the file uses too many YAML aliases \(\*v here\) to expand safely: with them it would hold more than 1,000,000 values; write the values out/,
    );
  });

  it("the same list reused a few times still loads", () => {
    const ws = workspace({ model: amplified(2_000, 4, '"20%"') });
    const loaded = loadScenario(ws.scenarioFile);
    expect(loaded.model.pathway.length_of_stay).toMatchObject({ distribution: "mixture" });
  });
});

describe("more values than are written by hand", () => {
  it("the 50,001st value is reported where it is written", () => {
    const list = Array.from({ length: 60_000 }, (_, i) => String(100_000 + i)).join(", ");
    const model = `numbers: [${list}]\n${MODEL_TEXT}`;
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    // "numbers" and "[" are the first two values.
    expectProblemAt(
      problems,
      { file: ws.modelFile, ...positionOf(model, String(100_000 + 49_998)) },
      /^the file holds more than 50,000 values by here; .*put a long list of observed stays in a CSV file/,
    );
  });

  it("bedsim validate refuses a 2 MB file of a million values in 999 mixture components, in little memory", () => {
    const ws = workspace({ model: amplified(1_000_000, 998) });
    // The heap allowed is far below what building the file's million nodes would take (1 GB).
    const result = spawnSync(
      process.execPath,
      [
        "--max-old-space-size=100",
        path.join(REPO, "bin", "bedsim.js"),
        "validate",
        ws.scenarioFile,
      ],
      { encoding: "utf8", timeout: 30_000, env: { ...process.env, BEDSIM_DEBUG: "" } },
    );
    expect(result.stderr).toMatch(
      new RegExp(
        `^bedsim: ${ws.modelFile.replaceAll("/", "\\/")}:\\d+:\\d+: the file holds more than 50,000 values by here`,
      ),
    );
    expect(result.status).toBe(2);
  }, 40_000);
});

describe("YAML tags", () => {
  it.each([
    ["!!binary", "title: !!binary aGVsbG8="],
    ["!!str", "title: !!str Example"],
    ["!!set", "title: !!set { a, b }"],
  ])("%s is refused at the tag, saying tags are not supported", (tag, line) => {
    const scenario = replaceOnce(BASELINE_TEXT, "title: Example ICB - current bed base", line);
    const ws = workspace({ scenario });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, ...positionOf(scenario, tag) },
      new RegExp(
        `^YAML tags \\(words starting with !, like "${tag}" here\\) are not supported: they are not allowed here; remove the tag and write the value plainly$`,
      ),
    );
  });
});
