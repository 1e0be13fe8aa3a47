import { describe, expect, it } from "vitest";
import { rememberedFiles, type TextFiles } from "../../src/scenario/text-files.js";

describe("rememberedFiles", () => {
  it("reads each file once and answers later reads from memory, refusals included", () => {
    const reads: string[] = [];
    let version = 1;
    const disk: TextFiles = {
      read(file) {
        reads.push(file);
        return file === "missing.yaml" ? { refused: "missing" } : `${file} v${version}`;
      },
    };
    const files = rememberedFiles(disk);
    expect(files.read("a.yaml", 100)).toBe("a.yaml v1");
    version = 2;
    // A file changed on disk mid-sweep is still seen as it was when the sweep began.
    expect(files.read("a.yaml", 100)).toBe("a.yaml v1");
    expect(files.read("missing.yaml", 100)).toEqual({ refused: "missing" });
    expect(files.read("missing.yaml", 100)).toEqual({ refused: "missing" });
    expect(reads).toEqual(["a.yaml", "missing.yaml"]);
  });
});
