/**
 * The built command line's commands beyond `run` basics: compare, sweep, rightsize, report,
 * --precision, the warm-up warning, charts and workers. Needs `npm run build` first (the
 * `test` script does it). Runs are short (1 to 3 years, few replications) and each writes to
 * its own temporary --out folder.
 *
 * The bundled baseline warms up for 1,460 days, so short runs here also shorten the warm-up
 * (--set run.warm_up_days=...) to keep the tests quick.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { KPI_DEFINITIONS } from "../../src/model/kpi-definitions.js";
import { type LoadedScenario, loadScenario } from "../../src/scenario/load.js";
import {
  estimateRunSize,
  planWorkers,
  RUN_LIMITS,
  runSizeProblems,
} from "../../src/scenario/run-limits.js";
import { REPO, tempDir } from "../scenario/helpers.js";
import { bedsim } from "./built-cli.js";

const ONE_YEAR = ["--set", "run.years=1", "--set", "run.warm_up_days=200"];
const TWO_YEARS = ["--set", "run.years=2", "--set", "run.warm_up_days=365"];
const OAKWOOD = "services.oakwood_ward.beds";

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command that must succeed with --json, returning the parsed JSON and the folder. */
/** The parts of bedsim's JSON output these tests read. */
interface Kpi {
  mean: number;
  ci95: [number, number];
  half_width_pct: number | null;
}
interface Difference {
  mean: number;
  ci95: [number, number];
}
interface RunJson {
  version: string;
  seed: number;
  replications: number;
  kpis: Record<string, Kpi>;
  warnings: string[];
  precision?: { target_pct: number; met: boolean; worst_kpi: string; worst_pct: number };
}
interface CompareJson {
  version: string;
  seed: number;
  replications: number;
  baseline: RunJson;
  scenarios: {
    name: string;
    summary: RunJson;
    differences: Record<string, Difference>;
    differences_by_financial_year: { year: string; differences: Record<string, Difference> }[];
  }[];
}
interface Point {
  values: Record<string, number>;
  kpis: Record<string, Kpi>;
}
interface SweepJson {
  replications: number;
  parameters: string[];
  points: Point[];
}
interface RightsizeJson extends SweepJson {
  target?: { kpi: string; operator: string; value: number };
  minimise?: string;
  answer: Point & { estimate: { statistic: string; estimate: number; ci95: [number, number] } };
  explored: Point[];
  near_optimal?: number[];
  note: string;
}

function bedsimJson<T = RunJson>(args: string[]): { json: T; folder: string; result: Result } {
  const out = tempDir("bedsim-commands-");
  const result = bedsim([...args, "--json", "--out", out]);
  expect(result.status, result.stderr).toBe(0);
  const folders = readdirSync(out);
  expect(folders, "exactly one results folder").toHaveLength(1);
  return { json: JSON.parse(result.stdout), folder: path.join(out, folders[0]), result };
}

/** An input error: exit 2, one plain line on stderr, no stack trace, nothing written. */
function expectInputError(args: string[], message: RegExp) {
  const out = tempDir("bedsim-commands-");
  const result = bedsim([...args, "--out", out]);
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^bedsim: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error|Error:/);
  expect(result.stdout).toBe("");
  expect(readdirSync(out)).toEqual([]);
}

const files = (folder: string, sub = "") =>
  existsSync(path.join(folder, sub)) ? readdirSync(path.join(folder, sub)).sort() : [];
const isPng = (file: string) =>
  readFileSync(file)
    .subarray(0, 8)
    .equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));

/** Every chart is a real PNG or SVG, and PNG and SVG come in pairs. */
function expectCharts(folder: string, atLeast: number) {
  const charts = files(folder, "charts");
  const png = charts.filter((f) => f.endsWith(".png"));
  const svg = charts.filter((f) => f.endsWith(".svg"));
  expect(png.length).toBeGreaterThanOrEqual(atLeast);
  expect(svg.map((f) => f.replace(/\.svg$/, ""))).toEqual(png.map((f) => f.replace(/\.png$/, "")));
  for (const f of png) expect(isPng(path.join(folder, "charts", f)), f).toBe(true);
  for (const f of svg)
    expect(readFileSync(path.join(folder, "charts", f), "utf8"), f).toMatch(/<svg[\s>]/);
}

beforeAll(() => {
  if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});

// --- compare --------------------------------------------------------------------------------

