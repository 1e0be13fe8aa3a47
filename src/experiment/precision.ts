import type { ReplicationOutcome } from "../model/outcomes.js";
import { relativeHalfWidth, summarise } from "../stats/summary.js";

/** What `--precision` achieved, as the run summary records it. */
export interface PrecisionReport {
  target_pct: number;
  met: boolean;
  worst_kpi: string;
  worst_pct: number;
  max_replications: number;
}

/** The KPIs whose precision `--precision` controls, and the widest relative half-width among them. */
export interface PrecisionCheck {
  /** Worst relative half-width (fraction of the mean) among the KPIs checked. */
  worst: number;
  worstKpi: string;
  /** Replications estimated to bring every checked KPI within the target. */
  needed: number;
}

/**
 * Relative half-width shrinks as 1/√n, so n·(h/target)² replications should reach the target.
 * KPIs whose mean is zero (e.g. no out-of-area use at all) have no relative precision and are
 * skipped: any interval around nothing is "100%" of it.
 */
export function precisionCheck(
  outcomes: ReplicationOutcome[],
  kpis: string[],
  target: number,
): PrecisionCheck {
  let worst = 0;
  let worstKpi = kpis[0] ?? "";
  for (const name of kpis) {
    const summary = summarise(outcomes.map((o) => o.kpis[name] ?? 0));
    const relative = relativeHalfWidth(summary);
    if (Number.isFinite(relative) && relative > worst) {
      worst = relative;
      worstKpi = name;
    }
  }
  const n = outcomes.length;
  const needed = worst <= target ? n : Math.ceil(n * (worst / target) ** 2 * 1.05);
  return { worst, worstKpi, needed };
}
