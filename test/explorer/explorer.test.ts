/**
 * The explorer page (`bedsim explore`) in headless Chromium, opened from file:// as a person
 * would open it: it loads with no console errors and fetches nothing; two levers and a run
 * give the same KPIs, to the last digit, as `bedsim run` of the exported plan with the same
 * seed (and the baseline as `bedsim run` of the baseline); Export writes YAML that `bedsim
 * validate` accepts; cancel stops a run; the code editor completes keys from the schema and
 * marks an invalid edit with the loader's located error.
 * Screenshots go to test-artifacts/explorer-*.png for a person to look at. Needs the built
 * CLI and page (`npm run build`; npm test does) and Chromium (skipped without it).
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exploreCommand } from "../../src/cli/explore-command.js";
import { bedsim, requireBuild } from "../cli/built-cli.js";
import { BASELINE_TEXT, positionOf, REPO, replaceOnce, tempDir } from "../scenario/helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve("test-artifacts");
const TEMPLATE = path.join(REPO, "dist", "explorer", "index.html");

/** A copy of the bundled scenario and model, so exported plans can be saved beside them. */
function exampleFolder(): string {
  const dir = tempDir("bedsim-explore-");
  mkdirSync(path.join(dir, "scenarios"));
  mkdirSync(path.join(dir, "models"));
  copyFileSync(
    path.join(REPO, "scenarios/baseline.yaml"),
    path.join(dir, "scenarios/baseline.yaml"),
  );
  copyFileSync(
    path.join(REPO, "models/example-icb.yaml"),
    path.join(dir, "models/example-icb.yaml"),
  );
  return dir;
}

/** `bedsim run --json` of a file: its KPIs, as summary.json has them. */
function cliKpis(file: string, replications: number, workers = 2) {
  const out = tempDir("bedsim-explore-run-");
  const args = ["run", file, "--json", "--no-charts", "--replications", String(replications)];
  const started = performance.now();
  const result = bedsim([...args, "--workers", String(workers), "--out", out]);
  const seconds = (performance.now() - started) / 1000;
  expect(result.status, result.stderr).toBe(0);
  const workbook = readdirSync(out, { recursive: true, encoding: "utf8" }).find((f) =>
    f.endsWith("results.xlsx"),
  );
  return {
    kpis: JSON.parse(result.stdout).kpis,
    seconds,
    workbook: workbook ? readFileSync(path.join(out, workbook)) : undefined,
  };
}

/** A workbook's sheets, each as its rows of cell values (first row of data onwards). */
async function sheets(bytes: Buffer | Uint8Array): Promise<Record<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    out[sheet.name] = rows;
  });
  return out;
}

async function downloadBytes(page: Page, button: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  expect(file.suggestedFilename()).toBe("results.xlsx");
  return readFileSync(await file.path());
}

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const saved = await file.path();
  return readFileSync(saved, "utf8");
}

async function runAndWait(page: Page, timeout = 120_000): Promise<void> {
  await page.click("#run");
  await page.waitForSelector("body[data-state=done]", { timeout });
}

