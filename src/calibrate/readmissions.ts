/**
 * Readmissions: the same person admitted again within the window after a discharge. They are
 * not new arrivals (the model makes them from each route's readmission share), so arrivals
 * are counted without them.
 */

import { continuesAfter, type Spell, TRANSFER } from "../data/spell.js";

export interface Readmissions {
  /** Spells that are someone's readmission within the window. */
  isReadmission: boolean[];
  /**
   * Spells that carry on one that ended in a move to another provider that day (a placement
   * out of area brought home): part of the same episode, neither an arrival nor a readmission.
   */
  continues: boolean[];
  /** Discharged spells followed by a readmission within the window. */
  wasReadmitted: boolean[];
}

export function findReadmissions(spells: Spell[], windowDays: number): Readmissions {
  const isReadmission = spells.map(() => false);
  const wasReadmitted = spells.map(() => false);
  const continues = spells.map(() => false);
  const byPerson = new Map<string, number[]>();
  spells.forEach((s, i) => {
    const list = byPerson.get(s.personId);
    if (list) list.push(i);
    else byPerson.set(s.personId, [i]);
  });
  for (const list of byPerson.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => spells[a].admitted - spells[b].admitted);
    for (let k = 1; k < list.length; k++) {
      const before = spells[list[k - 1]];
      if (before.route === TRANSFER) {
        continues[list[k]] = continuesAfter(before, spells[list[k]]);
        continue;
      }
      const gap = spells[list[k]].admitted - (before.discharged ?? Number.POSITIVE_INFINITY);
      if (gap >= 0 && gap <= windowDays) {
        isReadmission[list[k]] = true;
        wasReadmitted[list[k - 1]] = true;
      }
    }
  }
  return { isReadmission, wasReadmitted, continues };
}
