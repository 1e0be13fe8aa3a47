/**
 * The measures a back-test compares month by month, and how each is counted from spells. The
 * same counting serves the observed extract and every simulated replication, so a difference
 * between them is the model's, not the method's.
 */
import { dayToIso } from "../data/extract-dates.js";
import { OUT_OF_AREA } from "../data/extract-mapping.js";
import { continuesAfter, type Spell } from "../data/spell.js";

export const BACKTEST_MEASURES = {
  admissions: {
    label: "Admissions",
    unit: "admissions a month",
    what: "spells begun in the month, locally or out of area (a move between wards is not one)",
  },
  local_occupied: {
    label: "Local occupied beds",
    unit: "beds, mean of the month's days",
    what: "people on a local acute ward or in the PICU each day, from the day of admission to the day before discharge",
  },
  out_of_area: {
    label: "People out of area",
    unit: "people, mean of the month's days",
    what: "people in an out-of-area placement each day, counted in the same way",
  },
  delayed_bed_days: {
    label: "Delayed-discharge bed-days",
    unit: "bed-days in the month",
    what: "days local patients spent ready to leave but held",
  },
} as const;
export type BacktestMeasure = keyof typeof BACKTEST_MEASURES;
export const MEASURE_NAMES = Object.keys(BACKTEST_MEASURES) as BacktestMeasure[];

/** Calendar months (as day ranges) covering `from` up to, not including, `to`. */
export interface Month {
  /** "2024-04" */
  label: string;
  from: number;
  to: number;
}

export function monthsBetween(from: number, to: number): Month[] {
  const months: Month[] = [];
  let start = from;
  while (start < to) {
    const d = new Date(start * 86_400_000);
    const next = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 86_400_000;
    const end = Math.min(next, to);
    months.push({ label: dayToIso(start).slice(0, 7), from: start, to: end });
    start = end;
  }
  return months;
}

/**
 * Each measure month by month. A spell is in hospital on the days from its admission up to,
 * not including, its discharge; a delay likewise; open spells run to the end.
 */
export function measureMonths(
  spells: readonly Spell[],
  months: readonly Month[],
): Record<BacktestMeasure, number[]> {
  const n = months.length;
  const from = months[0]?.from ?? 0;
  const to = months[n - 1]?.to ?? 0;
  const days = to - from;
  // Daily levels by difference arrays: +1 on the first day, -1 on the day after the last.
  const local = new Float64Array(days + 1);
  const away = new Float64Array(days + 1);
  const delayed = new Float64Array(days + 1);
  const admissions = new Float64Array(n);
  const monthOfDay = new Int32Array(days);
  for (const [i, m] of months.entries()) monthOfDay.fill(i, m.from - from, m.to - from);
  const addSpan = (level: Float64Array, start: number, end: number) => {
    const a = Math.max(start, from) - from;
    const b = Math.min(end, to) - from;
    if (b <= a) return;
    level[a] += 1;
    level[b] -= 1;
  };
  // A spell that carries on the same person's last one (a move between providers) is no admission.
  const last = new Map<string, Spell>();
  const ordered = [...spells].sort((x, y) => x.admitted - y.admitted);
  for (const s of ordered) {
    const end = s.discharged ?? Number.POSITIVE_INFINITY;
    const previous = last.get(s.personId);
    const moved = previous !== undefined && continuesAfter(previous, s);
    last.set(s.personId, s);
    if (!moved && s.admitted >= from && s.admitted < to)
      admissions[monthOfDay[s.admitted - from]]++;
    addSpan(s.ward === OUT_OF_AREA ? away : local, s.admitted, end);
    if (s.delay && s.ward !== OUT_OF_AREA)
      addSpan(delayed, s.delay.start, Math.min(s.delay.end, end));
  }
  const result: Record<BacktestMeasure, number[]> = {
    admissions: Array.from(admissions),
    local_occupied: new Array(n).fill(0),
    out_of_area: new Array(n).fill(0),
    delayed_bed_days: new Array(n).fill(0),
  };
  let l = 0;
  let a = 0;
  let d = 0;
  for (let day = 0; day < days; day++) {
    l += local[day];
    a += away[day];
    d += delayed[day];
    const m = monthOfDay[day];
    result.local_occupied[m] += l;
    result.out_of_area[m] += a;
    result.delayed_bed_days[m] += d;
  }
  months.forEach((month, m) => {
    const span = month.to - month.from;
    result.local_occupied[m] /= span;
    result.out_of_area[m] /= span;
  });
  return result;
}
