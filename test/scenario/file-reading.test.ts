/**
 * How the loader reads files: only through the TextFiles interface (so it can run in a web
 * page), and, in Node, only ordinary files of at most 5 MB, counted in bytes, read no further
 * than that. A device, a pipe, a folder or a huge file named by a YAML file is one message at
 * the line that names it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { nodeFiles } from "../../src/cli/node-files.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { TextFiles } from "../../src/scenario/text-files.js";
import {
  BASELINE_TEXT,
  expectProblemAt,
  lineOf,
  MODEL_TEXT,
  positionOf,
  problemsOf,
  REPO,
  replaceOnce,
  tempDir,
  workspace,
} from "./helpers.js";

const MODEL_LINE = "model: ../models/example-icb.yaml";
const onLinux = process.platform === "linux";

/** The baseline scenario with its model: line naming `model` instead. */
function namingModel(model: string) {
  const text = replaceOnce(BASELINE_TEXT, MODEL_LINE, `model: ${model}`);
  const ws = workspace({ scenario: text });
  return { ws, text, line: lineOf(text, `model: ${model}`) };
}

describe("the loader reads files only through TextFiles", () => {
  it("loads a scenario and its model from memory, resolving names as text", () => {
    const stored = new Map([
      ["/plans/scenarios/baseline.yaml", BASELINE_TEXT],
      ["/plans/models/example-icb.yaml", MODEL_TEXT],
    ]);
    const asked: string[] = [];
    const memory: TextFiles = {
      read(file) {
        asked.push(file);
        return stored.get(file) ?? { refused: "missing" };
      },
    };
    const loaded = loadScenario("/plans/scenarios/baseline.yaml", { files: memory });
    expect(loaded.modelFile).toBe("/plans/models/example-icb.yaml");
    expect(loaded.model.cohorts.length).toBeGreaterThan(0);
    expect(asked).toEqual(["/plans/scenarios/baseline.yaml", "/plans/models/example-icb.yaml"]);
  });

  it("a file the reader refuses is one message at the line that names it", () => {
    const memory: TextFiles = {
      read: (file) => (file.endsWith("baseline.yaml") ? BASELINE_TEXT : { refused: "folder" }),
    };
    const problems = problemsOf("plans/baseline.yaml", { files: memory });
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: "plans/baseline.yaml", line: lineOf(BASELINE_TEXT, MODEL_LINE), column: 8 },
      /models\/example-icb\.yaml is a folder, not a YAML file; name a \.yaml file/,
    );
  });

  it("no file under src/scenario imports node:fs or node:path", () => {
    const folder = path.join(REPO, "src", "scenario");
    const offenders = readdirSync(folder)
      .filter((name) => name.endsWith(".ts"))
      .filter((name) =>
        /from\s+["'](?:node:)?(?:fs|path)(?:\/[\w/]+)?["']/.test(
          readFileSync(path.join(folder, name), "utf8"),
        ),
      );
    expect(offenders).toEqual([]);
  });
});

