import { calendarOf, financialYearsBetween } from "../model/calendar.js";
import { partKpi } from "../model/kpi-definitions.js";
import type { ReplicationOutcome } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import { hasCosts } from "../model/reported-kpis.js";

/** Cost of one replication by financial year and service, in pounds. */
export interface ReplicationCosts {
  /** [financial year index][service id] → £ */
  byYear: Record<string, number>[];
  /** Per service, £ a year averaged over the results period. */
  perYear: Record<string, number>;
  totalPerYear: number;
}

/**
 * Staffed beds and places cost money while open (closing them saves it), occupied bed-days
 * and out-of-area days cost per day used, and some services are paid per episode. A bed open
 * for a whole financial year costs exactly its yearly cost, leap year or not. With
 * `pathway.finance`, one-off costs are added in their financial year, and every year's costs
 * are carried from the prices of `pricesOf` by inflation (cash terms).
 */
export function costsOf(pathway: Pathway, outcome: ReplicationOutcome): ReplicationCosts {
  const calendar = calendarOf(pathway);
  const { finance } = pathway;
  const byYear = outcome.byFinancialYear.map((fy, i) => {
    const row: Record<string, number> = {};
    for (const s of pathway.services) {
      const use = fy.services[s.id];
      row[s.id] =
        (use.openBedDays / calendar.financialYearLengths[i]) * s.cost.perBedPerYear +
        use.occupiedBedDays * s.cost.perOccupiedBedDay +
        use.entries * s.cost.perEpisode;
    }
    if (!finance) return row;
    for (const c of finance.oneOffCosts)
      if (c.day >= 0 && c.day < pathway.horizon.days && calendar.financialYearOfDay(c.day) === i)
        row[c.service] += c.amount;
    // Costs are priced in one year; each later year's cost that much higher (earlier, lower).
    const prices =
      (1 + finance.inflationPerYear) **
      financialYearsBetween(finance.pricesOf, calendar.financialYears[i]);
    for (const id of Object.keys(row)) row[id] *= prices;
    return row;
  });
  const perYear: Record<string, number> = {};
  // Financial years covered (a part year counts as its share), so whole years average exactly.
  const years = calendar.financialYearDays.reduce(
    (sum, covered, i) => sum + covered / calendar.financialYearLengths[i],
    0,
  );
  for (const s of pathway.services)
    perYear[s.id] = byYear.reduce((a, row) => a + row[s.id], 0) / years;
  const totalPerYear = Object.values(perYear).reduce((a, b) => a + b, 0);
  return { byYear, perYear, totalPerYear };
}

/** Adds `total_cost` and `cost.<service>` KPIs to an outcome (and per financial year). */
export function withCosts(pathway: Pathway, outcome: ReplicationOutcome): ReplicationOutcome {
  const costs = costsOf(pathway, outcome);
  if (!hasCosts(pathway)) return outcome;
  outcome.kpis.total_cost = costs.totalPerYear;
  for (const [id, value] of Object.entries(costs.perYear))
    outcome.kpis[partKpi("cost", id)] = value;
  outcome.byFinancialYear.forEach((fy, i) => {
    let total = 0;
    for (const [id, value] of Object.entries(costs.byYear[i])) {
      fy.kpis[partKpi("cost", id)] = value;
      total += value;
    }
    fy.kpis.total_cost = total;
  });
  return outcome;
}
