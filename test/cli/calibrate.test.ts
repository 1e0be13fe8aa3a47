/**
 * `bedsim calibrate` through the built command line (`npm run build` first): the bundled
 * synthetic extract gives a model that validates and a calibration report that opens; a
 * broken extract, or a report folder that cannot be used, gives located messages, exit code 2
 * and nothing written.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FAMILY_NAMES, STAY_FAMILIES } from "../../src/calibrate/stay-families.js";
import { calibrationFile } from "../../src/results/calibration.js";
import { FORMAT_FIELD } from "../../src/results/format-version.js";
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
    // Warnings only (the example's wards hold more than their mapped beds), no errors.
    for (const line of result.stderr.trim().split("\n").filter(Boolean))
      expect(line).toMatch(/^bedsim: warning: /);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Read \d,\d{3} spells/);
    const model = readFileSync(out, "utf8");
    expect(model).toMatch(/still in hospital on the extract date \(censored, not dropped\)/);
    writeFileSync(
      path.join(dir, "scenario.yaml"),
      "name: calibrated\nmodel: my-icb.yaml\nrun: { start: 2025-04-01, years: 1, replications: 3, seed: 1 }\n",
    );
    const validate = bedsim(["validate", "scenario.yaml"], dir);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);

    // Each cohort of the example has hundreds of discharges: routes of its own.
    expect(model.match(/^ {4}discharge_routes:$/gm)?.length).toBe(3);

    // The calibration report, beside the model, with nothing else left in the folder.
    const report = path.join(dir, "my-icb-calibration");
    expect(readdirSync(dir).sort()).toEqual([
      "my-icb-calibration",
      "my-icb-census.csv",
      "my-icb-scenario.yaml",
      "my-icb.yaml",
      "scenario.yaml",
    ]);
    // The census of the day after the extract date, and the scenario that starts from it.
    const census = readFileSync(path.join(dir, "my-icb-census.csv"), "utf8").trim().split("\n");
    expect(census[0]).toBe("person,cohort,service,admitted,delayed_since,waiting_for");
    // The extract's open spells are the people in hospital then (a few moved to fit the beds).
    const extract = readFileSync(path.join(REPO, "data", "example-extract.csv"), "utf8");
    const open = extract.split("\n").filter((l) => /^S\d+,[^,]*,[^,]*,,/.test(l)).length;
    expect(census.length - 1).toBe(open);
    expect(result.stdout).toMatch(new RegExp(`\\(${open} people\\)`));
    const started = bedsim(["validate", "my-icb-scenario.yaml"], dir);
    expect(started.stderr).toBe("");
    expect(started.status).toBe(0);
    const json = JSON.parse(readFileSync(path.join(report, "calibration.json"), "utf8"));
    expect(Object.keys(json)[0]).toBe(FORMAT_FIELD);
    const parsed = calibrationFile.parse(json);
    expect(parsed.stays.map((g) => g.id)).toEqual([
      "all",
      "older_adults",
      "working_age_men",
      "working_age_women",
    ]);
    for (const group of parsed.stays) {
      expect(group.fits.map((f) => f.family).sort()).toEqual([...FAMILY_NAMES].sort());
      // Akaike weights are shares of one.
      expect(group.fits.reduce((s, f) => s + f.akaike_weight, 0)).toBeCloseTo(1, 9);
    }
    const html = readFileSync(path.join(report, "report.html"), "utf8");
    expect(html).toContain("<th");
    expect(html).toContain("Akaike weight");
    for (const family of STAY_FAMILIES)
      expect(html).toMatch(new RegExp(`<td>${family.label}( \\(chosen\\))?</td>`, "i"));
    expect(html).toMatch(/\(chosen\)<\/td>/);
    const md = readFileSync(path.join(report, "report.md"), "utf8");
    expect(md).toMatch(/^# Calibration of /);
    for (const chart of ["stay-survival-all", "stay-survival-older_adults", "arrivals-fit"]) {
      const png = readFileSync(path.join(report, "charts", `${chart}.png`));
      expect(png.length).toBeGreaterThan(10_000);
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(readFileSync(path.join(report, "charts", `${chart}.svg`), "utf8")).toMatch(/<svg/);
      expect(md).toContain(`charts/${chart}.png`);
    }

    // Calibrating again replaces the earlier report whole.
    writeFileSync(path.join(report, "stale.txt"), "from before");
    const again = bedsim(
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
    expect(again.status).toBe(0);
    expect(existsSync(path.join(report, "stale.txt"))).toBe(false);
    expect(existsSync(path.join(report, "calibration.json"))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([
      "my-icb-calibration",
      "my-icb-census.csv",
      "my-icb-scenario.yaml",
      "my-icb.yaml",
      "scenario.yaml",
    ]);
  }, 120_000);

  it("refuses a report folder that is a file or holds other files, writing nothing", () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "notes.txt"), "mine");
    mkdirSync(path.join(dir, "papers"));
    writeFileSync(path.join(dir, "papers", "board.docx"), "mine");
    const args = (reportDir: string) => [
      "calibrate",
      path.join(REPO, "data", "example-extract.csv"),
      "--mapping",
      path.join(REPO, "data", "example-mapping.yaml"),
      "--out",
      "model.yaml",
      "--report-dir",
      reportDir,
    ];
    const file = bedsim(args("notes.txt"), dir);
    expect(file.status).toBe(2);
    expect(file.stderr).toMatch(
      /^bedsim: the calibration report goes in notes\.txt, which is a file/,
    );
    const folder = bedsim(args("papers"), dir);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toMatch(/papers already holds files that are not a calibration report/);
    expect(folder.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(readdirSync(dir).sort()).toEqual(["notes.txt", "papers"]);
    expect(readdirSync(path.join(dir, "papers"))).toEqual(["board.docx"]);
  });

  it("reports broken rows grouped with counts and locations, exits 2 and writes nothing", () => {
    const dir = tempDir();
    copyFileSync(path.join(REPO, "data", "example-mapping.yaml"), path.join(dir, "mapping.yaml"));
    const lines = readFileSync(path.join(REPO, "data", "example-extract.csv"), "utf8").split("\n");
    // The first two spells with no delay discharged before admission; line 6 an unknown ward.
    const swap = (i: number) => {
      const cells = lines[i].split(",");
      cells[2] = "2025-01-20";
      cells[3] = "2025-01-10";
      lines[i] = cells.join(",");
    };
    const plain = lines.flatMap((l, i) => (i > 1 && l.endsWith(",,,") ? [i] : [])).slice(0, 2);
    for (const i of plain) swap(i);
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
      new RegExp(
        `^bedsim: extract\\.csv:${plain[0] + 1}:4: 2 rows have a discharge date before the admission date \\(column DischDateHospProvSpell, first at line ${plain[0] + 1}\\); check the two dates$`,
      ),
    );
    expect(messages[1]).toMatch(
      /^bedsim: extract\.csv:6:6: 1 row has a ward code the mapping does not list/,
    );
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(readdirSync(dir).sort()).toEqual(["extract.csv", "mapping.yaml"]);
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
