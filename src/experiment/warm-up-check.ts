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
 * Checks the warm-up on two daily series, each averaged day by day across replications (the
 * ensemble mean shows the start-up trend without the day-to-day noise): acute local
 * occupancy, and the people in every other service, whose long stays fill slowly. Two things
 * are not start-up bias and are kept out: planned changes (only days before the first dated
 * change are used) and demand growth, a steady trend that MSER would otherwise read as
 * "never settles" (a straight line fitted to the settled second half is subtracted first).
 * Returns a warning when MSER-5 would discard clearly more days than the scenario's warm-up.
 */
export function checkWarmUp(
  pathway: Pathway,
  outcomes: ReplicationOutcome[],
): WarmUpWarning | undefined {
  const { warmUpDays, days } = pathway.horizon;
  const firstChange = Math.min(
    days,
    ...pathway.changes.map((c) => c.day).filter((d) => d > -warmUpDays),
  );
  const length = Math.max(0, warmUpDays + firstChange);
  if (outcomes.length === 0 || length < 20) return undefined;
  const cut = (series: (o: ReplicationOutcome) => ArrayLike<number>) => {
    const mean = new Float64Array(length);
    for (const outcome of outcomes) {
      const values = series(outcome);
      for (let d = 0; d < length; d++) mean[d] += values[d] / outcomes.length;
    }
    // The trend is fitted where the system has surely settled (MSER never cuts past half).
    return mser5(withoutTrend(mean, Math.max(warmUpDays, Math.floor(length / 2))));
  };
  const acute = cut((o) => o.dailyOccupancy);
  const other = cut((o) => o.dailyOtherOccupied);
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
