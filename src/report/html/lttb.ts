/**
 * Largest-triangle-three-buckets (Steinarsson, 2013): keeps `threshold` of a series' points,
 * the first and the last, and in each bucket between them the point that makes the largest
 * triangle with the point kept before it and the mean of the next bucket. Peaks survive, which
 * an average or a stride would flatten.
 */

/** Indices of the kept points, ascending. `ys` null entries count as 0 (gaps stay gaps when the caller reads them back). */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number | null>, threshold: number): number[] {
  const n = xs.length;
  if (threshold >= n || threshold < 3) return Array.from({ length: n }, (_, i) => i);
  const y = (i: number) => ys[i] ?? 0;
  const kept = [0];
  const every = (n - 2) / (threshold - 2);
  let a = 0;
  for (let b = 0; b < threshold - 2; b++) {
    const nextStart = Math.floor((b + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * every) + 1, n);
    let meanX = 0;
    let meanY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      meanX += xs[i]!;
      meanY += y(i);
    }
    const count = Math.max(nextEnd - nextStart, 1);
    meanX /= count;
    meanY /= count;
    const start = Math.floor(b * every) + 1;
    const end = Math.floor((b + 1) * every) + 1;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((xs[a]! - meanX) * (y(i) - y(a)) - (xs[a]! - xs[i]!) * (meanY - y(a)));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

/**
 * Several series on one x axis: the union of each series' LTTB points, each series given an
 * equal share of `max`, so that every series keeps its own peaks and the total stays within `max`.
 */
export function downsampleShared(xs: ArrayLike<number>, series: ReadonlyArray<ArrayLike<number | null>>, max: number): number[] {
  if (xs.length <= max) return Array.from({ length: xs.length }, (_, i) => i);
  const share = Math.max(3, Math.floor(max / Math.max(series.length, 1)));
  const keep = new Set<number>();
  for (const s of series.length > 0 ? series : [xs]) for (const i of lttbIndices(xs, s, share)) keep.add(i);
  return [...keep].sort((p, q) => p - q).slice(0, max);
}
