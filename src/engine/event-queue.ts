/** Bits of an event's packed payload that hold its kind; the rest hold its subject. */
const KIND_BITS = 4;
const KIND_MASK = (1 << KIND_BITS) - 1;
/** 2^40: a rank's share of an event's tie-break, above any sequence number. */
const RANK_STEP = 0x100_0000_0000;
/** Subjects must be below this (2^27, about 134 million) to pack beside the kind in 32 bits. */
const SUBJECT_LIMIT = 1 << (31 - KIND_BITS);

/**
 * The future event list: a binary min-heap over parallel typed arrays (no object per event).
 *
 * Order is deterministic: earliest time first; at equal times, lower `rank` first (the model
 * gives each event kind a rank, e.g. discharges before admissions); at equal time and rank,
 * first scheduled first (FIFO). Events carry two small integers, a `kind` (below 16) and a
 * `subject` (e.g. a person's index, 0 to 2^27 - 1), so the engine knows nothing about what
 * they mean. Both are packed into one integer, so a heap move copies three numbers, not four.
 */
export class EventQueue {
  private times: Float64Array;
  /** rank * 2^40 + sequence number: one comparison settles ties. */
  private ties: Float64Array;
  /** subject * 2^KIND_BITS + kind. */
  private payloads: Int32Array;
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
    if (rankOfKind.length > KIND_MASK + 1) {
      throw new RangeError(`at most ${KIND_MASK + 1} event kinds (got ${rankOfKind.length})`);
    }
    this.times = new Float64Array(initialCapacity);
    this.ties = new Float64Array(initialCapacity);
    this.payloads = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.count;
  }

  schedule(time: number, kind: number, subject: number): void {
    if (!(time >= this.time) || !Number.isFinite(time)) {
      throw new RangeError(`cannot schedule an event at ${time}: the clock is at ${this.time}`);
    }
    if (!(subject >= 0 && subject < SUBJECT_LIMIT) || kind >= this.rankOfKind.length) {
      throw new RangeError(`event subject ${subject} or kind ${kind} is out of range`);
    }
    if (this.count === this.times.length) this.grow();
    const tie = this.rankOfKind[kind] * RANK_STEP + this.sequence++;
    const payload = (subject << KIND_BITS) | kind;
    const times = this.times;
    const ties = this.ties;
    const payloads = this.payloads;
    // Sift up: move parents down until the new event's slot is found.
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && ties[parent] < tie)) break;
      times[i] = pt;
      ties[i] = ties[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    ties[i] = tie;
    payloads[i] = payload;
  }

  /** Takes the next event into `time`, `kind`, `subject`; returns false when none is left. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.time = this.times[0];
    const payload = this.payloads[0];
    this.kind = payload & KIND_MASK;
    this.subject = payload >>> KIND_BITS;
    const last = --this.count;
    if (last > 0) this.siftDownFromRoot(last);
    return true;
  }

  /** Time of the next event without taking it (Infinity when empty). */
  peekTime(): number {
    return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0];
  }

  /** Moves the event in slot `last` into the root's place and sifts it down. */
  private siftDownFromRoot(last: number): void {
    const times = this.times;
    const ties = this.ties;
    const payloads = this.payloads;
    const time = times[last];
    const tie = ties[last];
    const payload = payloads[last];
    const n = this.count;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = times[child];
      const right = child + 1;
      if (right < n) {
        const rt = times[right];
        if (rt < ct || (rt === ct && ties[right] < ties[child])) {
          child = right;
          ct = rt;
        }
      }
      if (ct > time || (ct === time && ties[child] > tie)) break;
      times[i] = ct;
      ties[i] = ties[child];
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = time;
    ties[i] = tie;
    payloads[i] = payload;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    times.set(this.times);
    this.times = times;
    const ties = new Float64Array(size);
    ties.set(this.ties);
    this.ties = ties;
    const payloads = new Int32Array(size);
    payloads.set(this.payloads);
    this.payloads = payloads;
  }
}
