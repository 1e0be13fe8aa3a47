/**
 * File names handled as text (for a loader without node:path) agree with node:path: POSIX
 * names with path.posix, Windows names with path.win32.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  basename,
  dirname,
  fromWorkingFolder,
  resolveName,
} from "../../src/scenario/file-paths.js";

describe("file names as text", () => {
  it.each([
    ["../models/x.yaml", "/w/s/b.yaml"],
    ["x.yaml", "/b.yaml"],
    ["/abs/./y/../z.csv", "/q/r.yaml"],
    ["../../../../x", "/a/b.yaml"],
    ["m//x.yaml", "/s/b.yaml"],
  ])("%s named in %s resolves as path.posix.resolve does", (name, namedIn) => {
    expect(resolveName(name, namedIn)).toBe(path.posix.resolve(path.posix.dirname(namedIn), name));
  });

  it.each([
    ["m/x.yaml", "s/b.yaml", "s/m/x.yaml"],
    ["../x.yaml", "b.yaml", "../x.yaml"],
    ["../../x.yaml", "s/b.yaml", "../x.yaml"],
    ["a//b/./c.yaml", undefined, "a/b/c.yaml"],
  ])("relative %s named in %s stays relative: %s", (name, namedIn, expected) => {
    expect(resolveName(name, namedIn)).toBe(expected);
  });

  it.each(["/a/b/c.yaml", "c.yaml", "/c.yaml", "a/c"])(
    "dirname and basename of %s agree with path.posix",
    (file) => {
      expect(dirname(file)).toBe(path.posix.dirname(file));
      expect(basename(file)).toBe(path.posix.basename(file));
    },
  );

  it.each(["C:\\a\\b.yaml", "C:\\b.yaml", "C:/a/b.yaml", "\\\\server\\share\\x.yaml"])(
    "dirname and basename of the Windows name %s agree with path.win32",
    (file) => {
      expect(dirname(file)).toBe(path.win32.dirname(file));
      expect(basename(file)).toBe(path.win32.basename(file));
    },
  );

  it("Windows names resolve with either slash", () => {
    expect(resolveName("..\\models\\x.yaml", "C:\\w\\s\\b.yaml")).toBe("C:\\w\\models\\x.yaml");
    expect(resolveName("x.csv", "C:\\b.yaml")).toBe("C:\\x.csv");
    expect(resolveName("../../x.csv", "C:/a/b.yaml")).toBe("C:\\x.csv");
  });

  it("names inside the working folder are shown relative to it", () => {
    expect(fromWorkingFolder(path.join(process.cwd(), "models", "x.yaml"))).toBe(
      path.join("models", "x.yaml"),
    );
    expect(fromWorkingFolder("/elsewhere/x.yaml")).toBe("/elsewhere/x.yaml");
    expect(fromWorkingFolder(process.cwd())).toBe(process.cwd());
  });
});
