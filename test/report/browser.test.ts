/**
 * Opens report.html in headless Chromium: every chart image loads, nothing is fetched from
 * the network, the console stays clean. Saves a full-page screenshot to
 * test-artifacts/report.png for a person to look at. Skipped where Chromium is not installed
 * (CI installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import {
  renderCompareReport,
  renderRunReport,
  renderSweepReport,
} from "../../src/report/write-report.js";
import { comparison, runSummary, sweep } from "./load-fixtures.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve("test-artifacts");
const work = mkdtempSync(path.join(tmpdir(), "bedsim-report-"));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes a report's files into a folder, as the CLI does, and returns report.html's path. */
function writeReport(name: string, files: Record<string, Buffer | string>): string {
  const dir = path.join(work, name);
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), contents);
  }
  return path.join(dir, "report.html");
}

async function openInChromium(file: string, screenshot: string) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 4000 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning")
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    const images = await page.$$eval("img", (imgs) =>
      imgs.map((img) => ({
        alt: img.alt,
        complete: img.complete,
        width: img.naturalWidth,
        height: img.naturalHeight,
      })),
    );
    const headings = await page.$$eval("h2", (hs) => hs.map((h) => h.textContent ?? ""));
    const summaryImages = await page.$$eval(
      "main section:first-of-type img",
      (imgs) => imgs.length,
    );
    const checklistRows = await page.$$eval("main section", (sections) => {
      const stress = sections.find((s) => s.querySelector("h2")?.textContent?.startsWith("STRESS"));
      return stress ? stress.querySelectorAll("tbody tr").length : 0;
    });
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
    return { problems, requests, images, headings, summaryImages, checklistRows };
  } finally {
    await browser.close();
  }
}

describe.skipIf(!existsSync(CHROMIUM))("report.html in Chromium", () => {
  const cases = [
    ["run", () => renderRunReport(runSummary()), "report.png"],
    ["compare", () => renderCompareReport(comparison()), "report-compare.png"],
    ["sweep", () => renderSweepReport(sweep()), "report-sweep.png"],
  ] as const;

  it.each(cases)(
    "the %s report loads every chart, fetches nothing and logs no errors",
    async (name, render, screenshot) => {
      const files = await render();
      const charts = Object.keys(files).filter((f) => f.endsWith(".png")).length;
      const html = writeReport(name, files);
      const result = await openInChromium(html, path.join(ARTIFACTS, screenshot));
      expect(result.problems).toEqual([]);
      // The page itself, then only inline data: images.
      expect(result.requests.filter((url) => !url.startsWith("data:"))).toEqual([
        pathToFileURL(html).href,
      ]);
      expect(result.images).toHaveLength(charts);
      for (const image of result.images) {
        expect(image.complete).toBe(true);
        expect(image.width).toBe(1600);
        expect(image.height).toBe(900);
      }
      // The executive summary opens the page with its one chart; the checklist is answered.
      expect(result.headings[0]).toBe("Executive summary");
      expect(result.summaryImages).toBe(1);
      expect(result.headings).toContain("STRESS-DES reporting checklist");
      expect(result.checklistRows).toBeGreaterThanOrEqual(10);
      expect(existsSync(path.join(ARTIFACTS, screenshot))).toBe(true);
    },
    60_000,
  );
});
