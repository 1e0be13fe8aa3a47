/**
 * An empirical length of stay read from a CSV of observed stays, named relative to the YAML
 * file: the values arrive as if listed, the CSV is in the run's manifest, and every mistake
 * is one located message.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { expectProblemAt, lineOf, problemsOf, workspace } from "./helpers.js";

/** A scenario whose dated change gives working-age men an empirical stay from `stay`. */
function withStay(stay: string, files: Record<string, string> = {}) {
  const text = `extends: baseline.yaml
name: observed
changes:
  - date: 2026-04-01
    cohort: working_age_men
    length_of_stay:
${stay}
`;
  const ws = workspace({ files });
  return { file: ws.write("scenarios/observed.yaml", text), text, dir: ws.dir };
}

const STAYS_CSV = "patient,los_days\nA,12\nB,3.5\nC,40\n\nD,0\n";

describe("empirical stays from a CSV file", () => {
  it("reads the named column into values, and lists the CSV in the manifest's files", () => {
    const { file, dir } = withStay(
      "      distribution: empirical\n      file: ../data/stays.csv\n      column: los_days",
      { "data/stays.csv": STAYS_CSV },
    );
    const loaded = loadScenario(file);
    expect(loaded.changes[0].change.length_of_stay).toEqual({
      distribution: "empirical",
      values: [12, 3.5, 40, 0],
    });
    expect(loaded.files).toContain(path.join(dir, "data", "stays.csv"));
  });

  it("without a column, takes the first column of a file without a header", () => {
    const { file } = withStay("      distribution: empirical\n      file: stays.csv", {
      "scenarios/stays.csv": "7\n14\n21\n",
    });
    expect(loadScenario(file).changes[0].change.length_of_stay).toEqual({
      distribution: "empirical",
      values: [7, 14, 21],
    });
  });

  it.each([
    ["a missing file", "file: nothere.csv", {}, /cannot find the file "nothere\.csv"/],
    [
      "a row that is not a number",
      "file: stays.csv\n      column: los_days",
      { "scenarios/stays.csv": "los_days\n12\ntwelve\n" },
      /row 3 of "stays\.csv" has "twelve" where a stay in days/,
    ],
    [
      "a column that is not there",
      "file: stays.csv\n      column: days",
      { "scenarios/stays.csv": STAYS_CSV },
      /column "days" is not in the header row of "stays\.csv" \(it has "patient", "los_days"\)/,
    ],
  ])("%s: one message at the file: line", (_, lines, files, message) => {
    const { file, text } = withStay(`      distribution: empirical\n      ${lines}`, files);
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    const key = /column/.test(message.source) ? "column:" : "file:";
    expectProblemAt(problems, { file, line: lineOf(text, key) }, message);
  });

  it.each([
    ["0x10", "hexadecimal"],
    ["0b101", "binary"],
    ["0o17", "octal"],
  ])("%s is refused with its row and column, not read as a %s number", (cell) => {
    const { file, text } = withStay(
      "      distribution: empirical\n      file: stays.csv\n      column: los_days",
      { "scenarios/stays.csv": `patient,los_days\nA,12\nB,${cell}\n` },
    );
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file, line: lineOf(text, "file:") },
      new RegExp(
        `^row 3 of "stays\\.csv" has "${cell}" in column 2 \\("los_days"\\), which is not a decimal number; write the stay in days as a plain number like 16 or 3\\.5$`,
      ),
    );
  });

  it("a number the CSV writes in scientific form is read as a stay", () => {
    const { file } = withStay("      distribution: empirical\n      file: stays.csv", {
      "scenarios/stays.csv": "1.2E+03\n3.5\n",
    });
    expect(loadScenario(file).changes[0].change.length_of_stay).toEqual({
      distribution: "empirical",
      values: [1200, 3.5],
    });
  });

  it("file: on another distribution is refused", () => {
    const { file, text } = withStay(
      "      distribution: exponential\n      mean: 10\n      file: s.csv",
    );
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expectProblemAt(problems, { file, line: lineOf(text, "file:") }, /only for an empirical/);
  });
});
