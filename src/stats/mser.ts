/**
 * MSER-5 (White, 1997): the warm-up truncation point that minimises the marginal standard
 * error of the mean of what remains. The series is averaged in batches of 5; truncation is
 * only considered in the first half, as the rule prescribes, because near the end a few
 * values can always look stable. Returns the number of leading observations to discard.
 */
export function mser5(series: ArrayLike<number>): number {
  const batch = 5;
  const batches = Math.floor(series.length / batch);
  if (batches < 4) return 0;
  const means = new Float64Array(batches);
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = 0; i < batch; i++) sum += series[b * batch + i];
    means[b] = sum / batch;
  }
  // Suffix sums give each candidate's mean and variance in one pass from the end.
  let sum = 0;
  let squares = 0;
  let best = 0;
  let bestStatistic = Number.POSITIVE_INFINITY;
  const statistics = new Float64Array(batches);
  for (let d = batches - 1; d >= 0; d--) {
    sum += means[d];
    squares += means[d] * means[d];
    const n = batches - d;
    const mean = sum / n;
    statistics[d] = Math.max(0, squares / n - mean * mean) / n;
  }
  for (let d = 0; d <= Math.floor(batches / 2); d++) {
    if (statistics[d] < bestStatistic) {
      bestStatistic = statistics[d];
      best = d;
    }
  }
  return best * batch;
}
