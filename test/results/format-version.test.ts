/**
 * Every result file carries its format version: a top-level `format_version`, written first,
 * and the only change to the file's text, so that comparing outputs across versions needs
 * only that line removed.
 */
import { describe, expect, it } from "vitest";
import { FORMAT_FIELD, FORMAT_VERSION, resultJson } from "../../src/results/format-version.js";

describe("format_version", () => {
  it("is the field's name, and it is version 1", () => {
    expect(FORMAT_FIELD).toBe("format_version");
    expect(FORMAT_VERSION).toBe(1);
  });

  it("is written first; without its line the text is exactly what it was before", () => {
    const result = { version: "0.1.0", seed: 1, nested: { a: [1, 2] }, left_out: undefined };
    const text = resultJson(result);
    const lines = text.split("\n");
    expect(lines[1]).toBe('  "format_version": 1,');
    expect([lines[0], ...lines.slice(2)].join("\n")).toBe(`${JSON.stringify(result, null, 2)}\n`);
  });
});
