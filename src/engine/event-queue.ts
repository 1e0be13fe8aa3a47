/**
 * The future event list: a binary min-heap over parallel typed arrays (no object per event).
 *
 * Order is deterministic: earliest time first; at equal times, lower `rank` first (the model
 * gives each event kind a rank, e.g. discharges before admissions); at equal time and rank,
 * first scheduled first (FIFO). Events carry two small integers, a `kind` and a `subject`
 * (e.g. a person's index), so the engine knows nothing about what they mean.
 */
export class EventQueue {
  private times: Float64Array;
  /** rank * 2^40 + sequence number: one comparison settles ties. */
  private ties: Float64Array;
  private kinds: Int32Array;
  private subjects: Int32Array;
  private count = 0;
  private sequence = 0;

  /** Set by `pop()`: the event just taken (the clock). Nothing may be scheduled before it. */
  time = Number.NEGATIVE_INFINITY;
  kind = 0;
  subject = 0;

  constructor(
    private readonly rankOfKind: ArrayLike<number>,
    initialCapacity = 1024,
  ) {
    this.times = new Float64Array(initialCapacity);
    this.ties = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.subjects = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  schedule(time: number, kind: number, subject: number): void {
    if (!(time >= this.time) || !Number.isFinite(time)) {
      throw new RangeError(`cannot schedule an event at ${time}: the clock is at ${this.time}`);
    }
    if (this.count === this.times.length) this.grow();
    const tie = this.rankOfKind[kind] * 2 ** 40 + this.sequence++;
    // Sift up: move parents down until the new event's slot is found.
    let i = this.count++;
    const times = this.times;
    const ties = this.ties;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && ties[parent] < tie)) break;
      this.move(parent, i);
      i = parent;
    }
    times[i] = time;
    ties[i] = tie;
    this.kinds[i] = kind;
    this.subjects[i] = subject;
  }

  /** Takes the next event into `time`, `kind`, `subject`; returns false when none is left. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.time = this.times[0];
    this.kind = this.kinds[0];
    this.subject = this.subjects[0];
    const last = --this.count;
    if (last > 0) this.siftDownFromRoot(last);
    return true;
  }

  /** Time of the next event without taking it (Infinity when empty). */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0];
  }

  private siftDownFromRoot(last: number): void {
    const times = this.times;
    const ties = this.ties;
    const time = times[last];
    const tie = ties[last];
    const kind = this.kinds[last];
    const subject = this.subjects[last];
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (times[right] < times[child] ||
          (times[right] === times[child] && ties[right] < ties[child]))
      ) {
        child = right;
      }
      const ct = times[child];
      if (ct > time || (ct === time && ties[child] > tie)) break;
      this.move(child, i);
      i = child;
    }
    times[i] = time;
    ties[i] = tie;
    this.kinds[i] = kind;
    this.subjects[i] = subject;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.ties[to] = this.ties[from];
    this.kinds[to] = this.kinds[from];
    this.subjects[to] = this.subjects[from];
  }

  private grow(): void {
    const size = this.times.length * 2;
    const grown = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.times = grown(this.times, (n) => new Float64Array(n));
    this.ties = grown(this.ties, (n) => new Float64Array(n));
    this.kinds = grown(this.kinds, (n) => new Int32Array(n));
    this.subjects = grown(this.subjects, (n) => new Int32Array(n));
  }
}
