/**
 * No import circles in the scenario loader, checked with the same dpdm command as CI's
 * `npm run circles`; and that command counts a circle made only of `import type` lines, and
 * resolves every import (an import it cannot follow would hide a circle).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, tempDir } from "./helpers.js";

/** `npm run circles` as arguments to dpdm, with its file pattern replaced by `pattern`. */
function circles(cwd: string, pattern: string) {
  const script: string = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")).scripts
    .circles;
  const [command, files, ...options] = script.split(" ");
  expect([command, files]).toEqual(["dpdm", '"src/**/*.ts"']);
  const bin = path.join(REPO, "node_modules/dpdm/lib/bin/dpdm.js");
  const run = spawnSync(process.execPath, [bin, pattern, ...options], {
    cwd,
    encoding: "utf8",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("import circles", () => {
  it("src/scenario has none", () => {
    const { status, output } = circles(REPO, "src/scenario/**/*.ts");
    expect(output).toMatch(/no circular dependency/);
    expect(output).not.toMatch(/miss "/);
    expect(status).toBe(0);
  }, 30_000);

  it("the check fails on a circle made only of import type lines", () => {
    const dir = tempDir("bedsim-circle-");
    mkdirSync(path.join(dir, "src"));
    copyFileSync(path.join(REPO, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    const write = (name: string, text: string) => writeFileSync(path.join(dir, "src", name), text);
    write(
      "ward.ts",
      'import type { Bed } from "./bed.js";\nexport interface Ward { beds: Bed[] }\n',
    );
    write(
      "bed.ts",
      'import type { Ward } from "./ward.js";\nexport interface Bed { ward: Ward }\n',
    );
    const { status, output } = circles(dir, "src/**/*.ts");
    expect(output).toMatch(/src\/(ward|bed)\.ts -> src\/(bed|ward)\.ts/);
    expect(status).toBe(1);
  }, 30_000);
});
