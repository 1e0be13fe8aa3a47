/**
 * The explorer page in Debian's Firefox (firefox-esr), driven through WebDriver BiDi by
 * firefox-driver.mjs, since Playwright drives only its own Firefox builds: the page opens
 * from file://, generates its levers, runs a plan of five replications in Web Workers and
 * gives the CLI's KPIs for the plan it exports, with no console errors and no request but the
 * page itself. The screenshot goes to test-artifacts/explorer-firefox.png. Optional: skipped,
 * saying so, where Firefox is not installed (apt-get install firefox-esr).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { exploreCommand } from "../../src/cli/explore-command.js";
import { bedsim, requireBuild } from "../cli/built-cli.js";
import { REPO, tempDir } from "../scenario/helpers.js";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const ARTIFACTS = path.resolve("test-artifacts");
const TEMPLATE = path.join(REPO, "dist", "explorer", "index.html");
const found = existsSync(FIREFOX);

describe.skipIf(!found)(
  found
    ? "the explorer page in Firefox"
    : `the explorer page in Firefox (skipped: no Firefox at ${FIREFOX}; apt-get install firefox-esr, or set FIREFOX_PATH)`,
  () => {
    requireBuild();

    it("opens from file://, runs a plan in Web Workers and gives the CLI's KPIs for it", async () => {
      if (!existsSync(TEMPLATE))
        throw new Error("dist/explorer/ is missing: run `npm run build` first (npm test does)");
      const folder = tempDir("bedsim-explore-firefox-");
      for (const dir of ["scenarios", "models"]) mkdirSync(path.join(folder, dir));
      for (const file of ["scenarios/baseline.yaml", "models/example-icb.yaml"])
        copyFileSync(path.join(REPO, file), path.join(folder, file));
      const html = path.join(folder, "explorer.html");
      await exploreCommand(path.join(folder, "scenarios/baseline.yaml"), { out: html });
      mkdirSync(ARTIFACTS, { recursive: true });
      const driven = spawnSync(
        process.execPath,
        [
          "--experimental-websocket",
          "--no-warnings",
          path.join(REPO, "test/explorer/firefox-driver.mjs"),
          FIREFOX,
          html,
          path.join(ARTIFACTS, "explorer-firefox.png"),
        ],
        { encoding: "utf8", timeout: 170_000 },
      );
      expect(driven.status, driven.stderr).toBe(0);
      const page = JSON.parse(driven.stdout);
      expect(page.lever).toBe("today: 30 beds");
      expect(page.parts).toContain("By ward and service");
      expect(page.errors).toEqual([]);
      const own = pathToFileURL(html).href;
      expect(
        page.requests.filter(
          (url: string) => url !== own && !url.startsWith("blob:") && !url.startsWith("data:"),
        ),
      ).toEqual([]);
      // The exported plan, run by the CLI with the same seed, gives the page's KPIs.
      const planFile = path.join(folder, "scenarios", "plan.yaml");
      writeFileSync(planFile, page.plan);
      const out = tempDir("bedsim-explore-firefox-run-");
      const run = bedsim(["run", planFile, "--json", "--no-charts", "--out", out]);
      expect(run.status, run.stderr).toBe(0);
      const cli: Record<string, Record<string, number | number[]>> = JSON.parse(run.stdout).kpis;
      const inPage: typeof cli = page.results.scenarios[0].summary.kpis;
      expect(Object.keys(inPage)).toEqual(Object.keys(cli));
      for (const [name, kpi] of Object.entries(cli))
        for (const [stat, value] of Object.entries(kpi)) {
          const theirs = inPage[name][stat];
          // Every mean and percentile is the CLI's to the last digit. The 95% interval's
          // Student t quantile (src/stats/t-quantile.ts) calls Math.atan, which Firefox
          // rounds differently from Node in the last bit: the bounds agree to 14 digits.
          if (stat === "ci95" || stat === "half_width_pct")
            [value].flat().forEach((v, i) => {
              expect(Math.abs([theirs].flat()[i] - v), `${name} ${stat}`).toBeLessThanOrEqual(
                Math.abs(v) * 1e-12,
              );
            });
          else expect(theirs, `${name} ${stat}`).toEqual(value);
        }
      process.stdout.write(`explorer in Firefox: page ready ${(page.ready / 1000).toFixed(1)} s\n`);
    }, 180_000);
  },
);
