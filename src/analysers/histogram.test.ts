import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './histogram.js';

/** Percentile of sorted samples, interpolated between the two closest ranks (k6's definition). */
function exact(sorted: number[], p: number): number {
  const i = (p / 100) * (sorted.length - 1);
  const below = Math.floor(i);
  return sorted[below]! + (sorted[Math.ceil(i)]! - sorted[below]!) * (i - below);
}

describe('LatencyHistogram', () => {
  // Whole milliseconds (counted apart until read), fractions and values past the whole-ms range.
  const samples = Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? (i * 7919) % 300 : i % 3 === 1 ? ((i * 104729) % 9000) / 7 : 4096 + (i % 50) * 13));

  it('gives every percentile within 0.1% of the exact one, whole and fractional milliseconds alike', () => {
    const h = new LatencyHistogram();
    for (const ms of samples) h.recordMs(ms);
    const sorted = [...samples].sort((a, b) => a - b);
    expect(h.count).toBe(samples.length);
    for (const p of [1, 50, 90, 95, 99, 99.9]) expect(Math.abs(h.percentileMs(p)! - exact(sorted, p))).toBeLessThanOrEqual(exact(sorted, p) * 0.001);
    expect(h.maxMs).toBe(sorted[sorted.length - 1]);
    expect(h.minMs).toBe(sorted[0]);
  });

  it('merges exactly: two halves added give what one histogram of all gives, read before or after', () => {
    const all = new LatencyHistogram();
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    samples.forEach((ms, i) => {
      all.recordMs(ms);
      (i % 2 ? a : b).recordMs(ms);
    });
    expect(a.percentileMs(50)).not.toBeNull(); // read once: its whole-ms counts are in the HDR histogram
    a.add(b);
    a.recordMs(12);
    all.recordMs(12);
    for (const p of [50, 95, 99]) expect(a.percentileMs(p)).toBe(all.percentileMs(p));
    expect(a.count).toBe(all.count);
  });
});
