/**
 * The built command line (`node bin/bedsim.js`), as a user runs it. Needs `npm run build`
 * first (the `test` script does it). Runs are kept short (1 year, 200-day warm-up, 3
 * replications) so the whole file takes a few seconds.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BASELINE_TEXT,
  positionOf,
  REPO,
  replaceOnce,
  tempDir,
  workspace,
} from "../scenario/helpers.js";
import { bedsim } from "./built-cli.js";

/** A year after a year's warm-up: short, and too short a series for the warm-up check to fire. */
const SHORT = ["--set", "run.years=1", "--set", "run.warm_up_days=365"];
const KPI_NAMES = [
  "arrivals",
  "admissions",
  "local_admissions",
  "oap_admissions",
  "oap_bed_days",
  "mean_oap_occupied",
  "mean_local_occupancy",
  "delayed_discharge_bed_days",
  "crisis_house_admissions",
  "readmissions_30d",
];

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function expectNoStackTrace(result: Result) {
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toMatch(/internal error/);
}

/** Folders a run wrote under `out` (ignoring nothing: a leftover .partial- folder is a bug). */
function runFolders(out: string): string[] {
  return existsSync(out) ? readdirSync(out).sort() : [];
}

beforeAll(() => {
  if (!existsSync(path.join(REPO, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` before these tests (npm test does)");
});

describe("validate and schema", () => {
  it("validate scenarios/baseline.yaml exits 0 and says it is valid", () => {
    const result = bedsim(["validate", "scenarios/baseline.yaml"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/scenarios\/baseline\.yaml is valid: .*3 cohorts, 14 services/);
  });

  it("validate applies --set", () => {
    const result = bedsim([
      "validate",
      "scenarios/baseline.yaml",
      "--set",
      "services.oakwood_ward.beds=-1",
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/services\.oakwood_ward\.beds.*beds cannot be negative/);
    expectNoStackTrace(result);
  });

  it.each([[[]], [["--model"]]])("schema %j prints a JSON Schema", (extra) => {
    const result = bedsim(["schema", ...extra]);
    expect(result.status).toBe(0);
    const schema = JSON.parse(result.stdout);
    expect("$schema" in schema || "properties" in schema).toBe(true);
    expect(schema.properties).toHaveProperty(extra.length ? "services" : "run");
    // The bundled files point editors at schema/*.json: those must describe today's format.
    const bundled = path.join(
      REPO,
      "schema",
      extra.length ? "model.schema.json" : "scenario.schema.json",
    );
    expect(
      readFileSync(bundled, "utf8"),
      "regenerate with `npx bedsim schema [--model] > schema/...`",
    ).toBe(result.stdout);
  });
});

describe("input errors", () => {
  const scenario = replaceOnce(BASELINE_TEXT, "replications: 200", "replicatons: 200");

  it("a broken scenario: exit 2, file:line:col: message, no stack trace, nothing written", () => {
    const ws = workspace({ scenario });
    const out = path.join(ws.dir, "out");
    const result = bedsim(["run", "scenarios/baseline.yaml", "--out", out, ...SHORT], ws.dir);
    expect(result.status).toBe(2);
    const { line, column } = positionOf(scenario, "replicatons");
    expect(result.stderr).toContain(
      `bedsim: scenarios/baseline.yaml:${line}:${column}: unknown key "replicatons" in run; did you mean "replications"?`,
    );
    expect(result.stderr).toMatch(/^bedsim: [^\s:]+\.yaml:\d+:\d+: /m);
    expectNoStackTrace(result);
    expect(result.stdout).toBe("");
    expect(runFolders(out)).toEqual([]);
  });

  it("validate of the same file also exits 2 with the location", () => {
    const ws = workspace({ scenario });
    const result = bedsim(["validate", "scenarios/baseline.yaml"], ws.dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^bedsim: scenarios\/baseline\.yaml:\d+:\d+: unknown key/m);
    expectNoStackTrace(result);
  });

  it("a missing scenario file exits 2 without a stack trace", () => {
    const out = path.join(tempDir(), "out");
    const result = bedsim(["run", "scenarios/no-such.yaml", "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot find the file .*no-such\.yaml/);
    expectNoStackTrace(result);
    expect(runFolders(out)).toEqual([]);
  });

  it.each([
    [["run", "scenarios/baseline.yaml", "--replications", "1"]],
    [["run", "scenarios/baseline.yaml", "--workers", "0"]],
    [["run"]],
    [["frobnicate"]],
  ])("bad command-line usage %j exits 2", (args) => {
    const out = path.join(tempDir(), "out");
    const result = bedsim([...args, "--out", out]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toBe("");
    expectNoStackTrace(result);
    expect(runFolders(out)).toEqual([]);
  });

  // Regression: a --set value that is not valid YAML once escaped as YAMLParseError, printed
  // as an internal error with exit code 1.
  it("--set with a value that is not valid YAML exits 2 (an input error)", () => {
    const result = bedsim([
      "validate",
      "scenarios/baseline.yaml",
      "--set",
      "services.oakwood_ward.beds=[1",
    ]);
    expect(result.status).toBe(2);
    expectNoStackTrace(result);
  });

  // Regression: `--seed 99999999999` was once blamed on the file's `seed:` line.
  it("an out-of-range --seed is blamed on the option, not the file's seed line", () => {
    const out = path.join(tempDir(), "out");
    const result = bedsim([
      "run",
      "scenarios/baseline.yaml",
      "--seed",
      "99999999999",
      "--out",
      out,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toMatch(/baseline\.yaml:\d+:\d+: run → seed/);
  });
});

describe("small command-line mistakes, one line each", () => {
  const oneLine = (result: Result) => {
    expect(result.status).toBe(2);
    expectNoStackTrace(result);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^bedsim: /);
    return lines;
  };

  // Above 2^53 a typed seed was silently rounded and then refused as "not a whole number".
  it.each(["9007199254740993", "99999999999999999999", "4294967296"])(
    "--seed %s names the largest seed",
    (seed) => {
      const out = path.join(tempDir(), "out");
      const lines = oneLine(
        bedsim(["run", "scenarios/baseline.yaml", "--seed", seed, "--out", out]),
      );
      expect(lines[0]).toBe(
        `bedsim: option '-s, --seed <n>' argument '${seed}' is invalid. --seed must be a whole number from 0 to 4,294,967,295 (the largest seed).`,
      );
      expect(runFolders(out)).toEqual([]);
    },
  );

  it.each([
    [["--set", "services.oakwood_ward.beds", "24"], "--set services.oakwood_ward.beds 24"],
    [["--set", "services.oakwood_ward.beds", "=", "24"], "--set services.oakwood_ward.beds = 24"],
    [["--set", "services.oakwood_ward.beds=", "24"], "--set services.oakwood_ward.beds= 24"],
  ])("%j says how to write it, and nothing else", (set, written) => {
    const out = path.join(tempDir(), "out");
    for (const args of [
      ["run", "scenarios/baseline.yaml", ...set],
      ["run", ...set, "scenarios/baseline.yaml"],
      ["sweep", "scenarios/sweep-acute-beds.yaml", ...set],
    ]) {
      const lines = oneLine(bedsim([...args, "--out", out]));
      expect(lines).toEqual([
        `bedsim: ${written}: write --set services.oakwood_ward.beds=24, with no space around the "="`,
      ]);
    }
    expect(runFolders(out)).toEqual([]);
  });

  it("a stray argument without a --set still says too many arguments", () => {
    const result = bedsim(["run", "scenarios/baseline.yaml", "extra.yaml"]);
    expect(oneLine(result)[0]).toMatch(/^bedsim: too many arguments for 'run'/);
  });
});

describe("--workers beyond the cores", () => {
  const cores = availableParallelism();
  const out = tempDir("bedsim-cli-workers-");
  const run = (workers: number) =>
    bedsim([
      "run",
      "scenarios/baseline.yaml",
      "--replications",
      "3",
      "--workers",
      String(workers),
      "--json",
      "--no-charts",
      "--out",
      out,
      ...SHORT,
    ]);

  it("are capped at the cores, with one note, and give the same results", () => {
    const many = run(300);
    const one = run(1);
    expect(many.status, many.stderr).toBe(0);
    expect(many.stderr).toBe(
      `bedsim: note: --workers 300 is more than the ${cores} core${cores === 1 ? "" : "s"} of this computer, so bedsim uses ${cores} (more would only take turns and use more memory; results are the same for any number)\n`,
    );
    expect(JSON.parse(many.stdout).kpis).toEqual(JSON.parse(one.stdout).kpis);
  }, 60_000);
});

describe("one mistake, one message", () => {
  /** Exit 2, exactly one line on stderr, nothing on stdout, nothing written. */
  function oneLine(args: string[], cwd = REPO): string {
    const out = path.join(tempDir(), "out");
    const writes = ["run", "sweep", "rightsize", "compare"].includes(args[0]);
    const result = bedsim([...args, ...(writes ? ["--out", out] : [])], cwd);
    expect(result.status, result.stderr).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    expectNoStackTrace(result);
    expect(result.stdout).toBe("");
    expect(runFolders(out)).toEqual([]);
    return lines[0];
  }
  const sweepScenario = (section: string) =>
    `name: swept\nextends: baseline.yaml\nsweep:\n  vary:\n${section}`;

  it("validate finds a misspelt vary path in the sweep: section, at its line", () => {
    const text = sweepScenario('    services.oakwod_ward.beds: "10..50"\n');
    const ws = workspace({ files: { "scenarios/swept.yaml": text } });
    const { line, column } = positionOf(text, "services.oakwod_ward");
    expect(oneLine(["validate", "scenarios/swept.yaml"], ws.dir)).toBe(
      `bedsim: scenarios/swept.yaml:${line}:${column}: sweep → vary → services.oakwod_ward.beds: there is no "oakwod_ward" in services; did you mean "oakwood_ward"?`,
    );
  });

  it("sweep with an unknown target KPI in the file stops before running", () => {
    const text = sweepScenario(
      '    services.oakwood_ward.beds: "29..30"\n  target: oap_bed_dayz <= 3500\n',
    );
    const ws = workspace({ files: { "scenarios/swept.yaml": text } });
    const { line, column } = positionOf(text, "oap_bed_dayz");
    for (const command of ["validate", "sweep"])
      expect(oneLine([command, "scenarios/swept.yaml", ...SHORT], ws.dir)).toBe(
        `bedsim: scenarios/swept.yaml:${line}:${column}: sweep → target: "oap_bed_dayz" is not a KPI; did you mean "oap_bed_days"?`,
      );
  });

  it("a misspelt --vary path is blamed on --vary, not on a --set the user never typed", () => {
    expect(
      oneLine([
        "sweep",
        "scenarios/baseline.yaml",
        "--vary",
        "services.oakwod_ward.beds=10..12",
        ...SHORT,
      ]),
    ).toBe(
      'bedsim: --vary services.oakwod_ward.beds=10..12: there is no "oakwod_ward" in services; did you mean "oakwood_ward"?',
    );
  });

  it("a model file given as the scenario says so in one sentence", () => {
    expect(oneLine(["run", "models/example-icb.yaml"])).toMatch(
      /^bedsim: models\/example-icb\.yaml is a model file, not a scenario: /,
    );
  });

  it("a problem caused by --set names the --set, not the file", () => {
    expect(
      oneLine([
        "validate",
        "scenarios/baseline.yaml",
        "--set",
        "pathway.discharge_routes.home.share=80%",
      ]),
    ).toBe(
      "bedsim: --set pathway.discharge_routes.home.share=80%: with this value, the discharge route shares add up to 98%, but they must add up to 100%; adjust them",
    );
    expect(oneLine(["validate", "scenarios/fewer-beds.yaml", "--set", "run.years=0.5"])).toMatch(
      /^bedsim: --set run\.years=0\.5: the change dated 2027-04-01 \(at scenarios\/fewer-beds\.yaml:\d+:\d+\) is then after the run ends on 2025-09-30/,
    );
  });
});

describe("validate counts in the singular and plural", () => {
  it('one change is "1 change"', () => {
    const result = bedsim(["validate", "scenarios/fewer-beds.yaml"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/3 cohorts, 14 services, 1 change\.$/m);
  });
});

describe("rightsize targets", () => {
  it('accepts a percentage, "oap_share <= 10%", as 0.1', () => {
    const out = path.join(tempDir(), "out");
    const result = bedsim([
      "rightsize",
      "scenarios/baseline.yaml",
      "--vary",
      "services.oakwood_ward.beds=29..30",
      "--target",
      "oap_share <= 10%",
      "--replications",
      "2",
      "--no-charts",
      "--json",
      "--out",
      out,
      ...SHORT,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).target).toMatchObject({
      kpi: "oap_share",
      operator: "<=",
      value: 0.1,
    });
  });
});

describe("run", () => {
  const out = tempDir("bedsim-cli-out-");
  const run = (extra: string[]) =>
    bedsim([
      "run",
      "scenarios/baseline.yaml",
      "--replications",
      "3",
      "--json",
      "--out",
      out,
      ...SHORT,
      ...extra,
    ]);
  // Three runs with the same seed: two on one worker, one on two workers.
  let first: Result;
  let second: Result;
  let twoWorkers: Result;
  let folders: string[];

  beforeAll(() => {
    first = run(["--workers", "1"]);
    second = run(["--workers", "1"]);
    twoWorkers = run(["--workers", "2"]);
    folders = runFolders(out);
  }, 60_000);

  const summary = (r: Result) => JSON.parse(r.stdout);

  it("exits 0 and prints only JSON on stdout", () => {
    for (const r of [first, second, twoWorkers]) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe("");
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });

  it("the JSON has version, seed, replications, scenario and kpis", () => {
    const s = summary(first);
    expect(s).toEqual(
      expect.objectContaining({
        version: expect.any(String),
        seed: 20250401,
        replications: 3,
        scenario: expect.objectContaining({ name: "baseline" }),
        kpis: expect.any(Object),
      }),
    );
    expect(s.scenario.run).toMatchObject({ years: 1, warm_up_days: 365, replications: 3 });
  });

  it.each(KPI_NAMES)("kpi %s has mean, ci95, p10, p50, p90 and unit", (name) => {
    const k = summary(first).kpis[name];
    expect(k, `kpis.${name}`).toBeDefined();
    for (const field of ["mean", "p10", "p50", "p90"]) expect(Number.isFinite(k[field])).toBe(true);
    expect(k.ci95).toHaveLength(2);
    expect(k.ci95[0]).toBeLessThanOrEqual(k.mean);
    expect(k.ci95[1]).toBeGreaterThanOrEqual(k.mean);
    expect(k.p10).toBeLessThanOrEqual(k.p50);
    expect(k.p50).toBeLessThanOrEqual(k.p90);
    expect(typeof k.unit).toBe("string");
    expect(k.unit.length).toBeGreaterThan(0);
  });

  it("admissions = local admissions + out-of-area admissions", () => {
    const { kpis } = summary(first);
    expect(kpis.admissions.mean).toBeGreaterThan(0);
    expect(kpis.admissions.mean).toBeCloseTo(
      kpis.local_admissions.mean + kpis.oap_admissions.mean,
      6,
    );
  });

  it("each run wrote its own folder with summary.json and one CSV row per replication", () => {
    expect(folders).toHaveLength(3);
    for (const folder of folders) {
      expect(folder).toMatch(/^baseline-\d{8}-\d{6}(-\d+)?$/);
      const files = readdirSync(path.join(out, folder));
      expect(files).toEqual(expect.arrayContaining(["summary.json", "replications.csv"]));
      const rows = readFileSync(path.join(out, folder, "replications.csv"), "utf8")
        .split(/\r?\n/)
        .filter((line) => line.trim() !== "");
      expect(rows).toHaveLength(1 + 3);
      expect(rows[0].replace(/^\uFEFF/, "").split(",")).toEqual(
        expect.arrayContaining(["replication", "admissions"]),
      );
    }
  });

  it("summary.json holds the same KPIs as stdout", () => {
    const written = folders.map((f) =>
      JSON.parse(readFileSync(path.join(out, f, "summary.json"), "utf8")),
    );
    const printed = [first, second, twoWorkers].map(summary);
    // Folders sort by time, and the runs were made in this order.
    for (let i = 0; i < 3; i++) expect(written[i].kpis).toEqual(printed[i].kpis);
  });

  it("the same seed gives identical KPIs and a byte-identical replications.csv", () => {
    expect(summary(second).kpis).toEqual(summary(first).kpis);
    const csv = folders.map((f) => readFileSync(path.join(out, f, "replications.csv")));
    expect(csv[1].equals(csv[0])).toBe(true);
  });

  it("--workers 1 and --workers 2 give identical KPIs and CSV", () => {
    expect(summary(twoWorkers).kpis).toEqual(summary(first).kpis);
    const csv = folders.map((f) => readFileSync(path.join(out, f, "replications.csv")));
    expect(csv[2].equals(csv[0])).toBe(true);
  });

  it("a different seed gives different results", () => {
    const other = run(["--seed", "7"]);
    expect(other.status, other.stderr).toBe(0);
    expect(summary(other).seed).toBe(7);
    expect(summary(other).kpis.admissions.mean).not.toBe(summary(first).kpis.admissions.mean);
  });

  it("no temporary folders are left behind", () => {
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]);
  });
});

describe("run without --json", () => {
  it("prints a table and where it wrote the results", () => {
    const out = path.join(tempDir(), "out");
    const result = bedsim([
      "run",
      "scenarios/baseline.yaml",
      "--replications",
      "2",
      "--workers",
      "1",
      "--out",
      out,
      ...SHORT,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const written = /Written to (.+)$/m.exec(result.stdout)?.[1];
    expect(written).toBeDefined();
    expect(existsSync(path.join(written as string, "summary.json"))).toBe(true);
    expect(runFolders(out)).toHaveLength(1);
  });
});
