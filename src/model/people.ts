import { nextInStream } from "../engine/random.js";

/** Where a person is in their episode. */
export enum State {
  Home = 0,
  WaitingForBed = 1,
  /** In a bed or place, stay not yet over. */
  InStay = 2,
  /** Ready to leave a ward but held by a delay outside the model (care package, housing). */
  DelayedExternally = 3,
  /** Ready to leave a ward but the next service is full: a delayed discharge. */
  WaitingForPlace = 4,
  /** Ready to leave intensive care but no local acute bed is free: waits in the PICU bed. */
  WaitingForStepDown = 5,
}

/** Room for this many people before the columns first grow. */
const INITIAL_CAPACITY = 1024;

/**
 * Everyone who has arrived in one replication, one typed column per attribute, indexed by
 * person id (0, 1, 2, ... in order of arrival). A replication meets tens of thousands of
 * people, all reachable until it ends; as one object each they were most of the garbage the
 * collector had to copy, while columns make none. Columns grow by doubling.
 */
export class People {
  count = 0;
  cohort: Int32Array;
  state: Uint8Array;
  /** Service index of the bed or place held, or -1. */
  at: Int32Array;
  /** When the current stay (or delay) ends; events that do not match are stale. */
  endsAt: Float64Array;
  waitDeadline: Float64Array;
  waitingSince: Float64Array;
  /** When a readmission is due (NaN when none is). */
  readmitAt: Float64Array;
  /** 1 while in an acute ward or acute out-of-area bed (this episode's inpatient stay). */
  inpatient: Uint8Array;
  /** Index into the out-of-area list of `at`, for constant-time removal. */
  outOfAreaSlot: Int32Array;
  /** The discharge route chosen when ready for discharge (the simulation's route id), or -1. */
  route: Int32Array;
  // Needs, drawn when the episode starts (common random numbers).
  wardStay: Float64Array;
  routeDraw: Float64Array;
  delayDraw: Float64Array;
  readmitDraw: Float64Array;
  // Intensive care: columns kept only in models that have it (empty otherwise), so that other
  // models neither draw nor allocate anything more for it.
  /** Whether this admission needs intensive care (a uniform draw against the share). */
  picuDraw: Float64Array;
  /** When this episode's intensive-care need arises (NaN when it has none pending). */
  picuAt: Float64Array;
  /** Local-equivalent acute stay left when the person moved to intensive care. */
  picuRemaining: Float64Array;
  /** State of each person's own random stream, seeded when they arrive. */
  private stream: Uint32Array;

  constructor(
    expected = INITIAL_CAPACITY,
    private readonly intensiveCare = false,
  ) {
    const n = Math.max(16, Math.ceil(expected));
    const picu = intensiveCare ? n : 0;
    this.cohort = new Int32Array(n);
    this.state = new Uint8Array(n);
    this.at = new Int32Array(n);
    this.endsAt = new Float64Array(n);
    this.waitDeadline = new Float64Array(n);
    this.waitingSince = new Float64Array(n);
    this.readmitAt = new Float64Array(n);
    this.inpatient = new Uint8Array(n);
    this.outOfAreaSlot = new Int32Array(n);
    this.route = new Int32Array(n);
    this.wardStay = new Float64Array(n);
    this.routeDraw = new Float64Array(n);
    this.delayDraw = new Float64Array(n);
    this.readmitDraw = new Float64Array(n);
    this.picuDraw = new Float64Array(picu);
    this.picuAt = new Float64Array(picu);
    this.picuRemaining = new Float64Array(picu);
    this.stream = new Uint32Array(n);
  }

  /** A new person at home, not yet in any service; returns their id. Needs are set by the caller. */
  add(cohort: number): number {
    if (this.count === this.cohort.length) this.grow();
    const person = this.count++;
    this.cohort[person] = cohort;
    this.state[person] = State.Home;
    this.at[person] = -1;
    this.readmitAt[person] = Number.NaN;
    if (this.intensiveCare) this.picuAt[person] = Number.NaN;
    this.outOfAreaSlot[person] = -1;
    this.route[person] = -1;
    return person;
  }

  /** Seeds a person's own stream from a uniform draw (32 bits of it). */
  seedStream(person: number, uniform: number): void {
    this.stream[person] = uniform * 4294967296;
  }

  /** The next uniform draw from a person's own stream. */
  draw(person: number): number {
    return nextInStream(this.stream, person);
  }

  private grow(): void {
    const size = this.cohort.length * 2;
    const grown = <T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    const f64 = (n: number) => new Float64Array(n);
    const i32 = (n: number) => new Int32Array(n);
    const u8 = (n: number) => new Uint8Array(n);
    this.cohort = grown(this.cohort, i32);
    this.state = grown(this.state, u8);
    this.at = grown(this.at, i32);
    this.endsAt = grown(this.endsAt, f64);
    this.waitDeadline = grown(this.waitDeadline, f64);
    this.waitingSince = grown(this.waitingSince, f64);
    this.readmitAt = grown(this.readmitAt, f64);
    this.inpatient = grown(this.inpatient, u8);
    this.outOfAreaSlot = grown(this.outOfAreaSlot, i32);
    this.route = grown(this.route, i32);
    this.wardStay = grown(this.wardStay, f64);
    this.routeDraw = grown(this.routeDraw, f64);
    this.delayDraw = grown(this.delayDraw, f64);
    this.readmitDraw = grown(this.readmitDraw, f64);
    if (this.intensiveCare) {
      this.picuDraw = grown(this.picuDraw, f64);
      this.picuAt = grown(this.picuAt, f64);
      this.picuRemaining = grown(this.picuRemaining, f64);
    }
    this.stream = grown(this.stream, (n) => new Uint32Array(n));
  }
}
