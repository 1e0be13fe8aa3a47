/**
 * The one writer of results folders: new folders appear whole or not at all, `bedsim report`'s
 * updates leave the old folder as it was when they fail, an unusable folder is refused before
 * anything is written, and temporary folders of killed processes are cleaned up.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type FolderSystem,
  OutputFolderError,
  ResultsFolder,
} from "../../src/results/results-folder.js";
import { tempDir } from "../scenario/helpers.js";

const list = (dir: string) => readdirSync(dir).sort();

/** Writes normally until the `n`th file, which fails as a full disk does. */
function diskFullAt(n: number): FolderSystem {
  let written = 0;
  return {
    mkdir: (dir) => mkdirSync(dir, { recursive: true }),
    writeFile: (file, contents) => {
      if (++written >= n)
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
          code: "ENOSPC",
        });
      writeFileSync(file, contents);
    },
  };
}

function failingMkdir(code: string): FolderSystem {
  return {
    mkdir: () => {
      throw Object.assign(new Error(`${code}: mkdir`), { code });
    },
    writeFile: () => {},
  };
}

/** Expects `run` to throw an OutputFolderError with this exit code and message. */
function expectFolderError(run: () => unknown, exitCode: 1 | 2, message: string) {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(OutputFolderError);
  expect((thrown as OutputFolderError).exitCode).toBe(exitCode);
  expect((thrown as OutputFolderError).message).toBe(message);
}

