/**
 * Mann–Whitney U for two small sets of runs, and the matching distribution-free interval of
 * the shift between them.
 *  - U = #{(x, y): y > x} + ½ #{y = x} for x in BEFORE (m values), y in AFTER (n values).
 *  - Exact null distribution when there are no ties and m, n ≤ 50: the coefficients of the
 *    generating function ∏_{i=1..m} (1 − q^{n+i}) / (1 − q^i) (counts of the C(m+n, m)
 *    equally likely rank arrangements). Otherwise the normal approximation with the tie
 *    correction of the variance and a continuity correction of ½.
 *  - Two-sided p = min(1, 2 · min(P(U ≤ u), P(U ≥ u))).
 *  - Interval of the shift (Moses / Bauer 1972, what R's wilcox.test(conf.int = TRUE) gives):
 *    with the mn differences y − x sorted, [D_(c+1), D_(mn−c)] where c is the largest U with
 *    P(U ≤ c) ≤ α/2. None exists when even the extreme arrangement is too likely.
 */
import { normalCdf, normalQuantile } from './distributions.js';

const EXACT_MAX = 50;

/** P(U = u), u = 0..mn, under the null, for m and n without ties. */
export function exactDistribution(m: number, n: number): Float64Array {
  const size = m * n + 1;
  let c = new Float64Array(size);
  c[0] = 1;
  for (let i = 1; i <= m; i++) {
    // multiply by (1 − q^{n+i})
    const next = Float64Array.from(c);
    for (let k = size - 1; k >= n + i; k--) next[k]! -= c[k - n - i]!;
    // divide by (1 − q^i): next[k] += next[k − i], ascending
    for (let k = i; k < size; k++) next[k]! += next[k - i]!;
    c = next;
  }
  let total = 0;
  for (let k = 0; k < size; k++) total += c[k]!;
  for (let k = 0; k < size; k++) c[k] = c[k]! / total;
  return c;
}

export function uStatistic(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += b > a ? 1 : b === a ? 0.5 : 0;
  return u;
}

function hasTies(values: readonly number[]): boolean {
  const s = [...values].sort((a, b) => a - b);
  for (let i = 1; i < s.length; i++) if (s[i] === s[i - 1]) return true;
  return false;
}

export interface MannWhitney {
  u: number;
  pValue: number;
  exact: boolean;
}

export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitney {
  const m = x.length;
  const n = y.length;
  const u = uStatistic(x, y);
  if (m === 0 || n === 0) return { u, pValue: 1, exact: true };
  if (!hasTies([...x, ...y]) && m <= EXACT_MAX && n <= EXACT_MAX) {
    const d = exactDistribution(m, n);
    let lower = 0;
    for (let k = 0; k <= u; k++) lower += d[k]!;
    let upper = 0;
    for (let k = Math.ceil(u); k <= m * n; k++) upper += d[k]!;
    return { u, pValue: Math.min(1, 2 * Math.min(lower, upper)), exact: true };
  }
  // Normal approximation with tie correction.
  const all = [...x, ...y].sort((a, b) => a - b);
  const N = m + n;
  let tieTerm = 0;
  for (let i = 0; i < N;) {
    let j = i;
    while (j < N && all[j] === all[i]) j++;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const mean = (m * n) / 2;
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (!(variance > 0)) return { u, pValue: 1, exact: false };
  const z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, pValue: Math.min(1, 2 * (1 - normalCdf(Math.max(0, z)))), exact: false };
}

/** The smallest two-sided p-value the exact test can give with m and n runs: 2 / C(m+n, m). */
export function minimumPValue(m: number, n: number): number {
  let c = 1;
  for (let i = 1; i <= m; i++) c = (c * (n + i)) / i;
  return Math.min(1, 2 / c);
}

/** Smallest equal number of runs per side at which p < α is reachable at all (4 for α = 0.05). */
export function minimumRunsPerSide(alpha: number): number {
  let n = 1;
  while (minimumPValue(n, n) >= alpha) n++;
  return n;
}

/**
 * Interval of the shift y − x at level ≥ 1 − α, or null when the sample sizes cannot give one.
 */
export function shiftInterval(x: readonly number[], y: readonly number[], alpha: number): [number, number] | null {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) return null;
  const diffs: number[] = [];
  for (const a of x) for (const b of y) diffs.push(b - a);
  diffs.sort((a, b) => a - b);
  const mn = m * n;
  let c: number;
  if (m <= EXACT_MAX && n <= EXACT_MAX) {
    const d = exactDistribution(m, n);
    c = -1;
    let cum = 0;
    for (let k = 0; k <= mn; k++) {
      cum += d[k]!;
      if (cum > alpha / 2 + 1e-12) break;
      c = k;
    }
  } else {
    const z = normalQuantile(1 - alpha / 2);
    c = Math.floor(mn / 2 - z * Math.sqrt((mn * (m + n + 1)) / 12) - 0.5);
  }
  if (c < 0) return null;
  return [diffs[c]!, diffs[mn - 1 - c]!];
}
