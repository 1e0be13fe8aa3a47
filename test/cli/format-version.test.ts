/**
 * The result files as the built command line writes them: every one starts with its format
 * version, and --json prints exactly the file. Needs `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, tempDir } from "../scenario/helpers.js";

const BIN = path.join(REPO, "bin", "bedsim.js");
const SHORT = ["--replications", "2", "--set", "run.years=1", "--set", "run.warm_up_days=365"];
const OAKWOOD = "services.oakwood_ward.beds";

function bedsim(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, BEDSIM_DEBUG: "", NO_COLOR: "1" },
  });
  if (result.error) throw result.error;
  return result;
}

/** Runs a command with --json into a fresh --out; returns stdout and the folder written. */
function written(args: string[]): { stdout: string; folder: string } {
  const out = tempDir("bedsim-results-");
  const result = bedsim([...args, "--json", "--no-charts", "--out", out]);
  expect(result.status, result.stderr).toBe(0);
  const [folder] = readdirSync(out);
  return { stdout: result.stdout, folder: path.join(out, folder) };
}

beforeAll(() => {
  if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});

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
