/**
 * Daily bins for everything a replication measures. Levels (beds occupied, people waiting)
 * are integrated over time, so a bin holds "person-days" and its mean level is the bin value;
 * counts (admissions) are added to the day they happen. Bins cover warm-up and results so the
 * warm-up can be checked; KPIs later read only the results days.
 */
export class Recorder {
  /** levelDays[metric][day]: integral of the level over that day. */
  readonly levelDays: Float64Array[];
  /** counts[metric][day]. */
  readonly counts: Float64Array[];
  private readonly value: Float64Array;
  private readonly since: Float64Array;
  private readonly origin: number;
  readonly totalDays: number;
  /** Every count series end to end (`counts` are views into it): one index per count. */
  private readonly countBlock: Float64Array;
  /**
   * The day of the last time counted at, as an offset into `countBlock` (-1 outside the
   * horizon). An event makes several counts at one time, so the day is worked out once.
   */
  private countTime = Number.NaN;
  private countDay = -1;

  constructor(levelMetrics: number, countMetrics: number, warmUpDays: number, days: number) {
    this.totalDays = warmUpDays + days;
    this.origin = -warmUpDays;
    // One block for every series (views into it): one allocation per replication, not dozens.
    const n = this.totalDays;
    const block = new Float64Array((levelMetrics + countMetrics) * n);
    this.levelDays = Array.from({ length: levelMetrics }, (_, m) =>
      block.subarray(m * n, (m + 1) * n),
    );
    this.countBlock = block.subarray(levelMetrics * n);
    this.counts = Array.from({ length: countMetrics }, (_, m) =>
      this.countBlock.subarray(m * n, (m + 1) * n),
    );
    this.value = new Float64Array(levelMetrics);
    this.since = new Float64Array(levelMetrics).fill(this.origin);
  }

  /** Adds `delta` to a level at time `t` (days). */
  change(metric: number, delta: number, t: number): void {
    this.integrate(metric, t);
    this.value[metric] += delta;
  }

  set(metric: number, level: number, t: number): void {
    this.integrate(metric, t);
    this.value[metric] = level;
  }

  level(metric: number): number {
    return this.value[metric];
  }

  count(metric: number, t: number, amount = 1): void {
    if (t !== this.countTime) {
      this.countTime = t;
      const day = Math.floor(t - this.origin);
      this.countDay = day >= 0 && day < this.totalDays ? day : -1;
    }
    if (this.countDay >= 0) this.countBlock[metric * this.totalDays + this.countDay] += amount;
  }

  /** Closes every level at the end of the horizon. */
  finish(t: number): void {
    for (let m = 0; m < this.value.length; m++) this.integrate(m, t);
  }

  private integrate(metric: number, t: number): void {
    let from = this.since[metric];
    if (t <= from) return;
    const level = this.value[metric];
    this.since[metric] = t;
    if (level === 0) return;
    const bins = this.levelDays[metric];
    const end = Math.min(t - this.origin, this.totalDays);
    from -= this.origin;
    // Split the interval at day boundaries; most intervals fall within one day.
    while (from < end) {
      const day = Math.floor(from);
      const to = Math.min(day + 1, end);
      bins[day] += level * (to - from);
      from = to;
    }
  }
}
