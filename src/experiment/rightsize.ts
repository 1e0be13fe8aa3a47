import { clusteredQuantileInterval } from "../stats/clustered-quantile.js";
import type { KpiColumns } from "../stats/paired-differences.js";
import { quantile, summarise } from "../stats/summary.js";
import type { SweepPointResult } from "./sweep.js";

/** "oap_bed_days <= 100", optionally at a percentile of the yearly values. */
export interface Target {
  kpi: string;
  operator: "<=" | ">=";
  value: number;
  /** E.g. 90: the value must hold in 9 simulated years out of 10, not just on average. */
  percentile?: number;
}

/** A statistic of one KPI at one point, with its 95% interval. */
export interface Estimate {
  statistic: string;
  estimate: number;
  ci95: [number, number];
}

export interface RightsizeAnswer {
  point: SweepPointResult;
  /** The first target's statistic (or the minimised KPI's mean). */
  estimate: Estimate;
  /** Every target's statistic, in the order the targets were given. */
  estimates: Estimate[];
}

export interface RightsizeResult {
  answer?: RightsizeAnswer;
  /** Target search: the answer that meets the target even at the far end of its 95% interval. */
  confidentAnswer?: RightsizeAnswer;
  /** Minimise: values whose paired difference from the optimum is within noise. */
  nearOptimal?: number[];
  /** Every point evaluated, in order of value. */
  explored: SweepPointResult[];
  /** A plain sentence on how the answer was found, or why there is none. */
  note: string;
}

/** Evaluates (simulates) the parameter at one of its values. */
export type Evaluate = (value: number) => Promise<SweepPointResult>;

export function statisticName(target: Target): string {
  return target.percentile === undefined ? "mean" : `p${target.percentile}`;
}

/**
 * The target's statistic at a point. A mean is taken over replications (t-interval). A
 * percentile is taken over every simulated financial year of every replication, because
 * "≤ 100 in 9 years out of 10" is a statement about years; its interval allows for the years
 * of one replication not being independent of one another.
 */
export function estimateAt(point: SweepPointResult, target: Target, years: number[]): Estimate {
  const statistic = statisticName(target);
  if (target.percentile === undefined) {
    const k = point.kpis[target.kpi];
    return { statistic, estimate: k.mean, ci95: [k.ci95[0], k.ci95[1]] };
  }
  const table = point.replications;
  const byYear = years.map((y) => kpiColumn(table.yearKpis(y), target.kpi));
  const clusters = Array.from({ length: table.length }, (_, r) => byYear.map((year) => year[r]));
  const p = target.percentile / 100;
  return {
    statistic,
    estimate: quantile(Float64Array.from(clusters.flat()).sort(), p),
    ci95: clusteredQuantileInterval(clusters, p),
  };
}

export const meets = (target: Target, x: number) =>
  target.operator === "<=" ? x <= target.value : x >= target.value;

/** Whether every target holds at a point: on the estimate, or at its interval's far end. */
export function meetsAll(
  point: SweepPointResult,
  targets: readonly Target[],
  years: number[],
  confidently = false,
): boolean {
  return targets.every((target) => {
    const { estimate, ci95 } = estimateAt(point, target, years);
    const judged = !confidently ? estimate : target.operator === "<=" ? ci95[1] : ci95[0];
    return meets(target, judged);
  });
}

/** "p90 oap_bed_days <= 365 and mean oap_share <= 0.1" */
export function describeTargets(targets: readonly Target[]): string {
  return targets.map((t) => `${statisticName(t)} ${t.kpi} ${t.operator} ${t.value}`).join(" and ");
}