/** A pid that certainly belonged to a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid as number;
}

describe("a new results folder", () => {
  it("appears whole under its name and timestamp, with nothing else left in the base", () => {
    const base = path.join(tempDir(), "out");
    const dir = ResultsFolder.create(base, "baseline");
    // The base and the temporary folder exist from the start: the check comes before the run.
    expect(list(base)).toEqual([path.basename(dir.temporary)]);
    const folder = dir.save(
      { "summary.json": "{}\n", "charts/a.svg": "<svg/>" },
      new Date("2027-04-01T09:08:07Z"),
    );
    expect(folder).toBe(path.join(base, "baseline-20270401-090807"));
    expect(list(base)).toEqual(["baseline-20270401-090807"]);
    expect(list(folder)).toEqual(["charts", "summary.json"]);
    expect(readFileSync(path.join(folder, "charts", "a.svg"), "utf8")).toBe("<svg/>");
  });

  it("never overwrites another folder of the same second", () => {
    const base = tempDir();
    const now = new Date("2027-04-01T09:08:07Z");
    const first = ResultsFolder.create(base, "x").save({ a: "1" }, now);
    const second = ResultsFolder.create(base, "x").save({ a: "2" }, now);
    expect(path.basename(second)).toBe("x-20270401-090807-2");
    expect(readFileSync(path.join(first, "a"), "utf8")).toBe("1");
  });

  it("a full disk part-way: exit code 1, one plain sentence, and nothing left behind", () => {
    const base = tempDir();
    const dir = ResultsFolder.create(base, "baseline", diskFullAt(2));
    expectFolderError(
      () => dir.save({ "summary.json": "{}", "charts/a.png": "png", "report.md": "# r" }),
      1,
      `could not save the results in "${base}": the disk is full, so nothing was saved; free some space and run it again.`,
    );
    expect(list(base)).toEqual([]);
  });

  it("discard removes the temporary folder (an interrupted or failed run)", () => {
    const base = tempDir();
    ResultsFolder.create(base, "baseline").discard();
    expect(list(base)).toEqual([]);
  });
});

describe("an unusable folder is refused at once with exit code 2", () => {
  const advice = "give a folder you can write to with --out (it is created if it does not exist).";

  it("a regular file", () => {
    const file = path.join(tempDir(), "results.txt");
    writeFileSync(file, "mine");
    expectFolderError(
      () => ResultsFolder.create(file, "baseline"),
      2,
      `cannot save results in "${file}": it is a file, not a folder; ${advice}`,
    );
    expect(readFileSync(file, "utf8")).toBe("mine");
  });

  it("a folder inside a regular file names the file", () => {
    const file = path.join(tempDir(), "results.txt");
    writeFileSync(file, "mine");
    expectFolderError(
      () => ResultsFolder.create(path.join(file, "out"), "baseline"),
      2,
      `cannot save results in "${path.join(file, "out")}": "${file}" is a file, not a folder; ${advice}`,
    );
  });

  it("/dev/null", () => {
    expectFolderError(
      () => ResultsFolder.create("/dev/null", "baseline"),
      2,
      `cannot save results in "/dev/null": it is not a folder; ${advice}`,
    );
  });

  it.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EROFS", "it is on a read-only disk"],
    ["ENOSPC", "the disk is full"],
  ])("%s: %s", (code, why) => {
    expectFolderError(
      () => ResultsFolder.create("out", "baseline", failingMkdir(code)),
      2,
      `cannot save results in "out": ${why}; ${advice}`,
    );
  });

  it("for bedsim report, the advice is to work on a copy", () => {
    expectFolderError(
      () => ResultsFolder.update("output/run", failingMkdir("EROFS")),
      2,
      'cannot save results in "output/run": it is on a read-only disk; copy the folder somewhere you can write to and run bedsim report on the copy.',
    );
  });
});

describe("updating a folder (bedsim report)", () => {
  function oldFolder(): string {
    const folder = tempDir();
    mkdirSync(path.join(folder, "charts"));
    writeFileSync(path.join(folder, "summary.json"), "results");
    writeFileSync(path.join(folder, "report.md"), "old report");
    writeFileSync(path.join(folder, "charts", "occupancy.svg"), "old occupancy");
    writeFileSync(path.join(folder, "charts", "gone.svg"), "an old chart");
    return folder;
  }
  const snapshot = (folder: string) => ({
    top: list(folder),
    charts: list(path.join(folder, "charts")),
    report: readFileSync(path.join(folder, "report.md"), "utf8"),
    occupancy: readFileSync(path.join(folder, "charts", "occupancy.svg"), "utf8"),
  });
  const fresh = {
    "charts/occupancy.svg": "new occupancy",
    "charts/occupancy.png": "new png",
    "report.md": "new report",
  };

  it("replaces the files written, and charts/ as a whole", () => {
    const folder = oldFolder();
    expect(ResultsFolder.update(folder).save(fresh)).toBe(folder);
    expect(snapshot(folder)).toEqual({
      top: ["charts", "report.md", "summary.json"],
      charts: ["occupancy.png", "occupancy.svg"],
      report: "new report",
      occupancy: "new occupancy",
    });
    expect(readFileSync(path.join(folder, "summary.json"), "utf8")).toBe("results");
  });

  it("a full disk while drawing leaves the old folder exactly as it was, without .tmp files", () => {
    const folder = oldFolder();
    const before = snapshot(folder);
    expectFolderError(
      () => ResultsFolder.update(folder, diskFullAt(3)).save(fresh),
      1,
      `could not save the results in "${folder}": the disk is full, so the charts and report were left as they were; free some space and run it again.`,
    );
    expect(snapshot(folder)).toEqual(before);
  });
});

describe("temporary folders left by a killed bedsim", () => {
  const host = hostname().replace(/[^A-Za-z0-9.-]/g, "-");

  it("are removed when their process is gone and left alone otherwise", () => {
    const base = tempDir();
    const gone = deadPid();
    const names = {
      dead: `.partial-baseline-${gone}-1700000000000@${host}`,
      deadOlderName: `.partial-compare-a-vs-b-${gone}-1700000000000`,
      alive: `.partial-baseline-${process.pid}-1700000000000@${host}`,
      otherMachine: `.partial-baseline-${gone}-1700000000000@another-host.example`,
      notOurs: ".partial-notes",
    };
    for (const name of Object.values(names)) {
      mkdirSync(path.join(base, name));
      writeFileSync(path.join(base, name, "summary.json"), "half");
    }
    const folder = ResultsFolder.create(base, "baseline").save({ "summary.json": "{}" });
    expect(list(base)).toEqual(
      [names.alive, names.otherMachine, names.notOurs, path.basename(folder)].sort(),
    );
  });

  it("bedsim report cleans those inside the folder it redraws", () => {
    const folder = tempDir();
    const dead = `.partial-report-${deadPid()}-1700000000000@${host}`;
    mkdirSync(path.join(folder, dead));
    ResultsFolder.update(folder).save({ "report.md": "new" });
    expect(list(folder)).toEqual(["report.md"]);
  });
});
