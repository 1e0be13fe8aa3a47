import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import { mser5 } from "../stats/mser.js";

/** A warning that the warm-up looks too short, with the length MSER-5 suggests. */
export interface WarmUpWarning {
  warmUpDays: number;
  suggestedDays: number;
  /** The series that settles last: acute occupancy, or the people in every other service. */
  settlingLast: "acute" | "other";
}

/**
 * The two daily series the warm-up check reads, summed day by day across replications as they
 * finish: the check needs only their average, so no replication's series is kept to the end
 * (they were most of a replication's memory). Add outcomes in index order, so the sums, and
 * so the check, are the same for any number of worker threads.
 */
export class WarmUpSeries {
  /** Days the check reads: the warm-up and the results days before the first dated change. */
  readonly length: number;
  private readonly acute: Float64Array;
  private readonly other: Float64Array;
  private replications = 0;

  constructor(pathway: Pathway) {
    const { warmUpDays, days } = pathway.horizon;
    const firstChange = Math.min(
      days,
      ...pathway.changes.map((c) => c.day).filter((d) => d > -warmUpDays),
    );
    this.length = Math.max(0, warmUpDays + firstChange);
    this.acute = new Float64Array(this.length);
    this.other = new Float64Array(this.length);
  }

  /** Adds one replication's series. */
  add(outcome: ReplicationOutcome): void {
    const acute = outcome.dailyOccupancy;
    const other = outcome.dailyOtherOccupied;
    for (let d = 0; d < this.length; d++) {
      this.acute[d] += acute[d];
      this.other[d] += other[d];
    }
    this.replications++;
  }

  get count(): number {
    return this.replications;
  }

  /** The day-by-day average across the replications added. */
  mean(series: "acute" | "other"): Float64Array {
    const n = this.replications;
    return (series === "acute" ? this.acute : this.other).map((sum) => sum / n);
  }
}

/**
 * Checks the warm-up on two daily series, each averaged day by day across replications (the
 * ensemble mean shows the start-up trend without the day-to-day noise): acute local
 * occupancy, and the people in every other service, whose long stays fill slowly. Two things
 * are not start-up bias and are kept out: planned changes (only days before the first dated
 * change are used) and demand growth, a steady trend that MSER would otherwise read as
 * "never settles" (a straight line fitted to the settled second half is subtracted first).
 * Returns a warning when MSER-5 would discard clearly more days than the scenario's warm-up.
 * Takes the series already summed, or the outcomes that still hold them.
 */
export function checkWarmUp(
  pathway: Pathway,
  replications: WarmUpSeries | ReplicationOutcome[],
): WarmUpWarning | undefined {
  const { warmUpDays } = pathway.horizon;
  let series: WarmUpSeries;
  if (replications instanceof WarmUpSeries) series = replications;
  else {
    series = new WarmUpSeries(pathway);
    for (const outcome of replications) series.add(outcome);
  }
  const length = series.length;
  if (series.count === 0 || length < 20) return undefined;
  // The trend is fitted where the system has surely settled (MSER never cuts past half).
  const cut = (mean: Float64Array) =>
    mser5(withoutTrend(mean, Math.max(warmUpDays, Math.floor(length / 2))));
  const acute = cut(series.mean("acute"));
  const other = cut(series.mean("other"));
  const truncate = Math.max(acute, other);
  // MSER-5 on a series that settles slowly and grows with demand places its cut only to
  // within a month or two; a cut that far past the warm-up is not evidence of bias.
  if (truncate <= warmUpDays + Math.max(30, 0.1 * warmUpDays)) return undefined;
  // Round up to a whole month so the suggestion reads as a plan, not a computation.
  return {
    warmUpDays,
    suggestedDays: Math.ceil(truncate / 30) * 30,
    settlingLast: acute >= other ? "acute" : "other",
  };
}

/** The series minus the least-squares line through days [from, end), when there are enough. */
function withoutTrend(series: Float64Array, from: number): Float64Array {
  const n = series.length - from;
  if (n < 180) return series;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let d = from; d < series.length; d++) {
    sx += d;
    sy += series[d];
    sxx += d * d;
    sxy += d * series[d];
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  return series.map((value, d) => value - (intercept + slope * d));
}
