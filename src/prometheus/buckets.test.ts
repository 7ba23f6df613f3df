import { describe, expect, it } from 'vitest';
import { bucketOf, classicBuckets, nativeBuckets } from './buckets.js';

describe('the bucket a quantile falls in', () => {
  // 10 observations ≤ 5 ms, 30 in (5, 10], 50 in (10, 25], 10 above 25 ms.
  const classic = classicBuckets([
    { le: 0.025, count: 90 },
    { le: 0.005, count: 10 },
    { le: Infinity, count: 100 },
    { le: 0.01, count: 40 },
  ]);

  it('turns cumulative le counts into buckets, the first one from 0', () => {
    expect(classic).toEqual([
      { lower: 0, upper: 0.005, count: 10 },
      { lower: 0.005, upper: 0.01, count: 30 },
      { lower: 0.01, upper: 0.025, count: 50 },
      { lower: 0.025, upper: Infinity, count: 10 },
    ]);
  });

  it('uses histogram_quantile’s rank rule: the first bucket whose cumulative count reaches q × total', () => {
    expect(bucketOf(classic, 0.1)).toMatchObject({ lower: 0, upper: 0.005 });
    expect(bucketOf(classic, 0.11)).toMatchObject({ lower: 0.005, upper: 0.01 });
    expect(bucketOf(classic, 0.5)).toMatchObject({ lower: 0.01, upper: 0.025 });
    expect(bucketOf(classic, 0.9)).toMatchObject({ lower: 0.01, upper: 0.025 });
    expect(bucketOf(classic, 0.99)).toMatchObject({ lower: 0.025, upper: Infinity });
    expect(bucketOf(classicBuckets([{ le: 0.1, count: 0 }]), 0.5)).toBeNull();
  });

  it('reads native buckets as the API writes them', () => {
    const native = nativeBuckets([
      [0, '0.0625', '0.125', '3'],
      [0, '0.03125', '0.0625', '1'],
    ]);
    expect(native).toEqual([
      { lower: 0.03125, upper: 0.0625, count: 1 },
      { lower: 0.0625, upper: 0.125, count: 3 },
    ]);
    expect(bucketOf(native, 0.25)).toMatchObject({ lower: 0.03125 });
    expect(bucketOf(native, 0.5)).toMatchObject({ lower: 0.0625 });
  });
});