describe("only ordinary files are read", () => {
  it.skipIf(!existsSync("/dev/zero"))(
    "model: /dev/zero is refused at the model: line, without reading it",
    () => {
      const { ws, line } = namingModel("/dev/zero");
      const problems = problemsOf(ws.scenarioFile);
      expect(problems).toHaveLength(1);
      expectProblemAt(
        problems,
        { file: ws.scenarioFile, line, column: 8 },
        /^\/dev\/zero is a device, not an ordinary file, so it cannot be read as a YAML file; name a \.yaml file$/,
      );
    },
  );

  it.skipIf(!existsSync("/dev/urandom"))(
    "extends: /dev/urandom is refused at the extends line",
    () => {
      const ws = workspace();
      const text = "extends: /dev/urandom\nname: random\n";
      const file = ws.write("scenarios/random.yaml", text);
      const problems = problemsOf(file);
      expect(problems).toHaveLength(1);
      expectProblemAt(
        problems,
        { file, line: 1, column: 10 },
        /^\/dev\/urandom is a device, not an ordinary file/,
      );
    },
  );

  it.skipIf(!onLinux)(
    "a pipe (FIFO) as the model is refused at once instead of waiting for a writer",
    () => {
      const { ws, line } = namingModel("../models/pipe.yaml");
      const made = spawnSync("mkfifo", [path.join(ws.dir, "models", "pipe.yaml")]);
      expect(made.status).toBe(0);
      const started = performance.now();
      const problems = problemsOf(ws.scenarioFile);
      expect(performance.now() - started).toBeLessThan(2000);
      expectProblemAt(
        problems,
        { file: ws.scenarioFile, line },
        /pipe\.yaml is a pipe \(FIFO\), not an ordinary file/,
      );
    },
    10_000,
  );

  it("a 1 GB model is refused as larger than 5 MB without being read", () => {
    const { ws, line } = namingModel("../models/huge.yaml");
    const huge = path.join(ws.dir, "models", "huge.yaml");
    writeFileSync(huge, "");
    truncateSync(huge, 1024 ** 3); // sparse: takes no disk space
    const started = performance.now();
    const problems = problemsOf(ws.scenarioFile);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, line, column: 8 },
      /huge\.yaml is larger than 5 MB; a model or scenario file should be a few kilobytes/,
    );
  });

  it("the 5 MB limit counts bytes, not characters", () => {
    // 3 million two-byte characters: 6 MB, though only 3 million characters long.
    const model = `# ${"é".repeat(3_000_000)}\n${MODEL_TEXT}`;
    const ws = workspace({ model });
    const problems = problemsOf(ws.scenarioFile);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file: ws.scenarioFile, line: lineOf(BASELINE_TEXT, MODEL_LINE) },
      /example-icb\.yaml is larger than 5 MB/,
    );
  });

  it("the Node reader reads a file of exactly the limit, and refuses one byte more", () => {
    const dir = tempDir();
    const file = path.join(dir, "ten.txt");
    writeFileSync(file, "0123456789");
    expect(nodeFiles.read(file, 10)).toBe("0123456789");
    expect(nodeFiles.read(file, 9)).toEqual({ refused: "too-large" });
    expect(nodeFiles.read(path.join(dir, "none.txt"), 10)).toEqual({ refused: "missing" });
    expect(nodeFiles.read(dir, 10)).toEqual({ refused: "folder" });
  });
});

describe("files of observed stays", () => {
  /** A scenario whose dated change takes an empirical stay from `file`. */
  function withStaysFile(file: string) {
    const text = `extends: baseline.yaml
name: observed
changes:
  - date: 2026-04-01
    cohort: working_age_men
    length_of_stay: { distribution: empirical, file: ${file} }
`;
    return { text, file: workspace().write("scenarios/observed.yaml", text) };
  }

  it("a folder named as the stays file says it is a folder, at the file: line", () => {
    const { text, file } = withStaysFile("../models");
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file, ...positionOf(text, "../models") },
      /"\.\.\/models" is a folder, not a CSV file of stays; name a \.csv file/,
    );
  });

  it.skipIf(!existsSync("/dev/zero"))("file: /dev/zero is refused at the file: line", () => {
    const { text, file } = withStaysFile("/dev/zero");
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expectProblemAt(
      problems,
      { file, line: lineOf(text, "file: /dev/zero") },
      /^"\/dev\/zero" is a device, not an ordinary file, so it cannot be read as a CSV file of stays; name a \.csv file$/,
    );
  });
});

describe("bedsim validate", () => {
  it.skipIf(!existsSync("/dev/zero"))(
    "model: /dev/zero exits 2 with one located line, no stack trace",
    () => {
      const { ws, line } = namingModel("/dev/zero");
      const result = spawnSync(
        process.execPath,
        [path.join(REPO, "bin", "bedsim.js"), "validate", ws.scenarioFile],
        { encoding: "utf8", timeout: 20_000, env: { ...process.env, BEDSIM_DEBUG: "" } },
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toBe(
        `bedsim: ${ws.scenarioFile}:${line}:8: /dev/zero is a device, not an ordinary file, so it cannot be read as a YAML file; name a .yaml file\n`,
      );
    },
    30_000,
  );
});
