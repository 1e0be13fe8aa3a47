/**
 * Realised lengths of acute inpatient stays: from admission (local or out of area) to leaving
 * inpatient care, intensive care, waits for a place and delayed discharges included, since
 * that is how long the bed is used. Only stays that end are kept; the outcomes take those
 * that ended in the results period.
 */
export class StayLog {
  /** admittedAt[person]: when their current inpatient stay began (NaN when not an inpatient). */
  private admittedAt = new Float64Array(1024).fill(Number.NaN);
  private size = 0;
  private cohorts = new Int32Array(1024);
  private ends = new Float64Array(1024);
  private lengths = new Float64Array(1024);

  admit(person: number, t: number): void {
    if (person >= this.admittedAt.length) {
      const grown = new Float64Array(Math.max(person + 1, this.admittedAt.length * 2));
      grown.fill(Number.NaN);
      grown.set(this.admittedAt);
      this.admittedAt = grown;
    }
    this.admittedAt[person] = t;
  }

  discharge(person: number, cohort: number, t: number): void {
    const from = person < this.admittedAt.length ? this.admittedAt[person] : Number.NaN;
    if (Number.isNaN(from)) return;
    this.admittedAt[person] = Number.NaN;
    if (this.size === this.ends.length) this.grow();
    this.cohorts[this.size] = cohort;
    this.ends[this.size] = t;
    this.lengths[this.size] = t - from;
    this.size++;
  }

  /** The stays that ended, in the order they ended. */
  completed(): CompletedStays {
    return {
      cohort: this.cohorts.slice(0, this.size),
      endedAt: this.ends.slice(0, this.size),
      days: this.lengths.slice(0, this.size),
    };
  }

  private grow(): void {
    const n = this.ends.length * 2;
    const cohorts = new Int32Array(n);
    cohorts.set(this.cohorts);
    const ends = new Float64Array(n);
    ends.set(this.ends);
    const lengths = new Float64Array(n);
    lengths.set(this.lengths);
    this.cohorts = cohorts;
    this.ends = ends;
    this.lengths = lengths;
  }
}

/** Stays that ended: cohort index, end (days since the results period began) and length. */
export interface CompletedStays {
  cohort: Int32Array;
  endedAt: Float64Array;
  days: Float64Array;
}
