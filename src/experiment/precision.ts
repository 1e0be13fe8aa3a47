import { relativeHalfWidth, summarise } from "../stats/summary.js";
import type { OutcomeTable } from "./outcome-table.js";

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
  outcomes: OutcomeTable,
  kpis: string[],
  target: number,
): PrecisionCheck {
  const columns = outcomes.kpis();
  let worst = 0;
  let worstKpi = kpis[0] ?? "";
  for (const name of kpis) {
    const summary = summarise(columns.column(name) ?? new Float64Array(outcomes.length));
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
