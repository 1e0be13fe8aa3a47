/**
 * A starting census and --write-spells through the built command line (`npm run build`
 * first): broken census files give located messages and exit code 2, and the spells and
 * census a run writes read back as what the run did and started from.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COLUMN_ROLES } from "../../src/data/extract-mapping.js";
import { BASELINE_TEXT, replaceOnce, workspace } from "../scenario/helpers.js";
import { bedsim } from "./built-cli.js";

const WITH_CENSUS = replaceOnce(BASELINE_TEXT, "warm_up_days: 1460", "start_from: census.csv");
const SHORT = ["--set", "run.years=1", "--replications", "2", "--no-charts"];
const HEADER = "person,cohort,service,admitted,delayed_since,waiting_for";
const CENSUS = [
  HEADER,
  "g1,working_age_men,oakwood_ward,2025-03-01,,",
  "g2,working_age_men,oakwood_ward,2024-11-20,2025-03-15,community_rehab",
  "g3,working_age_women,acute_out_of_area,2025-03-28,,",
  "g4,older_adults,rowan_ward,2025-01-05,,",
  "g5,working_age_women,crisis_houses,2025-03-30,,",
  "g6,working_age_men,rehab_out_of_area,2024-08-01,,",
  "g7,working_age_men,community_rehab,2024-10-01,,",
].join("\n");

/** Rows of a CSV file (a `#` line is a comment, as a synthetic extract's heading is). */
function csvRows(file: string): string[][] {
  const text = readFileSync(file, "utf8");
  // bedsim's CSVs start with a byte-order mark, for Excel.
  expect(text.startsWith("\uFEFF")).toBe(true);
  return text
    .slice(1)
    .split(/\r?\n/)
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(","));
}

describe("bedsim run with a census", () => {
  it("reports a broken census at its rows and columns, exits 2 and writes nothing", () => {
    const ws = workspace({
      scenario: WITH_CENSUS,
      files: {
        "scenarios/census.csv": [
          HEADER,
          "h1,working_age_men,oakwood_ward,01/03/2025,",
          "h2,adults,oakwood_ward,2025-03-01,",
          "h3,working_age_men,oakwood_ward,2025-06-01,",
          "h4,working_age_men,oakwood_ward,2025-03-01,2025-03-10,comunity_rehab",
          "h5,working_age_men,beech_ward,2025-03-01,,home",
        ].join("\n"),
      },
    });
    const out = path.join(ws.dir, "out");
    const result = bedsim(["run", "scenarios/baseline.yaml", "--out", out, ...SHORT], ws.dir);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /census\.csv:2:4: "01\/03\/2025" is not a date; write the admitted date as YYYY-MM-DD/,
    );
    expect(lines[1]).toMatch(/census\.csv:3:2: unknown cohort "adults"/);
    expect(lines[2]).toMatch(
      /census\.csv:4:4: the admitted date 2025-06-01 is after the start date/,
    );
    expect(lines[3]).toMatch(
      /census\.csv:5:6: unknown discharge route "comunity_rehab" for working_age_men; did you mean "community_rehab"\?/,
    );
    expect(lines[4]).toMatch(
      /census\.csv:6:6: waiting_for is the discharge route a delayed person waits on; give delayed_since too/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it("writes spells that read back: an extract calibrate reads, every stay, and the census it started from", () => {
    const ws = workspace({ scenario: WITH_CENSUS, files: { "scenarios/census.csv": CENSUS } });
    const out = path.join(ws.dir, "out");
    const result = bedsim(
      ["run", "scenarios/baseline.yaml", "--out", out, "--write-spells", ...SHORT],
      ws.dir,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.status).toBe(0);
    const [folder] = readdirSync(out);
    // The hospital spells, in the extract format with the MHSDS column names.
    const spells = csvRows(path.join(out, folder, "spells.csv"));
    expect(spells[0]).toEqual(Object.values(COLUMN_ROLES));
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    for (const [, , admitted, discharged, , , , delayFrom, delayTo] of spells.slice(1)) {
      expect(admitted).toMatch(iso);
      if (discharged !== "") expect(discharged >= admitted).toBe(true);
      if (delayFrom !== "") expect(delayFrom >= admitted).toBe(true);
      if (delayTo !== "") expect(delayTo >= delayFrom).toBe(true);
    }
    // ...which calibrate reads as it is, with no mapping.
    const model = path.join(ws.dir, "fitted.yaml");
    const fitted = bedsim(
      ["calibrate", path.join(out, folder, "spells.csv"), "--out", model],
      ws.dir,
    );
    // Only warnings (a short run has few discharges on some routes), no errors.
    for (const line of fitted.stderr.split("\n").filter(Boolean))
      expect(line).toMatch(/^bedsim: warning: /);
    expect(fitted.status).toBe(0);
    expect(readFileSync(model, "utf8")).toMatch(/working_age_men/);

    const body = csvRows(path.join(out, folder, "stays.csv")).slice(1);
    expect(body.length).toBeGreaterThan(100);
    // Every census person's first stay starts on their admission date, in their service.
    for (const row of CENSUS.split("\n").slice(1)) {
      const [person, cohort, service, admitted] = row.split(",");
      const first = body.find((s) => s[1] === person);
      expect(first?.slice(2, 3)).toEqual([admitted]);
      expect(first?.slice(4, 6)).toEqual([cohort, service]);
    }
    // The census written at the start is the census the run started from.
    const written = readFileSync(path.join(out, folder, "census.csv"), "utf8");
    expect(
      written
        .replace(/^\uFEFF/, "")
        .split(/\r?\n/)
        .filter(Boolean),
    ).toEqual(CENSUS.split("\n"));
    // And a run can start from it.
    ws.write("scenarios/census.csv", written);
    const again = bedsim(["run", "scenarios/baseline.yaml", "--out", out, ...SHORT], ws.dir);
    expect(again.status).toBe(0);
  }, 60_000);
});