/** Folders made by the describes below, redrawn at the end by `bedsim report`. */
const made: { compare?: string; sweep?: string; run?: string; runWithoutCharts?: string } = {};

describe("compare", () => {
  let json: CompareJson;
  let folder: string;
  beforeAll(() => {
    ({ json, folder } = bedsimJson<CompareJson>([
      "compare",
      "scenarios/baseline.yaml",
      "scenarios/baseline.yaml",
      "--replications",
      "4",
      ...ONE_YEAR,
    ]));
    made.compare = folder;
  }, 60_000);

  it("prints { version, seed, replications, baseline, scenarios[] }", () => {
    expect(json).toEqual(
      expect.objectContaining({
        version: expect.any(String),
        seed: 20250401,
        replications: 4,
        baseline: expect.objectContaining({ kpis: expect.any(Object) }),
      }),
    );
    expect(json.scenarios).toHaveLength(1);
    expect(Object.keys(json.scenarios[0]).sort()).toEqual([
      "differences",
      "differences_by_financial_year",
      "name",
      "summary",
    ]);
    expect(json.scenarios[0].name).toBe("baseline");
  });

  it("the baseline compared with itself: every difference exactly 0 with interval [0, 0]", () => {
    const s = json.scenarios[0];
    const kpis = Object.keys(json.baseline.kpis);
    expect(Object.keys(s.differences).sort()).toEqual([...kpis].sort());
    for (const [kpi, d] of Object.entries(s.differences))
      expect(d, kpi).toEqual({ mean: 0, ci95: [0, 0] });
    expect(s.differences_by_financial_year.map((y) => y.year)).toEqual(["2025/26"]);
    for (const y of s.differences_by_financial_year)
      for (const [kpi, d] of Object.entries(y.differences))
        expect(d, `${y.year} ${kpi}`).toEqual({ mean: 0, ci95: [0, 0] });
    // Same seed, same people: the two summaries' KPIs are identical too.
    expect(s.summary.kpis).toEqual(json.baseline.kpis);
    expect(s.summary.seed).toBe(json.seed);
  });

  it("writes compare.json (the printed JSON), differences.csv, charts and report", () => {
    const written = files(folder);
    expect(written).toEqual(
      expect.arrayContaining(["compare.json", "differences.csv", "report.html", "report.md"]),
    );
    expect(JSON.parse(readFileSync(path.join(folder, "compare.json"), "utf8"))).toEqual(json);
    expectCharts(folder, 1);
  });
});

// --- sweep ----------------------------------------------------------------------------------

describe("sweep", () => {
  let json: SweepJson;
  let folder: string;
  beforeAll(() => {
    ({ json, folder } = bedsimJson<SweepJson>([
      "sweep",
      "scenarios/sweep-acute-beds.yaml",
      "--vary",
      `${OAKWOOD}=10..50:10`,
      "--replications",
      "6",
      ...TWO_YEARS,
    ]));
    made.sweep = folder;
  }, 60_000);

  it("runs the 5 points 10, 20, 30, 40, 50", () => {
    expect(json.parameters).toEqual([OAKWOOD]);
    expect(json.replications).toBe(6);
    expect(json.points.map((p) => p.values)).toEqual(
      [10, 20, 30, 40, 50].map((beds) => ({ [OAKWOOD]: beds })),
    );
  });

  it("out-of-area bed-days at 10 beds are far above those at 50 beds, beyond the intervals", () => {
    const at = (i: number) => json.points[i].kpis.oap_bed_days;
    const [ten, fifty] = [at(0), at(4)];
    // Not just non-overlapping intervals: the gap exceeds both interval widths together.
    expect(ten.ci95[0]).toBeGreaterThan(fifty.ci95[1]);
    const widths = ten.ci95[1] - ten.ci95[0] + (fifty.ci95[1] - fifty.ci95[0]);
    expect(ten.mean - fifty.mean).toBeGreaterThan(widths);
  });

  it("writes sweep.json, points.csv (a row per point), charts and report.html", () => {
    expect(files(folder)).toEqual(
      expect.arrayContaining(["sweep.json", "points.csv", "report.html", "charts"]),
    );
    expect(JSON.parse(readFileSync(path.join(folder, "sweep.json"), "utf8"))).toEqual(json);
    const rows = readFileSync(path.join(folder, "points.csv"), "utf8")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "");
    expect(rows).toHaveLength(1 + 5);
    expectCharts(folder, 1);
  });
});

