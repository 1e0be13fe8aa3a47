/**
 * The result files as the built command line writes them: every one starts with its format
 * version, and --json prints exactly the file. Needs `npm run build` first.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requireBuild, SHORT, written } from "./built-cli.js";

const OAKWOOD = "services.oakwood_ward.beds";

requireBuild();

describe("every result file starts with its format version", () => {
  it.each([
    ["summary.json", ["run", "scenarios/baseline.yaml", ...SHORT]],
    ["compare.json", ["compare", "scenarios/baseline.yaml", "scenarios/baseline.yaml", ...SHORT]],
    ["sweep.json", ["sweep", "scenarios/baseline.yaml", "--vary", `${OAKWOOD}=29..30`, ...SHORT]],
    [
      "rightsize.json",
      [
        "rightsize",
        "scenarios/baseline.yaml",
        "--vary",
        `${OAKWOOD}=29..30`,
        "--minimise",
        "total_cost",
        ...SHORT,
      ],
    ],
  ])(
    "%s, and --json prints the file exactly",
    (file, args) => {
      const { stdout, folder } = written(args);
      expect(stdout.startsWith('{\n  "format_version": 1,\n  "version": "')).toBe(true);
      expect(readFileSync(path.join(folder, file), "utf8")).toBe(stdout);
      // Only at the top: the summaries inside a comparison are as before.
      expect(stdout.match(/"format_version"/g)).toHaveLength(1);
    },
    60_000,
  );
});
