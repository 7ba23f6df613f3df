/**
 * The circular block bootstrap over time (Politis & Romano 1992): a replicate of one side is
 * ⌈bins / L⌉ blocks of L consecutive time bins, each starting at a uniformly drawn bin and
 * wrapping past the end, trimmed to the original number of bins; its requests are those of
 * the drawn bins. Each replicate gives the type-7 percentiles, the mean and the request count.
 *
 * Cost: a replicate counts each drawn request once into a rank histogram (the series is
 * stored as ranks into its sorted latencies) and scans that histogram once for all
 * percentiles, so O(n) per replicate with n ≤ maxSamples (series.ts).
 */
import type { Rng } from './rng.js';
import type { ResampleIndex } from './series.js';

export interface Replicates {
  /** quantiles[j][r]: percentile probs[j] of replicate r (NaN when the replicate is empty). */
  quantiles: Float64Array[];
  mean: Float64Array;
  /** Requests in the replicate, relative to the original series (1 = as many). */
  countRatio: Float64Array;
}

export function blockBootstrap(idx: ResampleIndex, probs: readonly number[], resamples: number, rng: Rng): Replicates {
  const { n, nbins, binStart, rank, prefix, sorted } = idx;
  for (let j = 1; j < probs.length; j++) if (!(probs[j]! >= probs[j - 1]!)) throw new RangeError('probs must be ascending');
  const L = Math.max(1, Math.min(idx.blockLength, nbins));
  const counts = new Int32Array(Math.max(1, n));
  const quantiles = probs.map(() => new Float64Array(resamples));
  const mean = new Float64Array(resamples);
  const countRatio = new Float64Array(resamples);
  const k = probs.length;
  const targets = new Float64Array(2 * k);
  const values = new Float64Array(2 * k);

  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    let total = 0;
    let sum = 0;
    if (L === 1 && nbins === n) {
      // One request per bin: draw requests directly.
      for (let j = 0; j < n; j++) {
        const i = rng.int(n);
        counts[rank[i]!]!++;
        sum += prefix[i + 1]! - prefix[i]!;
      }
      total = n;
    } else
      for (let remaining = nbins; remaining > 0; remaining -= L) {
        const s = rng.int(nbins);
        const e = s + Math.min(L, remaining);
        // Bins [s, e) wrap past the end: two contiguous runs of requests.
        const a1 = binStart[s]!;
        const b1 = e <= nbins ? binStart[e]! : n;
        for (let i = a1; i < b1; i++) counts[rank[i]!]!++;
        total += b1 - a1;
        sum += prefix[b1]! - prefix[a1]!;
        if (e > nbins) {
          const b2 = binStart[e - nbins]!;
          for (let i = 0; i < b2; i++) counts[rank[i]!]!++;
          total += b2;
          sum += prefix[b2]!;
        }
      }
    countRatio[r] = n > 0 ? total / n : NaN;
    mean[r] = total > 0 ? sum / total : NaN;
    if (total === 0) {
      for (const q of quantiles) q[r] = NaN;
      continue;
    }
    // Order statistics needed by type-7 interpolation: ⌊h⌋ and ⌊h⌋ + 1 for h = p (N − 1).
    for (let j = 0; j < k; j++) {
      const h = probs[j]! * (total - 1);
      targets[2 * j] = Math.floor(h);
      targets[2 * j + 1] = Math.min(total - 1, Math.floor(h) + 1);
    }
    scanOrderStatistics(counts, sorted, targets, values);
    for (let j = 0; j < k; j++) {
      const h = probs[j]! * (total - 1);
      const lo = values[2 * j]!;
      quantiles[j]![r] = lo + (values[2 * j + 1]! - lo) * (h - Math.floor(h));
    }
  }
  return { quantiles, mean, countRatio };
}

/**
 * values[i] = the targets[i]-th smallest (0-based) element of the multiset described by
 * counts over `sorted`; targets ascending. One pass over the histogram, stopping at the last.
 */
function scanOrderStatistics(counts: Int32Array, sorted: Float64Array, targets: Float64Array, values: Float64Array): void {
  const t = targets.length;
  let k = 0;
  let cum = 0;
  for (let r = 0; r < counts.length; r++) {
    cum += counts[r]!;
    while (cum > targets[k]!) {
      values[k] = sorted[r]!;
      if (++k === t) return;
    }
  }
}
