/**
 * Distribution-free interval of a median from order statistics: with n values sorted,
 * [x_(j), x_(n−j+1)] (1-based) covers the median with probability
 * 1 − 2 P(Bin(n, ½) ≤ j − 1); j is the largest rank for which that is ≥ 1 − α.
 * None exists for n < 6 at α = 0.05 (P(Bin(5, ½) = 0) = 1/32 > 0.025).
 */
import { binomialCdf } from './distributions.js';

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

export function medianInterval(values: readonly number[], alpha: number): [number, number] | null {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  let j = 0;
  for (let k = 1; 2 * k <= n; k++) {
    if (binomialCdf(k - 1, n, 0.5) <= alpha / 2) j = k;
    else break;
  }
  return j === 0 ? null : [s[j - 1]!, s[n - j]!];
}
