/** The most people on each ward on any day of the extract, printed beside its beds as a check. */
import type { Spell } from "../data/spell.js";

export function peakCensus(spells: Spell[], extractDate: number): Map<string, number> {
  const changes = new Map<string, Map<number, number>>();
  const bump = (ward: string, day: number, by: number) => {
    const m = changes.get(ward) ?? new Map<number, number>();
    m.set(day, (m.get(day) ?? 0) + by);
    changes.set(ward, m);
  };
  for (const s of spells) {
    bump(s.ward, s.admitted, 1);
    // In a bed from the admission day up to, not including, the discharge day.
    bump(s.ward, s.discharged ?? extractDate + 1, -1);
  }
  const peaks = new Map<string, number>();
  for (const [ward, m] of changes) {
    let now = 0;
    let peak = 0;
    for (const day of [...m.keys()].sort((a, b) => a - b)) {
      now += m.get(day) as number;
      peak = Math.max(peak, now);
    }
    peaks.set(ward, peak);
  }
  return peaks;
}
