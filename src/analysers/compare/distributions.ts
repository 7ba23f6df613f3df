/**
 * The few distribution functions the comparison needs. simple-statistics gives the error
 * function (accurate to ~1e-9) and the binomial mass function; its `probit` is a closed-form
 * approximation good to only ~2e-3, so the normal quantile here refines it by Newton steps on
 * the exact CDF (1.959963985 for 0.975, as the tables give).
 */
import { binomialDistribution, errorFunction, probit } from 'simple-statistics';

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  if (x < -40) return 0;
  if (x > 40) return 1;
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile of ${p}: p must lie in (0, 1)`);
  let z = probit(p);
  for (let i = 0; i < 3; i++) {
    const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    if (density < 1e-300) break;
    z -= (normalCdf(z) - p) / density;
  }
  return z;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  const cells = binomialDistribution(n, p);
  if (!cells) throw new RangeError(`binomial distribution of n=${n}, p=${p} is out of range`);
  let sum = 0;
  for (let i = 0; i <= k && i < cells.length; i++) sum += cells[i]!;
  return Math.min(1, sum);
}
