/**
 * Turning money released by closing beds into capacity elsewhere. Pure arithmetic, so the
 * scenario layer can resolve a `reinvest` change into ordinary capacity changes and the report
 * can say exactly what the money bought.
 */
export interface ReinvestmentTarget {
  service: string;
  /** Share of the reinvested money that goes to this service. */
  share: number;
  /** What one bed or place costs a year. */
  unitCostPerYear: number;
}

export interface Reinvestment {
  releasedPerYear: number;
  reinvestedPerYear: number;
  bought: { service: string; capacity: number; unitCostPerYear: number; costPerYear: number }[];
  /** Money set aside for reinvestment but too little to buy a whole bed or place. */
  unspentPerYear: number;
}

export function reinvest(
  releasedPerYear: number,
  share: number,
  targets: ReinvestmentTarget[],
): Reinvestment {
  const reinvestedPerYear = releasedPerYear * share;
  const bought = targets.map((t) => {
    const budget = reinvestedPerYear * t.share;
    // A tiny epsilon stops 3 × £100k = £299,999.99999 from buying only 2 places.
    const capacity = t.unitCostPerYear > 0 ? Math.floor(budget / t.unitCostPerYear + 1e-9) : 0;
    return {
      service: t.service,
      capacity,
      unitCostPerYear: t.unitCostPerYear,
      costPerYear: capacity * t.unitCostPerYear,
    };
  });
  const spent = bought.reduce((a, b) => a + b.costPerYear, 0);
  return { releasedPerYear, reinvestedPerYear, bought, unspentPerYear: reinvestedPerYear - spent };
}
