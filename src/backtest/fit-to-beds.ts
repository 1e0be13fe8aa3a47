/**
 * A census from an extract can hold more people on a ward than it has beds: patients on leave
 * keep their bed, and a spell records the acute ward while its patient is in intensive care.
 * The simulation cannot put two people in one bed, so the most recently admitted above a
 * ward's beds move, in order, to another ward that takes their cohort, to the PICU, or out of
 * area; each move is reported.
 */

import type { CensusRow } from "../data/census-on-date.js";
import type { Pathway } from "../model/pathway.js";
import { SERVICE_KINDS } from "../model/service-kinds.js";

export interface FittedCensus {
  census: CensusRow[];
  /** "2 people above willow_ward's 24 beds were placed in picu", one line a ward and place. */
  moves: string[];
}

export function fitToBeds(census: readonly CensusRow[], pathway: Pathway): FittedCensus {
  const beds = new Map(pathway.services.map((s) => [s.id, s.capacity]));
  const used = new Map<string, number>();
  const rows = [...census].sort((a, b) =>
    a.admitted < b.admitted ? -1 : a.admitted > b.admitted ? 1 : 0,
  );
  const byId = new Map(pathway.services.map((s) => [s.id, s]));
  const withRole = (role: string) =>
    pathway.services.filter((s) => SERVICE_KINDS[s.kind].role === role).map((s) => s.id);
  // Where someone above a ward's beds goes, in order of preference: a ward, then the PICU.
  const alternatives = [...withRole("acute"), ...withRole("intensive_care")];
  const isWard = new Set(withRole("acute"));
  const room = (id: string) => (used.get(id) ?? 0) < (beds.get(id) ?? Number.POSITIVE_INFINITY);
  const takes = (id: string, cohort: string) => byId.get(id)?.accepts.includes(cohort) ?? false;
  const counts = new Map<string, number>();
  const fitted = rows.map((row) => {
    let service = row.service;
    if (!room(service) && isWard.has(service)) {
      service =
        alternatives.find((id) => id !== row.service && takes(id, row.cohort) && room(id)) ??
        pathway.acuteOutOfArea;
      const key = `${row.service}\u0000${service}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    used.set(service, (used.get(service) ?? 0) + 1);
    return { ...row, service };
  });
  const moves = [...counts].map(([key, n]) => {
    const [ward, to] = key.split("\u0000");
    return `${n} ${n === 1 ? "person" : "people"} above ${ward}'s ${beds.get(ward)} beds on the start date ${n === 1 ? "was" : "were"} placed in ${to}.`;
  });
  return { census: fitted, moves };
}
