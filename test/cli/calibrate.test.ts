/**
 * `bedsim calibrate` through the built command line (`npm run build` first): the bundled
 * synthetic extract gives a model that validates; a broken extract gives grouped, located
 * messages, exit code 2 and no model file.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, tempDir } from "../scenario/helpers.js";

const BIN = path.join(REPO, "bin", "bedsim.js");
const bedsim = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 120_000 });

describe("bedsim calibrate", () => {
  it("fits the example extract into a model that validates", () => {
    const dir = tempDir();
    const out = path.join(dir, "my-icb.yaml");
    const result = bedsim(
      [
        "calibrate",
        "data/example-extract.csv",
        "--mapping",
        "data/example-mapping.yaml",
        "--out",
        out,
      ],
      REPO,
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Read 5,\d{3} spells/);
    const model = readFileSync(out, "utf8");
    expect(model).toMatch(/still in hospital on the extract date \(censored, not dropped\)/);
    writeFileSync(
      path.join(dir, "scenario.yaml"),
      "name: calibrated\nmodel: my-icb.yaml\nrun: { start: 2025-04-01, years: 1, replications: 3, seed: 1 }\n",
    );
    const validate = bedsim(["validate", "scenario.yaml"], dir);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
  });

  it("reports broken rows grouped with counts and locations, exits 2 and writes nothing", () => {
    const dir = tempDir();
    copyFileSync(path.join(REPO, "data", "example-mapping.yaml"), path.join(dir, "mapping.yaml"));
    const lines = readFileSync(path.join(REPO, "data", "example-extract.csv"), "utf8").split("\n");
    // Lines 3 and 5 (spells with no delay) discharged before admission; line 6 an unknown ward.
    const swap = (i: number) => {
      const cells = lines[i].split(",");
      cells[2] = "2025-01-20";
      cells[3] = "2025-01-10";
      lines[i] = cells.join(",");
    };
    swap(2);
    swap(4);
    lines[5] = lines[5].replace(/,W0\d,/, ",W99,");
    writeFileSync(path.join(dir, "extract.csv"), lines.join("\n"));
    const result = bedsim(
      ["calibrate", "extract.csv", "--mapping", "mapping.yaml", "--out", "model.yaml"],
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const messages = result.stderr.trim().split("\n");
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(
      /^bedsim: extract\.csv:3:4: 2 rows have a discharge date before the admission date \(column DischDateHospProvSpell, first at line 3\); check the two dates$/,
    );
    expect(messages[1]).toMatch(
      /^bedsim: extract\.csv:6:6: 1 row has a ward code the mapping does not list/,
    );
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(path.join(dir, "model.yaml"))).toBe(false);
  });

  it("locates a mistake in the mapping", () => {
    const dir = tempDir();
    copyFileSync(path.join(REPO, "data", "example-extract.csv"), path.join(dir, "extract.csv"));
    const mapping = readFileSync(path.join(REPO, "data", "example-mapping.yaml"), "utf8");
    writeFileSync(
      path.join(dir, "mapping.yaml"),
      mapping.replace("extract_date: 2025-03-31", "extract_date: 2025-02-30"),
    );
    const result = bedsim(
      ["calibrate", "extract.csv", "--mapping", "mapping.yaml", "--out", "model.yaml"],
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^bedsim: mapping\.yaml:\d+:15: expected a real date/);
    expect(existsSync(path.join(dir, "model.yaml"))).toBe(false);
  });
});
