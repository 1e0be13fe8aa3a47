/**
 * The pathway's events, and what happens first when several fall at the same instant. The
 * order is part of the model's meaning (a bed freed by a discharge at 09:00 can take an
 * admission at 09:00), so it is named here once rather than implied by positions in an array.
 */
export const SAME_INSTANT = {
  /** Dated changes first, so everything at that instant sees the new beds and rules. */
  CHANGES: 0,
  /** Stays and delays ending free beds before anyone asks for one. */
  DEPARTURES: 1,
  /** Arrivals and readmissions can then use a bed freed at that instant. */
  ARRIVALS: 2,
  /** A maximum wait runs out only if no bed freed at that instant. */
  WAIT_ENDS: 3,
  /** The end of the run after everything else at its last instant. */
  END_OF_RUN: 4,
} as const;

/**
 * Each kind of event: its number in the event list (small: it is packed beside its subject)
 * and its same-instant rank. Within a rank, first scheduled is first.
 */
export const EVENT_KINDS = {
  CHANGE: { code: 0, rank: SAME_INSTANT.CHANGES },
  STAY_END: { code: 1, rank: SAME_INSTANT.DEPARTURES },
  DELAY_END: { code: 2, rank: SAME_INSTANT.DEPARTURES },
  ARRIVAL: { code: 3, rank: SAME_INSTANT.ARRIVALS },
  READMISSION: { code: 4, rank: SAME_INSTANT.ARRIVALS },
  WAIT_TIMEOUT: { code: 5, rank: SAME_INSTANT.WAIT_ENDS },
  END: { code: 6, rank: SAME_INSTANT.END_OF_RUN },
  /** An arrival beyond the unscaled rate (arrivals scaled above 1), ranked with arrivals. */
  EXTRA_ARRIVAL: { code: 7, rank: SAME_INSTANT.ARRIVALS },
  /** An acute patient needs intensive care: asks for a PICU bed after beds have freed. */
  PICU_NEED: { code: 8, rank: SAME_INSTANT.ARRIVALS },
} as const;

export type EventKind = keyof typeof EVENT_KINDS;

/** Rank by event number, as the engine's event list takes it. */
export const RANK_OF_EVENT: readonly number[] = (() => {
  const ranks: number[] = [];
  for (const { code, rank } of Object.values(EVENT_KINDS)) ranks[code] = rank;
  return ranks;
})();