// --- rightsize ------------------------------------------------------------------------------

describe("rightsize", () => {
  const search = (goal: string[]) =>
    bedsimJson<RightsizeJson>([
      "rightsize",
      "scenarios/sweep-acute-beds.yaml",
      "--vary",
      `${OAKWOOD}=10..50`,
      "--replications",
      "6",
      "--no-charts",
      ...TWO_YEARS,
      ...goal,
    ]);

  it("--target: the smallest bed count whose mean meets the target, found by bisection", () => {
    // About 6,200 bed-days a year at 10 beds and 1,000 at 50 (see the sweep above): 3,000 is
    // met somewhere inside the range.
    const { json, folder } = search(["--target", "oap_bed_days <= 3000"]);
    expect(json.target).toMatchObject({ kpi: "oap_bed_days", operator: "<=", value: 3000 });
    const { answer } = json;
    expect(Object.keys(answer).sort()).toEqual(["estimate", "kpis", "values"]);
    expect(answer.estimate.statistic).toBe("mean");
    expect(answer.estimate.estimate).toBe(answer.kpis.oap_bed_days.mean);
    expect(answer.estimate.ci95).toEqual(answer.kpis.oap_bed_days.ci95);
    expect(answer.estimate.estimate).toBeLessThanOrEqual(3000);
    // The value one below the answer was simulated and misses the target.
    const beds = answer.values[OAKWOOD];
    expect(beds).toBeGreaterThan(10);
    const explored = new Map<number, Kpi>(
      json.explored.map((p) => [p.values[OAKWOOD], p.kpis.oap_bed_days]),
    );
    expect(explored.get(beds - 1)?.mean).toBeGreaterThan(3000);
    expect(explored.size).toBeLessThan(41);
    expect(json.note).toMatch(/bisection/);
    expect(json.note).toContain(`${explored.size} of 41 values simulated`);
    expect(files(folder)).toEqual(expect.arrayContaining(["rightsize.json", "points.csv"]));
  }, 60_000);

  it("--minimise total_cost: the lowest mean cost among the values explored", () => {
    const { json } = search(["--minimise", "total_cost"]);
    expect(json.minimise).toBe("total_cost");
    const { answer } = json;
    expect(Object.keys(answer).sort()).toEqual(["estimate", "kpis", "values"]);
    expect(answer.estimate).toEqual({
      statistic: "mean",
      estimate: answer.kpis.total_cost.mean,
      ci95: answer.kpis.total_cost.ci95,
    });
    expect(answer.estimate.ci95[0]).toBeLessThanOrEqual(answer.estimate.estimate);
    expect(answer.estimate.ci95[1]).toBeGreaterThanOrEqual(answer.estimate.estimate);
    for (const p of json.explored)
      expect(answer.estimate.estimate).toBeLessThanOrEqual(p.kpis.total_cost.mean);
    expect(json.explored.length).toBeLessThan(41);
    expect(json.near_optimal).toContain(answer.values[OAKWOOD]);
    expect(json.note).toMatch(/golden-section/);
  }, 60_000);
});

describe("input errors exit 2 with one plain line", () => {
  const rightsize = ["rightsize", "scenarios/sweep-acute-beds.yaml", ...TWO_YEARS];

  it("a backwards --vary range", () => {
    expectInputError(
      ["sweep", "scenarios/sweep-acute-beds.yaml", "--vary", `${OAKWOOD}=10..5`, ...TWO_YEARS],
      /--vary .*"10\.\.5".*end must be greater than the start/,
    );
    expectInputError(
      [...rightsize, "--vary", `${OAKWOOD}=10..5`, "--target", "oap_bed_days <= 3000"],
      /"10\.\.5".*end must be greater than the start/,
    );
  });

  it("an unknown KPI in --target, with a suggestion", () => {
    expectInputError(
      [...rightsize, "--vary", `${OAKWOOD}=10..50`, "--target", "oap_bed_dys <= 3000"],
      /--target: "oap_bed_dys" is not a KPI; did you mean "oap_bed_days"\?/,
    );
  });

  it("both --target and --minimise", () => {
    expectInputError(
      [
        ...rightsize,
        "--vary",
        `${OAKWOOD}=10..50`,
        "--target",
        "oap_bed_days <= 3000",
        "--minimise",
        "total_cost",
      ],
      /either --target or --minimise, not both/,
    );
  });

  it("rightsize with two --vary and a budget too small for one point", () => {
    expectInputError(
      [
        ...rightsize,
        "--vary",
        `${OAKWOOD}=10..50`,
        "--vary",
        "services.cedar_ward.beds=10..20",
        "--target",
        "oap_bed_days <= 3000",
        "--budget",
        "1",
      ],
      /--budget 1: at least one point of \d+ replications is needed/,
    );
  });
});

