import { describe, expect, it } from "vitest";
import {
  compareFindings,
  describeDifference,
  negligible,
  runFindings,
  sweepFindings,
} from "../../src/report/findings.js";
import { formatMoney } from "../../src/report/format.js";
import { comparison, runSummary, sweep } from "./load-fixtures.js";

/** Whole numbers with thousands separators, as the findings print counts of 10 or more. */
const whole = (value: number) => Math.round(value).toLocaleString("en-GB");
const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

describe("run findings", () => {
  const summary = runSummary();
  const k = summary.kpis;
  const findings = runFindings(summary);
  const text = findings.join("\n");

  it("gives mean occupancy with its interval and the days above 85%", () => {
    const occupancy = k.mean_local_occupancy;
    expect(text).toContain(
      `Local acute beds were ${percent(occupancy.mean)} occupied on average (95% CI ${percent(occupancy.ci95[0])} to ${percent(occupancy.ci95[1])}), above the 85% the Royal College of Psychiatrists recommends`,
    );
    const days = k.days_above_85pct;
    expect(text).toContain(
      `above 85% on ${whole(days.mean)} days a year (95% CI ${whole(days.ci95[0])} to ${whole(days.ci95[1])})`,
    );
  });

  it("gives out-of-area admissions and bed-days with their intervals", () => {
    const oap = k.oap_admissions;
    expect(text).toContain(
      `About ${whole(oap.mean)} acute admissions a year (95% CI ${whole(oap.ci95[0])} to ${whole(oap.ci95[1])}) were out of area`,
    );
    const days = k.oap_bed_days;
    expect(text).toContain(
      `${whole(days.mean)} out-of-area bed-days a year (95% CI ${whole(days.ci95[0])} to ${whole(days.ci95[1])})`,
    );
  });

  it("gives delayed discharges with the biggest destination, and the cost", () => {
    const delayed = k.delayed_discharge_bed_days;
    expect(text).toContain(`Delayed discharges took ${whole(delayed.mean)} bed-days a year`);
    expect(text).toContain(
      `(${whole(k["delayed_discharge_bed_days.home"].mean)} bed-days a year) were people waiting to go home`,
    );
    const cost = k.total_cost;
    expect(text).toContain(
      `The modelled cost was ${formatMoney(cost.mean)} a year (95% CI ${formatMoney(cost.ci95[0])} to ${formatMoney(cost.ci95[1])})`,
    );
  });

  it("says when an interval is too wide, and says below 85% when it is", () => {
    expect(text).toContain("more replications would narrow them");
    const calm = runSummary();
    calm.kpis.mean_local_occupancy = { ...calm.kpis.mean_local_occupancy, mean: 0.8 };
    expect(runFindings(calm)[0]).toContain("below the 85%");
  });

  it("writes sentences: each starts with a capital or a digit and ends with a full stop", () => {
    for (const f of findings) expect(f).toMatch(/^[A-Z0-9].*\.$/s);
  });
});

describe("comparison findings", () => {
  const compare = comparison();
  const [fewerBeds, halveDelays] = compare.scenarios;
  const text = compareFindings(compare).join("\n");

  it("gives each scenario's paired difference in out-of-area admissions", () => {
    const d = fewerBeds.differences.oap_admissions;
    expect(text).toContain(
      `Under “${fewerBeds.summary.scenario.title}”, compared with the baseline on average over 2025/26 to 2029/30: out-of-area admissions higher by ${whole(d.mean)} a year (95% CI ${whole(d.ci95[0])} to ${whole(d.ci95[1])})`,
    );
    const fall = halveDelays.differences.oap_admissions;
    // A fall is given as its size, its interval too.
    expect(text).toContain(
      `out-of-area admissions lower by ${whole(-fall.mean)} a year (95% CI ${whole(-fall.ci95[1])} to ${whole(-fall.ci95[0])})`,
    );
  });

  it("calls an interval that includes zero no clear difference", () => {
    const cost = fewerBeds.differences.total_cost;
    expect(cost.ci95[0]).toBeLessThan(0);
    expect(cost.ci95[1]).toBeGreaterThan(0);
    expect(text).toContain("no clear difference in total cost (95% CI −£");
    expect(describeDifference("oap_admissions", { mean: 3, ci95: [-1, 7] })).toBe(
      "no clear difference in out-of-area admissions (95% CI −1.0 to 7.0)",
    );
  });

  it("leaves out differences that are clear but trivially small", () => {
    // 0.018 readmissions a year against about 95: clear (the interval excludes zero) but
    // 0.02% of the baseline, not worth a sentence.
    expect(negligible("readmissions_30d", { mean: -0.018, ci95: [-0.03, -0.006] }, 95)).toBe(true);
    expect(negligible("readmissions_30d", { mean: -2, ci95: [-3, -1] }, 95)).toBe(false);
    // Without a baseline, by its own units: £400 is nothing, 0.3 of an admission is something.
    expect(negligible("total_cost", { mean: 400, ci95: [100, 700] })).toBe(true);
    expect(negligible("oap_admissions", { mean: 0.3, ci95: [0.2, 0.4] })).toBe(false);
  });

  it("gives percentages as percentage points", () => {
    expect(describeDifference("mean_local_occupancy", { mean: 0.019, ci95: [0.017, 0.021] })).toBe(
      "local acute bed occupancy higher by 1.9 percentage points (95% CI 1.7 to 2.1)",
    );
  });
});

describe("sweep findings", () => {
  const s = sweep();
  const text = sweepFindings(s).join("\n");

  it("names the answer and its numbers", () => {
    const answer = s.answer;
    if (!answer) throw new Error("fixture has an answer");
    const beds = answer.values["services.oakwood_ward.beds"];
    expect(text).toContain(
      `The answer is ${beds} beds on Oakwood (men), which meets the target (mean out-of-area bed-days at most 1,000 a year)`,
    );
    // Without the model's display names (an older sweep.json), the id in words.
    const unnamed = { ...s, names: undefined };
    expect(sweepFindings(unnamed).join("\n")).toContain(
      `The answer is ${beds} beds on oakwood ward`,
    );
    expect(text).toContain(`out-of-area bed-days ${whole(answer.kpis.oap_bed_days.mean)} a year`);
    expect(text).toContain(formatMoney(answer.kpis.total_cost.mean));
  });

  it("says so when no value meets the target", () => {
    const none = sweep();
    delete none.answer;
    if (none.target) none.target.value = 1;
    expect(sweepFindings(none).join("\n")).toContain("None of the values tried meets the target");
  });
});