/** Caches evaluations so a search never simulates a value twice. */
function cached(values: number[], evaluate: Evaluate) {
  const seen = new Map<number, SweepPointResult>();
  const at = async (i: number) => {
    let point = seen.get(i);
    if (!point) {
      point = await evaluate(values[i]);
      seen.set(i, point);
    }
    return point;
  };
  const explored = () => [...seen.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
  return { at, explored };
}

/**
 * The value at the edge of the target, found by bisection over the ordered values (the KPI
 * is assumed monotone in the parameter, as out-of-area use is in beds). With common random
 * numbers across points the estimates are monotone too, so bisection needs about log2(n)
 * evaluations instead of n. When the target is met at the high end, the answer is the
 * smallest value that meets it; when met at the low end, the largest.
 */
export async function searchTarget(
  values: number[],
  evaluate: Evaluate,
  targets: readonly Target[],
  years: number[],
): Promise<RightsizeResult> {
  const { at, explored } = cached(values, evaluate);
  const last = values.length - 1;
  // Every target must hold: on the estimate, or at the far end of its interval ("<=" for the
  // upper bound, ">=" for the lower).
  const pointEstimate = async (i: number) => meetsAll(await at(i), targets, years);
  const confidently = async (i: number) => meetsAll(await at(i), targets, years, true);

  const edge = async (ok: (i: number) => Promise<boolean>): Promise<number | undefined> => {
    const [low, high] = [await ok(0), await ok(last)];
    if (low === high) return low ? 0 : undefined;
    // Invariant: ok(bad) is false, ok(good) is true; they close in on each other.
    let [bad, good] = high ? [0, last] : [last, 0];
    while (Math.abs(good - bad) > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (await ok(middle)) good = middle;
      else bad = middle;
    }
    return good;
  };
  const answerAt = async (i: number | undefined) => {
    if (i === undefined) return undefined;
    const point = await at(i);
    const estimates = targets.map((t) => estimateAt(point, t, years));
    return { point, estimate: estimates[0], estimates };
  };

  const answer = await answerAt(await edge(pointEstimate));
  const confidentAnswer = await answerAt(await edge(confidently));
  const described = describeTargets(targets);
  let note: string;
  if (!answer) {
    note = `No value from ${values[0]} to ${values[last]} meets ${described}; widen the range.`;
  } else if (answer.point === (await at(0)) && (await pointEstimate(last))) {
    note = `${described} is met across the whole range, so the answer is its lowest value, ${values[0]}; the true edge may lie lower, so consider starting the range lower.`;
  } else {
    note = `Found by bisection: ${explored().length} of ${values.length} values simulated.`;
  }
  return { answer, confidentAnswer, explored: explored(), note };
}

/**
 * The value that minimises a KPI's mean (e.g. total cost against beds), by golden-section
 * search over the ordered values, assuming one valley; neighbours are then checked so a
 * slightly bumpy curve does not stop it early. Values whose paired difference from the
 * optimum has a 95% interval including zero are reported as near-optimal: the data cannot
 * tell them apart.
 */
export async function searchMinimum(
  values: number[],
  evaluate: Evaluate,
  kpi: string,
): Promise<RightsizeResult> {
  const { at, explored } = cached(values, evaluate);
  const mean = async (i: number) => (await at(i)).kpis[kpi].mean;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = 0;
  let high = values.length - 1;
  while (high - low > 3) {
    const left = high - Math.round((high - low) * ratio);
    const right = low + Math.round((high - low) * ratio);
    if ((await mean(left)) <= (await mean(right))) high = right;
    else low = left;
  }
  let best = low;
  for (let i = low; i <= high; i++) if ((await mean(i)) < (await mean(best))) best = i;
  // Walk downhill from there in case the valley is not a single one.
  for (let moved = true; moved; ) {
    moved = false;
    for (const next of [best - 1, best + 1]) {
      if (next >= 0 && next < values.length && (await mean(next)) < (await mean(best))) {
        best = next;
        moved = true;
      }
    }
  }
  const optimum = await at(best);
  const nearOptimal = explored()
    .filter((point) => {
      const here = kpiColumn(point.replications.kpis(), kpi);
      const there = kpiColumn(optimum.replications.kpis(), kpi);
      const differences = here.map((x, i) => x - there[i]);
      const { ci95 } = summarise(differences);
      return ci95[0] <= 0 && ci95[1] >= 0;
    })
    .map((point) => Object.values(point.values)[0]);
  const k = optimum.kpis[kpi];
  const estimate: Estimate = { statistic: "mean", estimate: k.mean, ci95: [k.ci95[0], k.ci95[1]] };
  return {
    answer: { point: optimum, estimate, estimates: [estimate] },
    nearOptimal,
    explored: explored(),
    note: `Found by golden-section search: ${explored().length} of ${values.length} values simulated.${best === 0 || best === values.length - 1 ? " The minimum is at the edge of the range; widen it to be sure." : ""}`,
  };
}

/** A KPI's values replication by replication; NaN throughout where the run has no such KPI. */
function kpiColumn(columns: KpiColumns, kpi: string): Float64Array {
  const values = columns.column(kpi);
  return values ? Float64Array.from(values) : new Float64Array(columns.length).fill(Number.NaN);
}
