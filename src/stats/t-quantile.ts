/**
 * Quantiles of Student's t distribution for whole degrees of freedom, the multiplier of every
 * 95% interval bedsim reports. Written here rather than loaded from @stdlib because that
 * package brings 460 modules and a tenth of a second to every start-up, for one number per
 * run: intervals need only whole degrees of freedom (replications minus one), for which the
 * distribution function is a finite sum of positive terms.
 */

/** Quantiles already found, by degrees of freedom then probability: a run asks for one. */
const found = new Map<string, number>();

/**
 * The p-quantile of Student's t with `df` degrees of freedom (a whole number >= 1), to within
 * a few units in the last place.
 */
export function tQuantile(p: number, df: number): number {
  if (!(Number.isInteger(df) && df >= 1)) {
    throw new RangeError(`degrees of freedom must be a whole number of at least 1 (got ${df})`);
  }
  if (!(p > 0 && p < 1)) {
    if (p === 0) return Number.NEGATIVE_INFINITY;
    if (p === 1) return Number.POSITIVE_INFINITY;
    return Number.NaN;
  }
  if (p < 0.5) return -tQuantile(1 - p, df);
  if (p === 0.5) return 0;
  const key = `${df}|${p}`;
  let t = found.get(key);
  if (t === undefined) {
    t = solve(2 * p - 1, df);
    found.set(key, t);
  }
  return t;
}

/**
 * P(|T| <= t) for T ~ t(df), by the finite series in θ = atan(t / √df) (Abramowitz and Stegun
 * 26.7.3–4). Each term is coefficient · cos^(2k)θ, formed in logarithms from log1p (thousands
 * of repeated products would carry thousands of roundings), and the positive terms are added
 * with compensated summation, so the result holds to a few units in the last place.
 */
export function tTwoSidedProbability(t: number, df: number): number {
  const x = t * t;
  const theta = Math.atan(Math.abs(t) / Math.sqrt(df));
  const sine = Math.abs(t) / Math.sqrt(df + x);
  /** log cos²θ = −log(1 + t²/df). */
  const logCos2 = -Math.log1p(x / df);
  const odd = df % 2 === 1;
  if (df === 1) return (2 * theta) / Math.PI;
  // Odd: (2/π)[θ + sinθ cosθ (1 + (2/3)cos²θ + (2·4)/(3·5)cos⁴θ + ...)], up to cos^(df−2)θ.
  // Even: sinθ [1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + ...], up to cos^(df−2)θ.
  const terms = odd ? (df - 1) / 2 : df / 2;
  const sum = new CompensatedSum();
  const logCoefficient = new CompensatedSum();
  for (let k = 0; k < terms; k++) {
    if (k > 0) {
      // The coefficient's ratio is 2k/(2k+1) (odd) or (2k−1)/(2k) (even).
      logCoefficient.add(odd ? -Math.log1p(1 / (2 * k)) : Math.log1p(-1 / (2 * k)));
    }
    sum.add(Math.exp(logCoefficient.value + k * logCos2));
  }
  if (!odd) return sine * sum.value;
  const cosine = Math.exp(logCos2 / 2);
  return (2 / Math.PI) * (theta + sine * cosine * sum.value);
}

/** Kahan's compensated sum: adds many numbers with about one rounding in all. */
class CompensatedSum {
  value = 0;
  private compensation = 0;

  add(x: number): void {
    const y = x - this.compensation;
    const next = this.value + y;
    this.compensation = next - this.value - y;
    this.value = next;
  }
}

/**
 * The t > 0 with P(|T| <= t) = `target`: secant steps from the last two points, kept inside a
 * bracket of the root (a step that would leave it halves the bracket instead).
 */
function solve(target: number, df: number): number {
  const f = (t: number) => tTwoSidedProbability(t, df) - target;
  // Start from the normal quantile with its first Cornish-Fisher correction, then bracket.
  const z = normalQuantile((1 + target) / 2);
  let x1 = z > 0 ? z + (z ** 3 + z) / (4 * df) : 1;
  let f1 = f(x1);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let x0 = 0;
  let f0 = -target;
  for (let i = 0; i < 200; i++) {
    if (f1 === 0) return x1;
    if (f1 < 0) lo = Math.max(lo, x1);
    else hi = Math.min(hi, x1);
    let next = f1 !== f0 ? x1 - (f1 * (x1 - x0)) / (f1 - f0) : Number.NaN;
    if (!(next > lo && next < hi)) next = Number.isFinite(hi) ? (lo + hi) / 2 : 2 * x1;
    if (Math.abs(next - x1) <= 2e-16 * next) return next;
    x0 = x1;
    f0 = f1;
    x1 = next;
    f1 = f(x1);
  }
  return x1;
}

/** The standard normal quantile near the centre (Acklam's central rational approximation): a
 * starting point only, so its tails need not be good. */
function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972];
  const a4 = -30.66479806614716;
  const a5 = 2.506628277459239;
  const b4 = -13.28068155288572;
  const q = p - 0.5;
  const r = q * q;
  const num = ((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a4) * r + a5;
  const den = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b4) * r + 1;
  return (q * num) / den;
}
