/**
 * Which histogram bucket a quantile falls in: the same rank rule as PromQL's
 * histogram_quantile (the first bucket whose cumulative count reaches q × total), so the
 * bucket's bounds are the honest uncertainty of the interpolated estimate.
 */

/** One bucket, non-cumulative: observations in (lower, upper]. `upper` is Infinity for +Inf. */
export interface Bucket {
  lower: number;
  upper: number;
  count: number;
}

/** Classic buckets from `le` → cumulative count (as `sum by (le) (rate(x_bucket[w]))` gives them). */
export function classicBuckets(cumulative: readonly { le: number; count: number }[]): Bucket[] {
  const sorted = [...cumulative].sort((a, b) => a.le - b.le);
  return sorted.map((b, i) => {
    const previous = sorted[i - 1];
    // histogram_quantile takes 0 as the lower bound of the first bucket when its upper bound is positive.
    const lower = previous ? previous.le : b.le > 0 ? 0 : -Infinity;
    return { lower, upper: b.le, count: Math.max(0, b.count - (previous?.count ?? 0)) };
  });
}

/** Native-histogram buckets as the API writes them: [boundary rule, lower, upper, count]. */
export function nativeBuckets(buckets: readonly (readonly [number, string, string, string])[]): Bucket[] {
  return buckets.map(([, lower, upper, count]) => ({ lower: Number(lower), upper: Number(upper), count: Number(count) })).sort((a, b) => a.lower - b.lower);
}

/** The bucket holding quantile q, or null when there is no observation. */
export function bucketOf(buckets: readonly Bucket[], q: number): Bucket | null {
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (!(total > 0)) return null;
  const rank = q * total;
  let cumulative = 0;
  for (const b of buckets) {
    cumulative += b.count;
    if (cumulative >= rank && b.count > 0) return b;
  }
  return buckets[buckets.length - 1] ?? null;
}
