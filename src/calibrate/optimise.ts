/**
 * Nelder-Mead minimisation and a numerical Hessian: enough to fit a handful of parameters by
 * maximum likelihood. Parameters are on unbounded scales (logs, logits), so the simplex never
 * needs constraints.
 */
export type Objective = (x: number[]) => number;

export function nelderMead(
  f: Objective,
  start: number[],
  { step = 0.5, maxIterations = 2000, tolerance = 1e-9 } = {},
): { x: number[]; value: number } {
  const n = start.length;
  // A non-finite value (a parameter too extreme to evaluate) counts as worse than any other.
  const g = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map(
    (x) => ({ x, v: g(x) }),
  );
  const toward = (a: number[], b: number[], t: number) => a.map((v, i) => v + t * (b[i] - v));
  for (let it = 0; it < maxIterations; it++) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance) && it > 10) break;
    const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, p) => s + p.x[j], 0) / n);
    const reflected = toward(centroid, worst.x, -1);
    const vr = g(reflected);
    if (vr < best.v) {
      const expanded = toward(centroid, worst.x, -2);
      const ve = g(expanded);
      simplex[n] = ve < vr ? { x: expanded, v: ve } : { x: reflected, v: vr };
    } else if (vr < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: vr };
    } else {
      const contracted =
        vr < worst.v ? toward(centroid, reflected, 0.5) : toward(centroid, worst.x, 0.5);
      const vc = g(contracted);
      if (vc < Math.min(vr, worst.v)) simplex[n] = { x: contracted, v: vc };
      else
        simplex = simplex.map((p, i) =>
          i === 0 ? p : { x: toward(best.x, p.x, 0.5), v: g(toward(best.x, p.x, 0.5)) },
        );
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0].x, value: simplex[0].v };
}

/** Second derivatives of `f` at `x` by central differences. */
export function hessian(f: Objective, x: number[], h = 1e-4): number[][] {
  const at = (d: [number, number][]) =>
    f(x.map((v, i) => v + d.reduce((s, [j, t]) => s + (j === i ? t : 0), 0)));
  const f0 = f(x);
  return x.map((_, i) =>
    x.map((__, j) =>
      i === j
        ? (at([[i, h]]) - 2 * f0 + at([[i, -h]])) / (h * h)
        : (at([
            [i, h],
            [j, h],
          ]) -
            at([
              [i, h],
              [j, -h],
            ]) -
            at([
              [i, -h],
              [j, h],
            ]) +
            at([
              [i, -h],
              [j, -h],
            ])) /
          (4 * h * h),
    ),
  );
}

/** Inverse of a small symmetric matrix (Gauss-Jordan); undefined when it is singular. */
export function invert(m: number[][]): number[][] | undefined {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    if (!(Math.abs(a[pivot][c]) > 1e-300)) return undefined;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    const p = a[c][c];
    for (let k = 0; k < 2 * n; k++) a[c][k] /= p;
    for (let r = 0; r < n; r++)
      if (r !== c) {
        const factor = a[r][c];
        for (let k = 0; k < 2 * n; k++) a[r][k] -= factor * a[c][k];
      }
  }
  return a.map((row) => row.slice(n));
}
