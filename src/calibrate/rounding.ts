/**
 * Rounding that keeps totals: shares written to 0.1% that add up to exactly 100%, and
 * seasonal multipliers to 0.01 that average exactly 1. The remainder goes on the largest part.
 */
export function roundToTotal(values: number[], total: number, steps: number): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  const units = values.map((v) => Math.round((v / sum) * steps));
  let largest = 0;
  units.forEach((u, i) => {
    if (u > units[largest]) largest = i;
  });
  units[largest] += steps - units.reduce((a, b) => a + b, 0);
  return units.map((u) => (u * total) / steps);
}

/** Shares (fractions) as percentages to 0.1% adding to exactly 100%, written "82.3%". */
export function percentsTo100(fractions: number[]): string[] {
  return roundToTotal(fractions, 1000, 1000).map((tenths) => `${(tenths / 10).toFixed(1)}%`);
}

/** Twelve monthly multipliers to 0.01 averaging exactly 1. */
export function seasonalTo12(multipliers: number[]): number[] {
  return roundToTotal(multipliers, 1200, 1200).map((hundredths) => Math.round(hundredths) / 100);
}
