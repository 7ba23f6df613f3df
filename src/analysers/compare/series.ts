/**
 * One side's requests for one endpoint, in time order, made ready for resampling blocks of
 * time. The run's window [first start, last start] is cut into equal time bins: 1 s, or
 * window / 500 for runs shorter than 500 s (so the block-length estimate has a few hundred
 * points), or window / 5000 for runs longer than ~1.4 h, and never fewer than 4 requests per
 * bin on average. A block is L consecutive bins; L comes from the data: the Politis–White
 * circular-block optimum (block-length.ts) of the per-bin mean log-latency series (empty bins
 * take the overall mean), at least 1, at most ⌈min(3√bins, bins/3)⌉.
 *
 * Work is capped: a series longer than `maxSamples` enters the bootstrap thinned 1 in k, in
 * time order (every k-th request), so one replicate costs O(maxSamples) whatever the run's
 * size. Point estimates always come from every request. Thinning keeps the time structure
 * and the distribution; the interval it gives is in general wider (fewer requests), so conservative.
 */
import { maxBlockLength, politisWhite } from './block-length.js';

export const BIN_MS = 1000;
export const MIN_BINS = 500;
export const MAX_BINS = 5000;
const MIN_PER_BIN = 4;

/** Time-ordered columns of one endpoint's requests. */
export interface Series {
  t: Float64Array;
  latency: Float64Array;
  ok: Uint8Array;
}

export function seriesFrom(samples: readonly { t_ms: number; latency_ms: number; ok: boolean }[]): Series {
  const valid = (r: { t_ms: number; latency_ms: number }) => Number.isFinite(r.t_ms) && r.latency_ms >= 0 && Number.isFinite(r.latency_ms);
  let n = 0;
  let sorted = true;
  let last = -Infinity;
  for (const r of samples) {
    if (!valid(r)) continue;
    n++;
    if (r.t_ms < last) sorted = false;
    last = r.t_ms;
  }
  const s: Series = { t: new Float64Array(n), latency: new Float64Array(n), ok: new Uint8Array(n) };
  let j = 0;
  for (const r of samples) {
    if (!valid(r)) continue;
    s.t[j] = r.t_ms;
    s.latency[j] = r.latency_ms;
    s.ok[j++] = r.ok ? 1 : 0;
  }
  if (sorted) return s;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => s.t[x]! - s.t[y]! || x - y);
  return {
    t: Float64Array.from(order, (i) => s.t[i]!),
    latency: Float64Array.from(order, (i) => s.latency[i]!),
    ok: Uint8Array.from(order, (i) => s.ok[i]!),
  };
}

export interface Window {
  startMs: number;
  spanMs: number;
}

export interface ResampleIndex {
  /** Requests in the bootstrap series, and the thinning factor k (1 = every request). */
  n: number;
  thin: number;
  /** Latencies of the bootstrap series, ascending. */
  sorted: Float64Array;
  /** Rank of each request (time order) in `sorted`. */
  rank: Int32Array;
  /** Prefix sums of latency in time order (length n + 1). */
  prefix: Float64Array;
  /** Requests of bin b are [binStart[b], binStart[b+1]) in time order. */
  binStart: Int32Array;
  nbins: number;
  binMs: number;
  /** Block length in bins. */
  blockLength: number;
}

export function binWidthMs(spanMs: number, n: number): number {
  if (!(spanMs > 0)) return 1;
  let nbins = Math.round(spanMs / BIN_MS);
  if (nbins < MIN_BINS) nbins = MIN_BINS;
  if (nbins > MAX_BINS) nbins = MAX_BINS;
  nbins = Math.max(1, Math.min(nbins, Math.floor(n / MIN_PER_BIN)));
  return spanMs / nbins;
}

export type Unit = 'time-blocks' | 'requests';

export function buildIndex(series: Series, window: Window, maxSamples: number, unit: Unit = 'time-blocks'): ResampleIndex {
  const full = series.t.length;
  const thin = Math.max(1, Math.ceil(full / maxSamples));
  const n = Math.ceil(full / thin);
  const lat = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0, j = 0; j < n; i += thin, j++) {
    lat[j] = series.latency[i]!;
    t[j] = series.t[i]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => lat[a]! - lat[b]!);
  const sorted = new Float64Array(n);
  const rank = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    sorted[r] = lat[order[r]!]!;
    rank[order[r]!] = r;
  }
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + lat[i]!;

  let nbins: number;
  let binMs: number;
  let binStart: Int32Array;
  if (unit === 'requests') {
    nbins = n;
    binMs = n > 0 ? window.spanMs / n : 1;
    binStart = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) binStart[i] = i;
  } else {
    binMs = binWidthMs(window.spanMs, n);
    nbins = window.spanMs > 0 ? Math.max(1, Math.round(window.spanMs / binMs)) : 1;
    binStart = new Int32Array(nbins + 1);
    const counts = new Int32Array(nbins);
    for (let i = 0; i < n; i++) counts[binOf(t[i]!, window, binMs, nbins)]!++;
    for (let b = 0; b < nbins; b++) binStart[b + 1] = binStart[b]! + counts[b]!;
  }
  const blockLength = unit === 'requests' ? 1 : chooseBlockLength(lat, binStart, nbins);
  return { n, thin, sorted, rank, prefix, binStart, nbins, binMs, blockLength };
}

/** Requests and errors of the full series per bin of the index's grid (for the design effect). */
export function binTotals(series: Series, window: Window, binMs: number, nbins: number): { requests: Float64Array; errors: Float64Array } {
  const requests = new Float64Array(nbins);
  const errors = new Float64Array(nbins);
  for (let i = 0; i < series.t.length; i++) {
    const b = binOf(series.t[i]!, window, binMs, nbins);
    requests[b]!++;
    errors[b]! += 1 - series.ok[i]!;
  }
  return { requests, errors };
}

function binOf(t: number, w: Window, binMs: number, nbins: number): number {
  const b = Math.floor((t - w.startMs) / binMs);
  return b < 0 ? 0 : b >= nbins ? nbins - 1 : b;
}

/** Politis–White on the per-bin mean log-latency series (empty bins take the overall mean). */
function chooseBlockLength(lat: Float64Array, binStart: Int32Array, nbins: number): number {
  if (nbins < 8) return 1;
  const n = lat.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.log1p(lat[i]!);
  const overall = n > 0 ? total / n : 0;
  const meanLog = new Float64Array(nbins);
  for (let b = 0; b < nbins; b++) {
    const a = binStart[b]!;
    const e = binStart[b + 1]!;
    if (e === a) {
      meanLog[b] = overall;
      continue;
    }
    let s = 0;
    for (let i = a; i < e; i++) s += Math.log1p(lat[i]!);
    meanLog[b] = s / (e - a);
  }
  const b = politisWhite(meanLog).circular;
  return Math.min(maxBlockLength(nbins), Math.max(1, Math.ceil(b)));
}
