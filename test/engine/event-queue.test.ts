/**
 * The event list's documented order: earliest time first; at equal times lower rank first; at
 * equal time and rank, first scheduled first. Kinds and subjects come back as scheduled.
 */
import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/event-queue.js";

function drain(queue: EventQueue): [number, number, number][] {
  const out: [number, number, number][] = [];
  while (queue.pop()) out.push([queue.time, queue.kind, queue.subject]);
  return out;
}

describe("EventQueue", () => {
  it("pops in time order, then rank, then first scheduled", () => {
    // Kind 0 ranks after kind 1 (a discharge before an admission at the same instant).
    const queue = new EventQueue([1, 0, 1]);
    queue.schedule(2, 0, 10);
    queue.schedule(1, 0, 11);
    queue.schedule(2, 1, 12);
    queue.schedule(2, 2, 13);
    queue.schedule(2, 0, 14);
    queue.schedule(0.5, 2, 15);
    expect(drain(queue)).toStrictEqual([
      [0.5, 2, 15],
      [1, 0, 11],
      [2, 1, 12],
      [2, 0, 10],
      [2, 2, 13],
      [2, 0, 14],
    ]);
  });

  it("agrees with a sort on many random events, growing past its initial capacity", () => {
    const ranks = [0, 1, 1, 2, 2, 3, 4];
    const queue = new EventQueue(ranks, 4);
    const expected: { time: number; kind: number; subject: number; order: number }[] = [];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5000; i++) {
      // Few distinct times, so ties are common and the tie-breaks are exercised.
      const time = Math.floor(random() * 50);
      const kind = Math.floor(random() * ranks.length);
      const subject = Math.floor(random() * 2 ** 27);
      queue.schedule(time, kind, subject);
      expected.push({ time, kind, subject, order: i });
    }
    expected.sort((a, b) => a.time - b.time || ranks[a.kind] - ranks[b.kind] || a.order - b.order);
    expect(queue.size).toBe(5000);
    expect(drain(queue)).toStrictEqual(expected.map((e) => [e.time, e.kind, e.subject]));
  });

  it("refuses events in the past, subjects that do not fit and unknown kinds", () => {
    const queue = new EventQueue([0, 1]);
    queue.schedule(5, 0, 1);
    queue.pop();
    expect(() => queue.schedule(4, 0, 1)).toThrow(RangeError);
    expect(() => queue.schedule(Number.NaN, 0, 1)).toThrow(RangeError);
    expect(() => queue.schedule(6, 0, 2 ** 27)).toThrow(RangeError);
    expect(() => queue.schedule(6, 0, -1)).toThrow(RangeError);
    expect(() => queue.schedule(6, 2, 1)).toThrow(RangeError);
    expect(() => new EventQueue(new Array(17).fill(0))).toThrow(RangeError);
  });
});
