/**
 * Latency histogram: HdrHistogram (hdr-histogram-js, pure JS mode, no WebAssembly) with 3
 * significant digits, values recorded in nanoseconds so that sub-millisecond k6 timings keep
 * their precision. Any reported percentile is within 0.1% of the exact sample value of the
 * same rank; histograms from several files add exactly.
 */
import * as hdr from 'hdr-histogram-js';

const NS_PER_MS = 1e6;

/** Bucket bounds: present in the JS implementation, missing from its type declarations. */
interface Equivalence {
  lowestEquivalentValue(value: number): number;
  highestEquivalentValue(value: number): number;
}
/** One hour: longer samples are clamped (and counted in `clamped`). */
const HIGHEST_NS = 3_600_000 * NS_PER_MS;

export class LatencyHistogram {
  private readonly h: hdr.Histogram;
  /** Exact extremes (the histogram only knows bucket bounds). */
  minMs = Infinity;
  maxMs = -Infinity;
  sumMs = 0;
  clamped = 0;

  constructor() {
    this.h = hdr.build({
      bitBucketSize: 32,
      numberOfSignificantValueDigits: 3,
      lowestDiscernibleValue: 1,
      highestTrackableValue: HIGHEST_NS,
      autoResize: false,
      useWebAssembly: false,
    });
  }

  get count(): number {
    return this.h.totalCount;
  }

  recordMs(ms: number): void {
    if (!(ms >= 0)) return; // NaN and negatives are not latencies
    if (ms < this.minMs) this.minMs = ms;
    if (ms > this.maxMs) this.maxMs = ms;
    this.sumMs += ms;
    let ns = Math.round(ms * NS_PER_MS);
    if (ns > HIGHEST_NS) {
      ns = HIGHEST_NS;
      this.clamped++;
    }
    this.h.recordValue(ns);
  }

  /** Adds every sample of `other` (exact merge). */
  add(other: LatencyHistogram): void {
    if (other.count === 0) return;
    this.h.add(other.h);
    this.minMs = Math.min(this.minMs, other.minMs);
    this.maxMs = Math.max(this.maxMs, other.maxMs);
    this.sumMs += other.sumMs;
    this.clamped += other.clamped;
  }

  /**
   * Value at percentile `p` (0–100) by nearest rank, rank = max(1, ceil(p/100 · n)), as the
   * HDR library defines it; the bucket's midpoint keeps the error within ±0.05%. The top
   * percentile returns the exact maximum.
   */
  percentileMs(p: number): number | null {
    const n = this.count;
    if (n === 0) return null;
    if (p >= 100) return this.maxMs;
    const v = this.h.getValueAtPercentile(p);
    const eq = this.h as unknown as Equivalence;
    const lo = eq.lowestEquivalentValue(v);
    const hi = eq.highestEquivalentValue(v);
    const mid = (lo + hi) / 2 / NS_PER_MS;
    // Never report outside the observed range.
    return Math.min(Math.max(mid, this.minMs), this.maxMs);
  }

  meanMs(): number | null {
    return this.count === 0 ? null : this.sumMs / this.count;
  }

  /** Frees the histogram's arrays (a no-op in pure JS mode, kept for symmetry). */
  destroy(): void {
    this.h.destroy();
  }
}
