/**
 * Lengths of stay as a fitting sees them: days in hospital, and whether the stay ended
 * (a discharge) or is right-censored (still in hospital on the extract date, so we only know
 * the stay is at least this long).
 *
 * Dates are whole days, so 100,000 spells have only a few hundred distinct (days, ended)
 * pairs: stays are kept as those pairs with a count, and every likelihood sums over the pairs
 * rather than the spells (the same sum, about a hundred times faster).
 */
export interface CensoredStays {
  /** Distinct stay lengths in days, shortest first (ended before censored at the same length). */
  days: Float64Array;
  /** Their logarithms, computed once: every log-scale family needs them. */
  logDays: Float64Array;
  /** 1: these stays ended (a discharge); 0: still in hospital (censored). */
  ended: Uint8Array;
  /** How many stays have this length and ending. */
  count: Float64Array;
  /** All stays, and those that ended. */
  stays: number;
  discharged: number;
}

/**
 * Dates are whole days, so a same-day discharge is 0 days; it counts as half a day, which
 * keeps the logarithm finite and is the middle of what the dates allow.
 */
export const SAME_DAY_STAY = 0.5;

export function censoredStays(stays: { days: number; ended: boolean }[]): CensoredStays {
  const groups = new Map<string, { days: number; ended: boolean; count: number }>();
  for (const s of stays) {
    const days = Math.max(s.days, SAME_DAY_STAY);
    const key = `${days}|${s.ended ? 1 : 0}`;
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { days, ended: s.ended, count: 1 });
  }
  // Sorted, so the Kaplan-Meier estimate can walk them in order and results never depend on
  // the order of rows in the extract.
  const sorted = [...groups.values()].sort(
    (a, b) => a.days - b.days || Number(b.ended) - Number(a.ended),
  );
  const n = sorted.length;
  const out: CensoredStays = {
    days: new Float64Array(n),
    logDays: new Float64Array(n),
    ended: new Uint8Array(n),
    count: new Float64Array(n),
    stays: stays.length,
    discharged: 0,
  };
  sorted.forEach((g, i) => {
    out.days[i] = g.days;
    out.logDays[i] = Math.log(g.days);
    out.ended[i] = g.ended ? 1 : 0;
    out.count[i] = g.count;
    if (g.ended) out.discharged += g.count;
  });
  return out;
}
