/**
 * Helpers for scenario tests: temporary copies of the bundled model and baseline scenario
 * with one corruption each, and the line/column where a piece of text sits, so tests compute
 * the expected position from the text they wrote instead of hard-coding numbers.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect } from "vitest";
// Files are read from disk: importing the CLI's reader makes it loadScenario's default.
import "../../src/cli/node-files.js";
import { InputError, type Problem } from "../../src/scenario/input-error.js";
import { type LoadOptions, loadScenario } from "../../src/scenario/load.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const MODEL_TEXT = readFileSync(path.join(REPO, "models/example-icb.yaml"), "utf8");
export const BASELINE_TEXT = readFileSync(path.join(REPO, "scenarios/baseline.yaml"), "utf8");

/** Replaces the first occurrence of `from`, failing loudly if the text is not there. */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`test setup: ${JSON.stringify(from)} is not in the text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line and column of the first occurrence of `needle` (after `after`, if given). */
export function positionOf(
  text: string,
  needle: string,
  after?: string,
): { line: number; column: number } {
  const start = after === undefined ? 0 : text.indexOf(after);
  if (start < 0) throw new Error(`test setup: ${JSON.stringify(after)} is not in the text`);
  const at = text.indexOf(needle, start);
  if (at < 0) throw new Error(`test setup: ${JSON.stringify(needle)} is not in the text`);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const column = at - (before.lastIndexOf("\n") + 1) + 1;
  return { line, column };
}

/** 1-based line and column of the value in the first `key: value` text equal to `keyValue`. */
export function valuePosition(
  text: string,
  keyValue: string,
  after?: string,
): { line: number; column: number } {
  const { line, column } = positionOf(text, keyValue, after);
  return { line, column: column + keyValue.indexOf(": ") + 2 };
}

export function lineOf(text: string, needle: string, after?: string): number {
  return positionOf(text, needle, after).line;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = "bedsim-test-"): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export interface Workspace {
  dir: string;
  modelFile: string;
  scenarioFile: string;
  /** Writes another file relative to the workspace and returns its absolute path. */
  write(relative: string, text: string): string;
}

/**
 * A temporary folder laid out like the repository: models/example-icb.yaml and
 * scenarios/baseline.yaml (which names ../models/example-icb.yaml), by default the real ones.
 */
export function workspace(
  options: { model?: string; scenario?: string; files?: Record<string, string> } = {},
): Workspace {
  const dir = tempDir();
  const write = (relative: string, text: string) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  };
  const modelFile = write("models/example-icb.yaml", options.model ?? MODEL_TEXT);
  const scenarioFile = write("scenarios/baseline.yaml", options.scenario ?? BASELINE_TEXT);
  for (const [relative, text] of Object.entries(options.files ?? {})) write(relative, text);
  return { dir, modelFile, scenarioFile, write };
}

/** Loads a scenario that must fail with an InputError, and returns its problems. */
export function problemsOf(file: string, options: LoadOptions = {}): Problem[] {
  let thrown: unknown;
  try {
    loadScenario(file, options);
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) throw new Error(`expected ${file} to be rejected, but it loaded`);
  if (!(thrown instanceof InputError)) throw thrown;
  expect(thrown.problems.length).toBeGreaterThan(0);
  return thrown.problems;
}

/** The first problem whose message matches, failing with all problems shown if none does. */
export function problemMatching(problems: Problem[], message: RegExp): Problem {
  const found = problems.find((p) => message.test(p.message));
  if (!found)
    throw new Error(
      `no problem matches ${message}; got:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join("\n")}`,
    );
  return found;
}

/** Asserts one problem matches `message` and sits at the given file and position. */
export function expectProblemAt(
  problems: Problem[],
  where: { file: string; line: number; column?: number },
  message: RegExp,
): Problem {
  const problem = problemMatching(problems, message);
  expect(problem.file).toBe(where.file);
  expect(problem.line).toBe(where.line);
  if (where.column !== undefined) expect(problem.column).toBe(where.column);
  else expect(problem.column).toBeGreaterThanOrEqual(1);
  return problem;
}
