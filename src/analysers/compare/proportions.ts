/**
 * Intervals for proportions. Wilson's score interval for one proportion, and Newcombe's
 * hybrid score interval for a difference of two independent proportions (Newcombe 1998,
 * "Interval estimation for the difference between independent proportions", method 10):
 * with (l1, u1) and (l2, u2) the Wilson intervals of p1 and p2,
 *   lower = (p1 − p2) − √((p1 − l1)² + (u2 − p2)²),
 *   upper = (p1 − p2) + √((u1 − p1)² + (p2 − l2)²).
 * Counts may be fractional: an effective sample size (n / design effect) for correlated
 * requests keeps the same formulas.
 */
import { normalQuantile } from './distributions.js';

export interface Interval {
  lo: number;
  hi: number;
}

export function wilson(successes: number, n: number, alpha = 0.05): Interval {
  if (!(n > 0)) return { lo: 0, hi: 1 };
  const z = normalQuantile(1 - alpha / 2);
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lo: Math.max(0, (centre - half) / denom), hi: Math.min(1, (centre + half) / denom) };
}

export interface DifferenceInterval extends Interval {
  /** p1 − p2. */
  difference: number;
}

/** Interval for p1 − p2, with p1 = x1/n1 and p2 = x2/n2. */
export function newcombe(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): DifferenceInterval {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilson(x1, n1, alpha);
  const w2 = wilson(x2, n2, alpha);
  const d = p1 - p2;
  return {
    difference: d,
    lo: d - Math.sqrt((p1 - w1.lo) ** 2 + (w2.hi - p2) ** 2),
    hi: d + Math.sqrt((w1.hi - p1) ** 2 + (p2 - w2.lo) ** 2),
  };
}
