/**
 * Lengths of stay as a fitting sees them: days in hospital, and whether the stay ended
 * (a discharge) or is right-censored (still in hospital on the extract date, so we only know
 * the stay is at least this long).
 */
export interface CensoredStays {
  days: Float64Array;
  ended: Uint8Array;
}

/**
 * Dates are whole days, so a same-day discharge is 0 days; it counts as half a day, which
 * keeps the logarithm finite and is the middle of what the dates allow.
 */
export const SAME_DAY_STAY = 0.5;

export function censoredStays(stays: { days: number; ended: boolean }[]): CensoredStays {
  const days = new Float64Array(stays.length);
  const ended = new Uint8Array(stays.length);
  stays.forEach((s, i) => {
    days[i] = Math.max(s.days, SAME_DAY_STAY);
    ended[i] = s.ended ? 1 : 0;
  });
  return { days, ended };
}
