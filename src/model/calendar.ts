/**
 * Maps simulation days to calendar months and NHS financial years (April–March).
 * Day 0 is the first day of the results period; warm-up days are negative.
 */
/** Days in an average year: yearly rates and per-year figures are converted with this. */
export const DAYS_PER_YEAR = 365.25;

export class Calendar {
  /** Month of year (0 = January) for each simulated day, warm-up included. */
  readonly monthOfYear: Uint8Array;
  /** Index into `months` for each results-period day. */
  readonly monthIndex: Int32Array;
  /** Results-period months as `YYYY-MM`. */
  readonly months: string[] = [];
  /** Index into `financialYears` for each results-period month. */
  readonly financialYearOfMonth: number[] = [];
  /** Financial years touched by the results period, labelled like `2025/26`. */
  readonly financialYears: string[] = [];
  /** Results days in each financial year: fewer than the year's 365 or 366 for a part year. */
  readonly financialYearDays: number[] = [];
  /** Days from 1 April to 31 March of each financial year: 366 when it holds 29 February. */
  readonly financialYearLengths: number[] = [];

  constructor(
    readonly startDate: string,
    readonly warmUpDays: number,
    readonly days: number,
  ) {
    const start = Date.parse(`${startDate}T00:00:00Z`);
    const total = warmUpDays + days;
    this.monthOfYear = new Uint8Array(total);
    this.monthIndex = new Int32Array(days);
    for (let i = 0; i < total; i++) {
      const date = new Date(start + (i - warmUpDays) * 86_400_000);
      this.monthOfYear[i] = date.getUTCMonth();
      if (i < warmUpDays) continue;
      const label = date.toISOString().slice(0, 7);
      if (this.months[this.months.length - 1] !== label) {
        this.months.push(label);
        const fy = financialYearLabel(date);
        if (this.financialYears[this.financialYears.length - 1] !== fy) {
          this.financialYears.push(fy);
          const firstYear = Number(fy.slice(0, 4));
          this.financialYearLengths.push(dayOffset(`${firstYear}-04-01`, `${firstYear + 1}-04-01`));
        }
        this.financialYearOfMonth.push(this.financialYears.length - 1);
      }
      this.monthIndex[i - warmUpDays] = this.months.length - 1;
      const fy = this.financialYears.length - 1;
      this.financialYearDays[fy] = (this.financialYearDays[fy] ?? 0) + 1;
    }
  }

  /** Whether the results period covers financial year `fy` from 1 April to 31 March. */
  isWholeFinancialYear(fy: number): boolean {
    return this.financialYearDays[fy] === this.financialYearLengths[fy];
  }

  /** The financial year (index into `financialYears`) of a results-period day. */
  financialYearOfDay(day: number): number {
    return this.financialYearOfMonth[this.monthIndex[Math.floor(day)]];
  }

  /** Days since the start of the results period for an ISO date (may be negative). */
  dayOf(isoDate: string): number {
    return dayOffset(this.startDate, isoDate);
  }
}

/**
 * Calendars by horizon, shared: building one walks every day through \`Date\`, which cost more
 * than a tenth of a replication, and every replication of a run (and every point of a sweep)
 * has the same horizon. Calendars are never modified once built, so sharing is safe.
 */
const calendars = new Map<string, Calendar>();
/** A handful covers any run; a search over run lengths just rebuilds. */
const MAX_CACHED_CALENDARS = 8;

export function calendarFor(startDate: string, warmUpDays: number, days: number): Calendar {
  const key = `${startDate}|${warmUpDays}|${days}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= MAX_CACHED_CALENDARS) calendars.clear();
    calendar = new Calendar(startDate, warmUpDays, days);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The (shared) calendar of a pathway's horizon. */
export function calendarOf(pathway: {
  horizon: { startDate: string; warmUpDays: number; days: number };
}): Calendar {
  const { startDate, warmUpDays, days } = pathway.horizon;
  return calendarFor(startDate, warmUpDays, days);
}

export function dayOffset(fromIsoDate: string, toIsoDate: string): number {
  return Math.round(
    (Date.parse(`${toIsoDate}T00:00:00Z`) - Date.parse(`${fromIsoDate}T00:00:00Z`)) / 86_400_000,
  );
}

/** NHS financial year of an ISO date: 2025-06-30 is in `2025/26`. */
export function financialYearOf(isoDate: string): string {
  return financialYearLabel(new Date(`${isoDate}T00:00:00Z`));
}

/** Whole years from one financial year to another: 2025/26 to 2027/28 is 2. */
export function financialYearsBetween(from: string, to: string): number {
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4));
}

/** NHS financial year of a date: April 2025 to March 2026 is `2025/26`. */
function financialYearLabel(date: Date): string {
  const year = date.getUTCFullYear() - (date.getUTCMonth() < 3 ? 1 : 0);
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}
