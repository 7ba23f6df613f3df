/**
 * Automatic block length for the circular block bootstrap: Politis & White (2004), with the
 * correction of Patton, Politis & White (2009). From the sample autocorrelations of a series:
 *  - m̂: the smallest lag after which K_N = 5 consecutive autocorrelations are all below
 *    c · √(log10(n) / n), c = 2 (the series has "forgotten" itself);
 *  - M = min(2 m̂, ⌈√n⌉ + K_N), the bandwidth of a flat-top lag window λ(t) = 1 for |t| ≤ ½,
 *    2(1 − |t|) for ½ < |t| ≤ 1, 0 beyond;
 *  - Ĝ = Σ λ(k/M) |k| R̂(k), ĝ = Σ λ(k/M) R̂(k) over |k| ≤ M (R̂ the autocovariances);
 *  - b_CB = (2 Ĝ² / D_CB)^{1/3} n^{1/3}, D_CB = (4/3) ĝ²; capped at ⌈min(3√n, n/3)⌉.
 * For an AR(1) series with coefficient ρ the target is (1.5 (2ρ / (1 − ρ²))²)^{1/3} n^{1/3}.
 */

const K_N = 5;
const C_THRESHOLD = 2;

export interface BlockLengthEstimate {
  /** Circular-block-bootstrap optimum, ≥ 1 (not rounded). */
  circular: number;
  /** Stationary-bootstrap optimum (mean block length), ≥ 1 (not rounded). */
  stationary: number;
  /** The lag after which autocorrelation is no longer significant. */
  mHat: number;
}

/** Autocovariances R̂(0..maxLag) with divisor n (the biased, positive-definite estimator). */
function autocovariances(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = x[i]! - mean;
  const r = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let i = k; i < n; i++) s += d[i]! * d[i - k]!;
    r[k] = s / n;
  }
  return r;
}

export function maxBlockLength(n: number): number {
  return Math.max(1, Math.ceil(Math.min(3 * Math.sqrt(n), n / 3)));
}

export function politisWhite(x: ArrayLike<number>): BlockLengthEstimate {
  const n = x.length;
  const one = { circular: 1, stationary: 1, mHat: 0 };
  if (n < 8) return one;
  const mMax = Math.min(n - 1, Math.ceil(Math.sqrt(n)) + K_N);
  const acv = autocovariances(x, mMax);
  const r0 = acv[0]!;
  if (!(r0 > 0)) return one;
  const threshold = C_THRESHOLD * Math.sqrt(Math.log10(n) / n);
  const significant = (k: number) => Math.abs(acv[k]! / r0) >= threshold;

  let mHat = -1;
  for (let m = 1; m + K_N - 1 <= mMax; m++) {
    let quiet = true;
    for (let k = m; k < m + K_N; k++) {
      if (significant(k)) {
        quiet = false;
        break;
      }
    }
    if (quiet) {
      mHat = m - 1;
      break;
    }
  }
  if (mHat < 0) {
    // Never quiet within the window: the last significant lag.
    mHat = 1;
    for (let k = mMax; k >= 1; k--) {
      if (significant(k)) {
        mHat = k;
        break;
      }
    }
  }
  const M = Math.min(2 * Math.max(mHat, 1), mMax);
  let G = 0;
  let g = acv[0]!;
  for (let k = 1; k <= M; k++) {
    const t = k / M;
    const lambda = t <= 0.5 ? 1 : 2 * (1 - t);
    G += 2 * lambda * k * acv[k]!;
    g += 2 * lambda * acv[k]!;
  }
  if (!(g > 0) || G === 0) return { ...one, mHat };
  const cap = maxBlockLength(n);
  const cbrtN = Math.cbrt(n);
  const circular = Math.cbrt((2 * G * G) / ((4 / 3) * g * g)) * cbrtN;
  const stationary = Math.cbrt((2 * G * G) / (2 * g * g)) * cbrtN;
  return {
    circular: Math.min(cap, Math.max(1, circular)),
    stationary: Math.min(cap, Math.max(1, stationary)),
    mHat,
  };
}
