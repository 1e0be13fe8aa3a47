/** `bedsim backtest` through the built command line, on the bundled synthetic extract. */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backtestFile } from "../../src/results/backtest.js";
import { REPO, tempDir } from "../scenario/helpers.js";
import { bedsim } from "./built-cli.js";

const EXTRACT = path.join(REPO, "data", "example-extract.csv");
const MAPPING = path.join(REPO, "data", "example-mapping.yaml");
const BASELINE = path.join(REPO, "scenarios", "baseline.yaml");
const PERIOD = ["--from", "2024-04-01", "--to", "2025-03-31"];

function backtest(args: string[], out: string, cwd = REPO) {
  return bedsim(["backtest", BASELINE, "--replications", "20", "--out", out, ...args], cwd);
}

describe("bedsim backtest", () => {
  it("writes the comparison month by month, its census, charts and report", () => {
    const out = tempDir();
    const result = backtest(["--observed", EXTRACT, "--mapping", MAPPING, ...PERIOD], out);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Local occupied beds: \d+% of 12 months inside/);
    const [folder] = readdirSync(out);
    const dir = path.join(out, folder);
    const file = backtestFile.parse(
      JSON.parse(readFileSync(path.join(dir, "backtest.json"), "utf8")),
    );
    expect(file.months).toHaveLength(12);
    expect(Object.keys(file.measures)).toEqual([
      "admissions",
      "local_occupied",
      "out_of_area",
      "delayed_bed_days",
    ]);
    for (const m of Object.values(file.measures)) {
      for (let i = 0; i < 12; i++) {
        expect(m.p10[i]).toBeLessThanOrEqual(m.p50[i]);
        expect(m.p50[i]).toBeLessThanOrEqual(m.p90[i]);
      }
      const inside = m.observed.filter((o, i) => o >= m.p10[i] && o <= m.p90[i]).length;
      expect(m.inside).toBeCloseTo(inside / 12, 12);
    }
    // The census: one row a person in hospital on --from, as many as the file says.
    const census = readFileSync(path.join(dir, "census.csv"), "utf8").trim().split("\n");
    expect(census[0]).toBe("person,cohort,service,admitted,delayed_since,waiting_for");
    expect(census.length - 1).toBe(file.census.local + file.census.out_of_area);
    for (const chart of ["admissions", "local-occupied", "out-of-area", "delayed-bed-days"])
      expect(
        readFileSync(path.join(dir, "charts", `backtest-${chart}.png`)).length,
      ).toBeGreaterThan(10_000);
    expect(readFileSync(path.join(dir, "report.html"), "utf8")).toMatch(
      /Does the model reproduce the period\?/,
    );
  }, 60_000);

  it("refuses a period after the extract date, located at the extract, writing nothing", () => {
    const out = tempDir();
    const result = backtest(
      ["--observed", EXTRACT, "--mapping", MAPPING, "--from", "2024-04-01", "--to", "2025-06-30"],
      out,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^bedsim: data\/example-extract\.csv: --to 2025-06-30 is after the extract date \(2025-03-31\)/,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it("refuses a date that is not one", () => {
    const result = backtest(
      ["--observed", EXTRACT, "--from", "2024-02-30", "--to", "2025-03-31"],
      tempDir(),
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--from 2024-02-30 is not a date; write it as 2023-04-01/);
  });

  it("names the mapping when its wards are not the model's", () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "mapping.yaml"),
      readFileSync(MAPPING, "utf8")
        .replace("W06: hazel_ward", "W06: holly_ward")
        .replace("hazel_ward: 24", "holly_ward: 24"),
    );
    const result = backtest(
      ["--observed", EXTRACT, "--mapping", path.join(dir, "mapping.yaml"), ...PERIOD],
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /mapping\.yaml: the extract's wards "holly_ward" are not acute wards of the model/,
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("reports a broken extract grouped and located", () => {
    const dir = tempDir();
    copyFileSync(MAPPING, path.join(dir, "mapping.yaml"));
    const lines = readFileSync(EXTRACT, "utf8").split("\n");
    lines[10] = lines[10].replace(/^([^,]*,[^,]*,)\d{4}-\d{2}-\d{2}/, "$12025-13-45");
    lines[11] = lines[11].replace(/^([^,]*,[^,]*,)\d{4}-\d{2}-\d{2}/, "$12025-13-45");
    writeFileSync(path.join(dir, "extract.csv"), lines.join("\n"));
    const out = path.join(dir, "out");
    const result = backtest(
      ["--observed", "extract.csv", "--mapping", "mapping.yaml", ...PERIOD],
      out,
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^bedsim: extract\.csv:11:3: 2 rows have a date that is not a real date \(column StartDateHospProvSpell, first at line 11\)/,
    );
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});
