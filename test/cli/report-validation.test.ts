/**
 * `bedsim report` on a result file edited by hand: it says what is wrong and where (the file,
 * the JSON path, what was expected) with exit code 2, instead of failing inside the report.
 * Needs `npm run build` first.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bedsim, requireBuild, SHORT, written } from "./built-cli.js";

const RECREATE = "it may have been edited by hand. Run the scenario again to recreate it.";

requireBuild();

describe("report on a summary.json edited by hand: exit 2, what and where", () => {
  let folder: string;
  let original: Record<string, unknown>;
  beforeAll(() => {
    ({ folder } = written(["run", "scenarios/baseline.yaml", ...SHORT]));
    original = JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8"));
  }, 60_000);

  const edits: [string, (s: Record<string, unknown>) => void, string][] = [
    ["kpis: null", (s) => Object.assign(s, { kpis: null }), "kpis: expected an object, found null"],
    [
      "monthly: {}",
      (s) => Object.assign(s, { monthly: {} }),
      "monthly.months: expected a list, found nothing (it is missing)",
    ],
    [
      "a KPI without mean",
      (s) => {
        delete (s.kpis as Record<string, Record<string, unknown>>).oap_bed_days.mean;
      },
      "kpis.oap_bed_days.mean: expected a number, found nothing (it is missing)",
    ],
    [
      "scenario: 5",
      (s) => Object.assign(s, { scenario: 5 }),
      "scenario: expected an object, found 5",
    ],
    [
      "a newer format",
      (s) => Object.assign(s, { format_version: 7 }),
      "this file was written by a newer bedsim (format_version 7; this one reads up to 1); update bedsim to read it, or run the scenario again with this one.",
    ],
  ];

  it.each(edits)("%s", (_, edit, message) => {
    const edited = structuredClone(original);
    edit(edited);
    const file = path.join(folder, "summary.json");
    writeFileSync(file, JSON.stringify(edited, null, 2));
    const before = readdirSync(folder).sort();
    const result = bedsim(["report", folder]);
    expect(result.status, result.stderr).toBe(2);
    const expected = message.startsWith("this file") ? message : `${message}; ${RECREATE}`;
    expect(result.stderr).toBe(`bedsim: ${file}: ${expected}\n`);
    expect(result.stdout).toBe("");
    expect(readdirSync(folder).sort()).toEqual(before);
  });

  it("a summary.json from before format_version is still read", () => {
    const { format_version, ...older } = original;
    expect(format_version).toBe(1);
    writeFileSync(path.join(folder, "summary.json"), JSON.stringify(older, null, 2));
    const result = bedsim(["report", folder]);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(["report.html", "charts"]));
  }, 60_000);
});
