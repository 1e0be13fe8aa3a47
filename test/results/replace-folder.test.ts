/**
 * A fixed-name folder (the calibration report) written atomically: a failure part-way leaves
 * nothing new behind and an earlier folder as it was; a success replaces the earlier one whole.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { replaceFolder } from "../../src/results/replace-folder.js";
import { type FolderSystem, OutputFolderError } from "../../src/results/results-folder.js";
import { tempDir } from "../scenario/helpers.js";

const FILES = {
  "calibration.json": "{}\n",
  "report.html": "<html></html>\n",
  "charts/a.png": new Uint8Array([1, 2, 3]),
  "report.md": "# report\n",
};

/** Node's file calls, but the disk fills up at the `failAt`-th file. */
function fillsUpAt(failAt: number): FolderSystem {
  let written = 0;
  return {
    mkdir: (dir) => mkdirSync(dir, { recursive: true }),
    writeFile: (file, contents) => {
      written++;
      if (written === failAt)
        throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      writeFileSync(file, contents);
    },
  };
}

describe("replaceFolder", () => {
  it("writes every file into the folder and leaves nothing else beside it", () => {
    const dir = tempDir();
    const target = path.join(dir, "model-calibration");
    replaceFolder(target, FILES);
    expect(readdirSync(dir)).toEqual(["model-calibration"]);
    expect(readdirSync(target).sort()).toEqual([
      "calibration.json",
      "charts",
      "report.html",
      "report.md",
    ]);
    expect([...readFileSync(path.join(target, "charts", "a.png"))]).toEqual([1, 2, 3]);
  });

  it("leaves nothing behind when writing fails part-way", () => {
    const dir = tempDir();
    const target = path.join(dir, "model-calibration");
    expect(() => replaceFolder(target, FILES, fillsUpAt(3))).toThrow(OutputFolderError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps an earlier folder as it was when writing fails, and replaces it whole when not", () => {
    const dir = tempDir();
    const target = path.join(dir, "model-calibration");
    mkdirSync(target);
    writeFileSync(path.join(target, "calibration.json"), "old\n");
    writeFileSync(path.join(target, "stale.txt"), "old\n");
    let error: unknown;
    try {
      replaceFolder(target, FILES, fillsUpAt(2));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputFolderError);
    expect((error as OutputFolderError).exitCode).toBe(1);
    expect((error as Error).message).toMatch(/no space left on device\), so nothing was written/);
    expect(readdirSync(dir)).toEqual(["model-calibration"]);
    expect(readFileSync(path.join(target, "calibration.json"), "utf8")).toBe("old\n");

    replaceFolder(target, FILES);
    expect(readdirSync(dir)).toEqual(["model-calibration"]);
    expect(existsSync(path.join(target, "stale.txt"))).toBe(false);
    expect(readFileSync(path.join(target, "calibration.json"), "utf8")).toBe("{}\n");
  });
});
