import { describe, expect, it } from 'vitest';
import { downsampleShared, lttbIndices } from './lttb.js';
import { MAX_POINTS, timelineChart } from './view.js';

describe('largest-triangle-three-buckets', () => {
  it('keeps the first, the last and a lone spike that a stride would miss', () => {
    const xs = Array.from({ length: 10_000 }, (_, i) => i);
    const ys = xs.map((i) => (i === 4321 ? 1000 : Math.sin(i / 50)));
    const kept = lttbIndices(xs, ys, 300);
    expect(kept).toHaveLength(300);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(9999);
    expect(kept).toContain(4321);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
  });

  it('returns every index when the series is short enough', () => {
    expect(lttbIndices([1, 2, 3], [1, 2, 3], 10)).toEqual([0, 1, 2]);
  });

  it('keeps each series peaks on a shared axis, within the budget', () => {
    const xs = Array.from({ length: 5000 }, (_, i) => i);
    const a = xs.map((i) => (i === 100 ? 50 : 1));
    const b = xs.map((i) => (i === 4000 ? 50 : 1));
    const kept = downsampleShared(xs, [a, b], 600);
    expect(kept.length).toBeLessThanOrEqual(600);
    expect(kept).toContain(100);
    expect(kept).toContain(4000);
  });

  it('timelines past MAX_POINTS are downsampled and say from how many points', () => {
    const t = Array.from({ length: 10_000 }, (_, i) => i);
    const chart = timelineChart('run.jtl', t, [
      { key: 'rps', values: t.map((i) => (i === 7777 ? 900 : 100)) },
      { key: 'users', values: t.map(() => 10) },
      { key: 'p50', values: t.map(() => null) },
    ]);
    expect(chart.downsampled).toEqual({ from: 10_000, to: chart.t.length });
    expect(chart.t.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(chart.series.map((s) => s.key)).toEqual(['rps', 'users']);
    expect(chart.series[0]!.values).toContain(900);
  });
});
