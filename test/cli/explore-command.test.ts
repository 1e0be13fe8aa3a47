/**
 * `bedsim explore`'s page: the scenario's files inlined so that no text can end the data tag,
 * named relative to the folder that holds them all, and written atomically; mistakes in the
 * scenario or in --out are refused before anything is written. The page itself is tested in
 * Chromium in test/explorer/explorer.test.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedFiles, exploreCommand, explorerPage } from "../../src/cli/explore-command.js";
import { OutputFolderError } from "../../src/results/results-folder.js";
import { InputError } from "../../src/scenario/input-error.js";
import { BASELINE_TEXT, REPO, replaceOnce, tempDir } from "../scenario/helpers.js";

const TEMPLATE = `<p>page</p><script type="application/json" id="bedsim-files">"__BEDSIM_FILES__"</script><script>start()</script>`;

/** The JSON between the data tag and its end, as the page reads it. */
function dataOf(page: string): unknown {
  const start = page.indexOf('id="bedsim-files">') + 'id="bedsim-files">'.length;
  return JSON.parse(page.slice(start, page.indexOf("</script>", start)));
}

describe("the explorer page's data", () => {
  it("keeps every text exactly, with nothing that could end the tag or the script", () => {
    const nasty = "a: 1 # </script><script>alert(1)</script> <!-- $& $' \u2028 & >";
    const data = { entry: "s.yaml", files: { "s.yaml": nasty } };
    const page = explorerPage(TEMPLATE, data);
    expect(dataOf(page)).toEqual(data);
    // One data tag and the template's own script: the file's "</script>" did not survive.
    expect(page.match(/<\/script>/g)).toHaveLength(2);
    expect(page).not.toContain("<!--");
    expect(page.endsWith("<script>start()</script>")).toBe(true);
  });

  it("refuses a template without exactly one place for the files", () => {
    expect(() => explorerPage("<p>no place</p>", {})).toThrow(/no place for the files/);
  });

  it("names files relative to the folder that holds them all", () => {
    const scenario = path.join(REPO, "scenarios", "baseline.yaml");
    const model = path.join(REPO, "models", "example-icb.yaml");
    const data = embeddedFiles(scenario, [scenario, model, scenario]);
    expect(data.entry).toBe("scenarios/baseline.yaml");
    expect(Object.keys(data.files).sort()).toEqual([
      "models/example-icb.yaml",
      "scenarios/baseline.yaml",
    ]);
    expect(data.files["scenarios/baseline.yaml"]).toBe(BASELINE_TEXT);
  });
});

describe.skipIf(!existsSync(path.join(REPO, "dist", "explorer", "index.html")))(
  "bedsim explore",
  () => {
    const baseline = path.join(REPO, "scenarios", "baseline.yaml");

    it("writes one page holding the scenario and its model, and nothing else beside it", async () => {
      const dir = tempDir("bedsim-explore-");
      const out = path.join(dir, "explorer.html");
      await exploreCommand(baseline, { out });
      expect(readdirSync(dir)).toEqual(["explorer.html"]);
      const data = dataOf(readFileSync(out, "utf8")) as { entry: string; files: object };
      expect(data.entry).toBe("scenarios/baseline.yaml");
      expect(Object.keys(data.files)).toHaveLength(2);
    });

    it("refuses an invalid scenario with its located error, writing nothing", async () => {
      const dir = tempDir("bedsim-explore-");
      const scenario = path.join(dir, "s.yaml");
      writeFileSync(
        scenario,
        replaceOnce(BASELINE_TEXT, "../models/example-icb.yaml", "missing.yaml"),
      );
      const out = path.join(dir, "explorer.html");
      await expect(exploreCommand(scenario, { out })).rejects.toBeInstanceOf(InputError);
      expect(existsSync(out)).toBe(false);
    });

    it("refuses an --out that is a folder or in a folder that does not exist", async () => {
      const dir = tempDir("bedsim-explore-");
      mkdirSync(path.join(dir, "folder"));
      for (const out of [path.join(dir, "folder"), path.join(dir, "missing", "x.html")]) {
        const attempt = exploreCommand(baseline, { out });
        await expect(attempt).rejects.toBeInstanceOf(OutputFolderError);
        await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
      }
      expect(readdirSync(dir)).toEqual(["folder"]);
      expect(readdirSync(path.join(dir, "folder"))).toEqual([]);
    });
  },
);