describe.skipIf(!existsSync(CHROMIUM))("the explorer page in Chromium", () => {
  requireBuild();
  let browser: Browser;
  let folder: string;
  let html: string;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(TEMPLATE))
      throw new Error("dist/explorer/ is missing: run `npm run build` first (npm test does)");
    folder = exampleFolder();
    html = path.join(folder, "explorer.html");
    await exploreCommand(path.join(folder, "scenarios/baseline.yaml"), { out: html });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function open(name: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning")
        problems.push(`${name}: console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`${name}: page error: ${e.message}`));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("body[data-state=ready]", { timeout: 30_000 });
    return page;
  }

  it("opens from file:// with every lever showing today's value", async () => {
    const page = await open("open");
    expect(await page.inputValue("#capacity-oakwood_ward")).toBe("30");
    expect(await page.textContent("#capacity-oakwood_ward-today")).toBe("today: 30 beds");
    expect(await page.inputValue("#replications")).toBe("200");
    // Every form control has a label naming it.
    const unlabelled = await page.$$eval("input, select, textarea", (controls) =>
      controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).map((c) => c.id),
    );
    expect(unlabelled).toEqual([]);
    await page.close();
  }, 60_000);

  it("reflows at 200% zoom: one column, nothing wider than the window", async () => {
    // A 1280-pixel window at 200% zoom lays the page out in 640 CSS pixels, drawn twice as big.
    const context = await browser.newContext({
      viewport: { width: 640, height: 900 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`zoom: page error: ${e.message}`));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("body[data-state=ready]");
    await page.fill("#replications", "3");
    await runAndWait(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-zoom200.png") });
    await page.locator("#part-views").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-zoom200-parts.png") });
    await page.click("#editor-details summary");
    await page.locator("#editor").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-zoom200-editor.png") });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  }, 60_000);

  it("gives the CLI's KPIs for the same seed, for the baseline and for a plan of three levers (beds, the share and the length of delays)", async () => {
    const page = await open("plan");
    const replications = 5;
    await page.fill("#replications", String(replications));
    await runAndWait(page);
    const baseline = JSON.parse(await download(page, "#export-json"));
    const cliBaseline = cliKpis(path.join(folder, "scenarios/baseline.yaml"), replications);
    expect(baseline.kpis).toEqual(cliBaseline.kpis);
    // One worker gives the very same results, to the byte.
    await page.selectOption("#workers", "1");
    await runAndWait(page);
    expect(await download(page, "#export-json")).toBe(`${JSON.stringify(baseline, null, 2)}\n`);

    await page.fill("#capacity-oakwood_ward", "24");
    await page.fill("#scale-delays", "50");
    // The delays' length, generated from the model's discharge route home (exponential, 18 days).
    expect(await page.textContent("#delay-length-home-today")).toBe("today: 18 days");
    await page.fill("#delay-length-home", "9");
    await page.dispatchEvent("#delay-length-home", "input");
    const plan = await page.$$eval("#plan-list li", (items) => items.map((i) => i.textContent));
    expect(plan).toHaveLength(3);
    expect(plan[0]).toContain("24 beds (today 30 beds)");
    expect(plan[1]).toContain(
      "route home (awaiting care package or housing): average days: 9 days (today 18 days)",
    );
    await runAndWait(page);
    await page
      .locator("#part-views")
      .screenshot({ path: path.join(ARTIFACTS, "explorer-parts.png") });
    // The views by ward and by cohort: the plan's mean and its paired difference for each.
    const parts = await page.textContent("#part-views");
    expect(parts).toContain("By ward and service");
    expect(parts).toContain("Oakwood");
    expect(parts).toContain("By cohort");
    expect(parts).toContain("Older adults (65+)");
    expect(await page.locator("#part-views table").count()).toBe(2);
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-plan.png"), fullPage: true });
    const compare = JSON.parse(await download(page, "#export-json"));
    // The plan's years, one row per year and KPI, as a run's financial-years.csv.
    const csv = (await download(page, "#export-csv")).trim().split("\n");
    const years = compare.scenarios[0].summary.by_financial_year;
    expect(csv.length - 1).toBe(
      years.reduce((n: number, y: { kpis: object }) => n + Object.keys(y.kpis).length, 0),
    );
    const yaml = await download(page, "#export-yaml");
    expect(yaml).toContain("pathway.discharge_routes.home.delay.length.mean: 9\n");
    const planFile = path.join(folder, "scenarios", "plan.yaml");
    writeFileSync(planFile, yaml);
    const valid = bedsim(["validate", planFile]);
    expect(valid.status, valid.stderr).toBe(0);
    const cliPlan = cliKpis(planFile, replications);
    expect(compare.baseline.kpis).toEqual(cliBaseline.kpis);
    expect(compare.scenarios[0].summary.kpis).toEqual(cliPlan.kpis);
    // The differences are paired: each is the mean of the per-replication differences.
    const d = compare.scenarios[0].differences.oap_bed_days.mean;
    const planMean = compare.scenarios[0].summary.kpis.oap_bed_days.mean;
    expect(d).toBeCloseTo(planMean - compare.baseline.kpis.oap_bed_days.mean, 6);
    // The comparison's workbook, as `bedsim compare` writes it: means side by side, then the
    // paired differences with their intervals.
    const book = await sheets(await downloadBytes(page, "#export-xlsx"));
    expect(Object.keys(book)).toEqual(["Summary", "Differences", "Assumptions", "Method"]);
    const oap = book.Summary.find((row) => row.at(-1) === "oap_bed_days");
    expect(oap?.slice(1, 3)).toEqual([
      compare.baseline.kpis.oap_bed_days.mean,
      compare.scenarios[0].summary.kpis.oap_bed_days.mean,
    ]);
    const paired = book.Differences.find(
      (row) => row[1] === "All years (per year)" && row.at(-1) === "oap_bed_days",
    );
    expect(paired?.slice(3, 6)).toEqual([d, ...compare.scenarios[0].differences.oap_bed_days.ci95]);
    await page.close();
  }, 180_000);

  it("draws the README's screenshot (docs/explorer.png, rewritten with BEDSIM_UPDATE_DOCS=1)", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1150 } });
    const page = await context.newPage();
    page.on("pageerror", (e) => problems.push(`readme: page error: ${e.message}`));
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("body[data-state=ready]");
    await page.fill("#replications", "40");
    await page.fill("#capacity-oakwood_ward", "24");
    await page.fill("#delay-length-home", "9");
    await page.dispatchEvent("#delay-length-home", "input");
    await runAndWait(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = path.join(ARTIFACTS, "explorer-readme.png");
    await page.screenshot({ path: shot });
    if (process.env.BEDSIM_UPDATE_DOCS) copyFileSync(shot, path.join(REPO, "docs", "explorer.png"));
    await context.close();
  }, 120_000);

  it("cancels a run", async () => {
    const page = await open("cancel");
    await page.fill("#replications", "400");
    await page.click("#run");
    await page.waitForFunction(
      () => Number((document.getElementById("progress") as HTMLProgressElement).value) >= 2,
    );
    await page.click("#cancel");
    await page.waitForSelector("body[data-state=cancelled]");
    const done = await page.$eval("#progress", (p) => (p as HTMLProgressElement).value);
    expect(done).toBeLessThan(400);
    expect(await page.textContent("#status")).toContain("Cancelled");
    expect(await page.isEnabled("#run")).toBe(true);
    await page.close();
  }, 60_000);

  it("edits the YAML in a code editor: keyboard only, schema completion, the loader's located errors as diagnostics", async () => {
    const page = await open("edit");
    await page.click("#editor-details summary");
    // The editor is named by the file it shows, and Tab moves on through it, never trapped.
    const name = await page.$eval(
      ".cm-content",
      (e) => document.getElementById(e.getAttribute("aria-labelledby") ?? "")?.textContent,
    );
    expect(name).toBe("scenarios/baseline.yaml: the scenario explored");
    await page.focus("#editor-file");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toContain("cm-content");
    // Completion from the scenario schema: a key the file does not have yet.
    await page.keyboard.press("Control+End");
    await page.keyboard.type("chan");
    await page.waitForSelector(".cm-tooltip-autocomplete");
    const offered = await page.$$eval(".cm-tooltip-autocomplete li", (items) =>
      items.map((i) => i.textContent ?? ""),
    );
    expect(offered.some((o) => o.startsWith("changes"))).toBe(true);
    await page.keyboard.press("Escape");
    for (let i = 0; i < 4; i++) await page.keyboard.press("Backspace");
    // A misspelt key: the loader's message, at its line and column, as the CLI prints it.
    await page.keyboard.type("runn: 3");
    const line = BASELINE_TEXT.split("\n").length;
    const expected = `scenarios/baseline.yaml:${line}:1: unknown key "runn"; did you mean "run"?`;
    await page.waitForSelector(".cm-lintRange-error");
    expect(await page.textContent("#editor-problems")).toContain(expected);
    await page.hover(".cm-lintRange-error");
    await page.waitForSelector(".cm-tooltip-lint");
    expect(await page.textContent(".cm-tooltip-lint")).toContain(expected);
    await page.locator("#editor").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-editor.png") });
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("apply");
    await page.keyboard.press("Enter");
    expect(await page.textContent("#editor-problems")).toContain(expected);

    // A whole scenario pasted in, with a bad value: located as the CLI locates it.
    const bad = replaceOnce(BASELINE_TEXT, "years: 5", "years: -5");
    const at = positionOf(bad, "-5");
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.insertText(bad);
    await page.waitForFunction(
      (where) => document.getElementById("editor-problems")?.textContent?.includes(where),
      `scenarios/baseline.yaml:${at.line}:${at.column}: run → years: years must be more than 0`,
    );
    await page.click("#apply");
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-error.png") });
    // The model is in the editor too, with its own schema.
    await page.selectOption("#editor-file", "models/example-icb.yaml");
    expect(await page.textContent("#editor-label")).toContain("the model");
    expect(await page.textContent(".cm-content")).toContain(
      "name: Example ICB acute mental-health pathway",
    );
    // Hover help: a key's meaning, from the schema's descriptions.
    await page.locator(".cm-content").getByText("pathway", { exact: true }).first().hover();
    await page.waitForSelector(".cm-tooltip-hover");
    expect(await page.textContent(".cm-tooltip-hover")).toContain(
      "How people move through acute care",
    );
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-hover.png") });
    // The last scenario that loaded stays the baseline: a run still works.
    await page.fill("#replications", "2");
    await runAndWait(page);
    expect(await page.textContent("#status")).toContain("Done: 2 replications");
    await page.close();
  }, 60_000);

  it("runs 200 replications of the baseline on two workers, timed against the CLI, with its KPIs", async () => {
    const opened = performance.now();
    const page = await open("speed");
    const ready = performance.now() - opened;
    await page.selectOption("#workers", "2").catch(() => undefined);
    const started = performance.now();
    await page.click("#run");
    await page.waitForSelector("#findings li", { timeout: 120_000 });
    const firstResult = performance.now() - started;
    await page.waitForSelector("body[data-state=done]", { timeout: 600_000 });
    const inPage = (performance.now() - started) / 1000;
    const cli = cliKpis(path.join(folder, "scenarios/baseline.yaml"), 200, 2);
    process.stdout.write(
      `explorer speed: page ready ${(ready / 1000).toFixed(1)} s, first result ${(firstResult / 1000).toFixed(1)} s after Run, 200 replications ${inPage.toFixed(1)} s in the page, ${cli.seconds.toFixed(1)} s with the CLI (ratio ${(inPage / cli.seconds).toFixed(2)}); explorer.html ${(readFileSync(html).length / 1024 / 1024).toFixed(2)} MB\n`,
    );
    expect(JSON.parse(await download(page, "#export-json")).kpis).toEqual(cli.kpis);
    // The run's workbook is the CLI's results.xlsx, sheet by sheet and cell by cell, but for
    // what only a command line knows (when and where it ran, the files' full paths).
    expect(cli.workbook).toBeDefined();
    const inPageBook = await sheets(await downloadBytes(page, "#export-xlsx"));
    const cliBook = await sheets(cli.workbook as Buffer);
    expect(Object.keys(inPageBook)).toEqual(Object.keys(cliBook));
    expect(Object.keys(inPageBook)).toEqual([
      "Summary",
      "By financial year",
      "Monthly",
      "Replications",
      "Assumptions",
      "Method",
    ]);
    for (const name of ["By financial year", "Monthly", "Replications", "Assumptions"])
      expect(inPageBook[name], name).toEqual(cliBook[name]);
    expect(inPageBook.Summary.slice(2)).toEqual(cliBook.Summary.slice(2));
    await page.screenshot({ path: path.join(ARTIFACTS, "explorer-baseline.png"), fullPage: true });
    await page.close();
  }, 900_000);

  it("says how to make a page when opened as built, with no scenario in it", async () => {
    const page = await browser.newPage();
    page.on("pageerror", (e) => problems.push(`template: page error: ${e.message}`));
    await page.goto(pathToFileURL(TEMPLATE).href);
    await page.waitForSelector("#problems:not([hidden])");
    expect(await page.textContent("#problems")).toContain(
      "npx bedsim explore scenarios/baseline.yaml",
    );
    await page.close();
  }, 60_000);

  it("logged no console errors and fetched nothing but the page itself", () => {
    expect(problems).toEqual([]);
    const other = requests.filter(
      (url) =>
        url !== pathToFileURL(html).href && !url.startsWith("blob:") && !url.startsWith("data:"),
    );
    expect(other).toEqual([]);
  });
});
