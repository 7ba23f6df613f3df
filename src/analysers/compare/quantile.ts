/**
 * Percentiles by linear interpolation between the two closest ranks (Hyndman & Fan type 7),
 * the definition k6, numpy and src/analysers/histogram.ts use: i = p · (n − 1),
 * value = v[⌊i⌋] + (v[⌊i⌋+1] − v[⌊i⌋]) · (i − ⌊i⌋), with v sorted ascending.
 */

/** `p` in [0, 1]; `sorted` ascending and non-empty. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const i = Math.min(Math.max(p, 0), 1) * (n - 1);
  const below = Math.floor(i);
  const low = sorted[below]!;
  const fraction = i - below;
  return fraction === 0 || below + 1 >= n ? low : low + (sorted[below + 1]! - low) * fraction;
}

/** Percentile interval of a set of replicates: the α/2 and 1 − α/2 quantiles. */
export function percentileInterval(replicates: Float64Array, alpha: number): [number, number] {
  const sorted = Float64Array.from(replicates.filter((x) => Number.isFinite(x))).sort();
  return [quantileSorted(sorted, alpha / 2), quantileSorted(sorted, 1 - alpha / 2)];
}