// --- run: precision, warm-up, charts, workers -----------------------------------------------

const HEADLINE = Object.keys(KPI_DEFINITIONS).filter((name) => KPI_DEFINITIONS[name].headline);

const csvRows = (folder: string) =>
  readFileSync(path.join(folder, "replications.csv"), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");

describe("run --precision", () => {
  const base = ["run", "scenarios/baseline.yaml", "--replications", "4", "--no-charts"];

  it("20%: adds replications until every headline interval is within ±20% of its mean", () => {
    const { json, folder, result } = bedsimJson([...base, ...ONE_YEAR, "--precision", "20%"]);
    expect(result.stderr).not.toMatch(/Precision/);
    expect(json.precision).toEqual(
      expect.objectContaining({ target_pct: 20, met: true, worst_kpi: expect.any(String) }),
    );
    expect(json.precision?.worst_pct).toBeLessThanOrEqual(20);
    expect(json.replications).toBeGreaterThanOrEqual(4);
    // Checked independently of the precision report: each headline KPI's own half-width.
    expect(HEADLINE.length).toBeGreaterThanOrEqual(5);
    for (const name of HEADLINE) {
      const k = json.kpis[name];
      expect(k, name).toBeDefined();
      if (k.half_width_pct !== null) expect(k.half_width_pct, name).toBeLessThanOrEqual(20);
    }
    expect(json.warnings.filter((w: string) => /Precision/.test(w))).toEqual([]);
    expect(csvRows(folder)).toHaveLength(1 + json.replications);
    // The extra replications continue the indices: the first 4 are a plain 4-replication run.
    const plain = bedsimJson([...base, ...ONE_YEAR]);
    expect(csvRows(folder).slice(0, 5)).toEqual(csvRows(plain.folder));
  }, 60_000);

  it("0.01% within 6 replications: not met, a warning, and still exit 0", () => {
    const { json, result } = bedsimJson([
      ...base,
      ...ONE_YEAR,
      "--precision",
      "0.01%",
      "--max-replications",
      "6",
    ]);
    expect(json.replications).toBe(6);
    expect(json.precision).toMatchObject({ target_pct: 0.01, met: false, max_replications: 6 });
    expect(json.precision?.worst_pct).toBeGreaterThan(0.01);
    const warning = json.warnings.find((w: string) =>
      /Precision of ±0\.01% was not reached/.test(w),
    );
    expect(warning).toBeDefined();
    expect(result.stderr).toContain(`bedsim: warning: ${warning}`);
  }, 60_000);
});

describe("run: warm-up check", () => {
  const run = (warmUp: number, years: number) =>
    bedsimJson([
      "run",
      "scenarios/baseline.yaml",
      "--replications",
      "10",
      "--no-charts",
      "--set",
      `run.years=${years}`,
      "--set",
      `run.warm_up_days=${warmUp}`,
    ]);

  it.each([0, 5])(
    "a warm-up of %d days is flagged on stderr and in summary.warnings",
    (days) => {
      const { json, result } = run(days, 2);
      const warning = json.warnings.find((w: string) => /warm-up .* looks too short/.test(w));
      expect(warning, JSON.stringify(json.warnings)).toBeDefined();
      expect(warning).toContain(`The warm-up of ${days} days`);
      // The suggestion is a longer warm-up than the one used.
      const suggested = Number(/run\.warm_up_days to (\d+)/.exec(warning ?? "")?.[1]);
      expect(suggested).toBeGreaterThan(days);
      expect(result.stderr).toContain(`bedsim: warning: ${warning}`);
    },
    60_000,
  );

  it("the baseline's own warm-up (1,460 days) is not flagged", () => {
    // Its five years, so the check could fire: MSER-5 looks at most at the first half of the
    // 1,460 + 1,826 days simulated, i.e. up to 1,643 days, more than the warm-up.
    const { json, result } = run(1460, 5);
    expect(json.warnings).toEqual([]);
    expect(result.stderr).not.toMatch(/warm-up/);
  }, 60_000);
});

describe("run: files, charts and workers", () => {
  const run = (extra: string[]) =>
    bedsimJson(["run", "scenarios/baseline.yaml", "--replications", "4", ...ONE_YEAR, ...extra]);
  let oneWorker: ReturnType<typeof run>;
  let twoWorkers: ReturnType<typeof run>;
  beforeAll(() => {
    oneWorker = run(["--workers", "1"]);
    twoWorkers = run(["--workers", "2"]);
    made.run = oneWorker.folder;
  }, 60_000);

  it("writes ≥ 4 PNG and ≥ 4 SVG charts, report.html, report.md and summary.json", () => {
    const { folder } = oneWorker;
    expect(files(folder)).toEqual(
      expect.arrayContaining(["summary.json", "report.html", "report.md", "charts"]),
    );
    expectCharts(folder, 4);
    const html = readFileSync(path.join(folder, "report.html"), "utf8");
    // The report cites what made it: scenario, seed and version (DESIGN.md, board paper author).
    expect(html).toContain("20250401");
    expect(html).toContain(oneWorker.json.version);
  });

  it("--no-charts writes no charts and no report", () => {
    const { folder } = run(["--no-charts"]);
    made.runWithoutCharts = folder;
    const written = files(folder);
    expect(written).toContain("summary.json");
    for (const name of ["charts", "report.html", "report.md"]) expect(written).not.toContain(name);
  });

  it("--workers 1 and --workers 2 give byte-identical kpis in summary.json", () => {
    const kpis = (folder: string) =>
      JSON.stringify(JSON.parse(readFileSync(path.join(folder, "summary.json"), "utf8")).kpis);
    expect(kpis(twoWorkers.folder)).toBe(kpis(oneWorker.folder));
    expect(kpis(oneWorker.folder)).toBe(JSON.stringify(oneWorker.json.kpis));
  });
});

// --- report ---------------------------------------------------------------------------------

describe("report <folder>", () => {
  /** Deletes the charts and report, redraws them, and checks they are back as they were. */
  function expectRedrawn(folder: string, minCharts: number) {
    const before = {
      html: readFileSync(path.join(folder, "report.html"), "utf8"),
      md: readFileSync(path.join(folder, "report.md"), "utf8"),
      charts: files(folder, "charts"),
    };
    rmSync(path.join(folder, "charts"), { recursive: true });
    rmSync(path.join(folder, "report.html"));
    rmSync(path.join(folder, "report.md"));
    const result = bedsim(["report", folder]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Redrew \d+ files in /);
    expect(readFileSync(path.join(folder, "report.html"), "utf8")).toBe(before.html);
    expect(readFileSync(path.join(folder, "report.md"), "utf8")).toBe(before.md);
    expect(files(folder, "charts")).toEqual(before.charts);
    expectCharts(folder, minCharts);
    // Written atomically: no temporary files left.
    expect(files(folder, "charts").filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(files(folder).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }

  /** A folder an earlier describe made (they run first, in the order written). */
  const folderOf = (kind: keyof typeof made) => {
    const folder = made[kind];
    expect(folder, `the ${kind} folder from an earlier test`).toBeDefined();
    return folder as string;
  };

  it("redraws a run folder's charts and report", () => {
    expectRedrawn(folderOf("run"), 4);
  }, 60_000);

  it("draws them for a run made with --no-charts", () => {
    const folder = folderOf("runWithoutCharts");
    expect(files(folder)).not.toContain("report.html");
    const result = bedsim(["report", folder]);
    expect(result.status, result.stderr).toBe(0);
    expect(files(folder)).toEqual(expect.arrayContaining(["report.html", "report.md"]));
    expectCharts(folder, 4);
  }, 60_000);

  it("redraws a compare folder's charts and report", () => {
    expectRedrawn(folderOf("compare"), 1);
  }, 60_000);

  it("redraws a sweep folder's charts and report", () => {
    expectRedrawn(folderOf("sweep"), 1);
  }, 60_000);

  it("a folder that does not exist: exit 2 with a plain message", () => {
    const result = bedsim(["report", "/nonexistent"]);
    expect(result.status).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bedsim: \/nonexistent: no such folder/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).toBe("");
  });

  it("a summary.json cut down by hand: exit 2 naming what is missing, nothing redrawn", () => {
    const folder = tempDir("bedsim-edited-");
    writeFileSync(path.join(folder, "summary.json"), '{ "version": "0.1.0", "seed": 1 }');
    const result = bedsim(["report", folder]);
    expect(result.status).toBe(2);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/summary\.json: this file has no "replications", "scenario"/);
    expect(files(folder)).toEqual(["summary.json"]);
  });

  it("a folder without results: exit 2 with a plain message", () => {
    const result = bedsim(["report", tempDir("bedsim-empty-")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^bedsim: .*has no summary\.json, compare\.json, sweep\.json/);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

// --- every way into a run checks its size ---------------------------------------------------

describe("run, compare, sweep and rightsize check the size of the whole job before running", () => {
  /** Replications that one run of `loaded` takes 70% of the time limit over: two are too many. */
  const justFitting = (loaded: LoadedScenario) => {
    // As the command line plans it: one worker thread per core.
    planWorkers(availableParallelism());
    const size = estimateRunSize(loaded);
    const replications = Math.floor(
      (0.7 * RUN_LIMITS.hours * 3600) / (size.seconds / size.replications),
    );
    // Alone it fits, and memory is not what stops two.
    expect(
      runSizeProblems(loadScenario(loaded.file, { set: [`run.replications=${replications}`] })),
    ).toEqual([]);
    return replications;
  };

  it("run --precision: at --max-replications, blamed on it", () => {
    expectInputError(
      [...["run", "scenarios/baseline.yaml", "--precision", "5%"], "--max-replications", "1000000"],
      /^bedsim: --max-replications 1000000: --precision may add replications up to 1,000,000, and 1,000,000 replications of 5 years .* too big a run: .*; give --max-replications [\d,]+ or fewer$/,
    );
  });

  it("compare: by its biggest scenario, not the baseline", () => {
    // About a hundred times the baseline's arrivals: as many replications as fit once cannot run twice.
    const busier = path.join(tempDir("bedsim-busier-"), "busier.yaml");
    writeFileSync(
      busier,
      `extends: ${path.join(REPO, "scenarios", "baseline.yaml")}\nset:\n  cohorts.working_age_men.arrivals_per_year: 165000\n`,
    );
    const replications = justFitting(loadScenario(busier));
    expectInputError(
      ["compare", "scenarios/baseline.yaml", busier, "--replications", String(replications)],
      new RegExp(
        `^bedsim: run\\.replications=${replications} \\(from --replications or --set\\): [\\d,]+ replications for each of 2 scenarios of 5 years .* too big a run: it would simulate .*; use at most [\\d,]+ replications per scenario( \\(200 to 1,000 is usually plenty; --precision adds them only as needed\\))?, or shorten the run \\(years or warm_up_days\\), compare fewer scenarios or check the arrivals and growth in the model$`,
      ),
    );
  });

  const busiest = ["--vary", "cohorts.working_age_men.arrivals_per_year=1000..1000000:999000"];
  const atBusiest = () =>
    justFitting(
      loadScenario(path.join(REPO, "scenarios", "baseline.yaml"), {
        set: ["cohorts.working_age_men.arrivals_per_year=1000000"],
      }),
    );

  it("sweep: by the biggest corner of its grid, not the file's own values", () => {
    const replications = atBusiest();
    expectInputError(
      ["sweep", "scenarios/baseline.yaml", ...busiest, "--replications", String(replications)],
      /^bedsim: run\.replications=\d+ \(from --replications or --set\): [\d,]+ replications at each of 2 settings of 5 years .* too big a run: it would simulate about [\d.]+ billion arrivals .*; use at most [\d,]+ replications per setting( \(200 to 1,000 is usually plenty; --precision adds them only as needed\))?, or shorten the run \(years or warm_up_days\), vary fewer settings or check the arrivals and growth in the model$/,
    );
  });

  it("rightsize: likewise, for the values its search may visit", () => {
    const replications = atBusiest();
    expectInputError(
      [
        "rightsize",
        "scenarios/baseline.yaml",
        ...busiest,
        "--target",
        "oap_bed_days <= 100",
        "--replications",
        String(replications),
      ],
      /^bedsim: run\.replications=\d+ \(from --replications or --set\): [\d,]+ replications at each of 2 settings of 5 years .* too big a run: /,
    );
  });
});
