/**
 * Latency histogram: HdrHistogram (hdr-histogram-js, pure JS mode, no WebAssembly) with 3
 * significant digits, values recorded in nanoseconds so that sub-millisecond k6 timings keep
 * their precision. Any reported percentile is within 0.1% of the exact one computed from the
 * sorted samples; histograms from several files add exactly.
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
/**
 * Whole-millisecond samples below this (JMeter's, all of them in practice) are counted in a flat
 * array and enter the HDR histogram in bulk when it is read: the same counts, without the
 * histogram's index arithmetic once per sample, which costs more than parsing a JTL row.
 */
const WHOLE_MS_SLOTS = 4096;

export class LatencyHistogram {
  private readonly h: hdr.Histogram;
  /** Exact extremes (the histogram only knows bucket bounds). */
  minMs = Infinity;
  maxMs = -Infinity;
  sumMs = 0;
  clamped = 0;
  /** Samples of each whole millisecond below WHOLE_MS_SLOTS not yet in `h`. */
  private wholeMs: Float64Array | null = null;
  private pending = 0;

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
    return this.h.totalCount + this.pending;
  }

  private flush(): void {
    if (this.pending === 0) return;
    const counts = this.wholeMs!;
    for (let ms = 0; ms < WHOLE_MS_SLOTS; ms++) {
      if (counts[ms] === 0) continue;
      this.h.recordValueWithCount(ms * NS_PER_MS, counts[ms]!);
      counts[ms] = 0;
    }
    this.pending = 0;
  }

  recordMs(ms: number): void {
    if (!(ms >= 0)) return; // NaN and negatives are not latencies
    if (ms < this.minMs) this.minMs = ms;
    if (ms > this.maxMs) this.maxMs = ms;
    this.sumMs += ms;
    if (ms < WHOLE_MS_SLOTS && Number.isInteger(ms)) {
      const counts = (this.wholeMs ??= new Float64Array(WHOLE_MS_SLOTS));
      counts[ms] = counts[ms]! + 1;
      this.pending++;
      return;
    }
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
    this.flush();
    other.flush();
    this.h.add(other.h);
    this.minMs = Math.min(this.minMs, other.minMs);
    this.maxMs = Math.max(this.maxMs, other.maxMs);
    this.sumMs += other.sumMs;
    this.clamped += other.clamped;
  }

  /**
   * Value at percentile `p` (0–100) by linear interpolation between the two closest ranks,
   * the definition k6 (and numpy, Excel's PERCENTILE.INC) uses: i = p/100 · (n − 1),
   * value = v[⌊i⌋] + (v[⌈i⌉] − v[⌊i⌋]) · (i − ⌊i⌋), with v the sorted samples. So a k6 run's
   * raw output gives back k6's own summary figures, within the histogram's ±0.05%.
   */
  percentileMs(p: number): number | null {
    const n = this.count;
    if (n === 0) return null;
    const i = (Math.min(Math.max(p, 0), 100) / 100) * (n - 1);
    const below = Math.floor(i);
    const low = this.valueAtRankMs(below + 1);
    const fraction = i - below;
    return fraction === 0 ? low : low + (this.valueAtRankMs(below + 2) - low) * fraction;
  }

  /**
   * The `rank`-th smallest sample (1-based): the exact minimum and maximum at the ends, else the
   * midpoint of its bucket, which keeps the error within ±0.05%.
   */
  private valueAtRankMs(rank: number): number {
    const n = this.count;
    if (rank <= 1) return this.minMs;
    if (rank >= n) return this.maxMs;
    // The library's rank for percentile q is ceil(q/100 · n) (guarded against one-ulp errors): rank itself here.
    this.flush();
    const v = this.h.getValueAtPercentile((100 * rank) / n);
    const eq = this.h as unknown as Equivalence;
    const mid = (eq.lowestEquivalentValue(v) + eq.highestEquivalentValue(v)) / 2 / NS_PER_MS;
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
