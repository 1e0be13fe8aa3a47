/**
 * Quantiles (R's type 7, exactly as `quantile` gives them from sorted data) found by selection
 * rather than a full sort: linear time, which matters where every replication asks for the
 * median and 90th percentile of thousands of stays. `values` is reordered in place.
 */
export function selectQuantiles(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => Number.NaN);
  // After selecting order statistic k, everything left of k is <= values[k] <= everything
  // right of it, so a higher statistic is found among the right part alone.
  let settled = -1;
  const at = (k: number): number => {
    if (k > settled) {
      select(values, k, settled + 1, n - 1);
      settled = k;
    }
    return values[k];
  };
  return [...ps]
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p - b.p)
    .map(({ p, i }) => {
      const h = (n - 1) * p;
      const lo = Math.floor(h);
      const hi = Math.min(lo + 1, n - 1);
      const low = at(lo);
      return { i, value: low + (h - lo) * (at(hi) - low) };
    })
    .sort((a, b) => a.i - b.i)
    .map(({ value }) => value);
}

/**
 * Puts the k-th smallest of values[left..right] at index k, smaller ones before it and larger
 * ones after (Hoare's selection, with a median-of-three pivot so that sorted or constant data
 * do not make it quadratic).
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  let l = left;
  let r = right;
  while (l < r) {
    const m = (l + r) >>> 1;
    const x = medianOfThree(a[l], a[m], a[r]);
    let i = l;
    let j = r;
    while (i <= j) {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const swap = a[i];
        a[i] = a[j];
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (j < k) l = i;
    if (k < i) r = j;
  }
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
