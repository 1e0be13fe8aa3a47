import type { ResolvedReinvestment } from "./to-pathway.js";

/**
 * A resolved reinvestment as summary.json records it (snake_case, in pounds a year): what the
 * command line writes and what the explorer page builds, from one mapping.
 */
export function reinvestmentRecords(reinvestments: readonly ResolvedReinvestment[]) {
  return reinvestments.map((r) => ({
    date: r.date,
    share_reinvested: r.share,
    released_per_year: r.releasedPerYear,
    reinvested_per_year: r.reinvestedPerYear,
    bought: r.bought.map((b) => ({
      service: b.service,
      capacity: b.capacity,
      unit_cost_per_year: b.unitCostPerYear,
      cost_per_year: b.costPerYear,
    })),
    unspent_per_year: r.unspentPerYear,
  }));
}
