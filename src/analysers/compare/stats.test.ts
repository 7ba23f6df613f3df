import { describe, expect, it } from 'vitest';
import { politisWhite } from './block-length.js';
import { binomialCdf, normalCdf, normalQuantile } from './distributions.js';
import { exactDistribution, mannWhitney, minimumPValue, minimumRunsPerSide, shiftInterval } from './mann-whitney.js';
import { median, medianInterval } from './order-statistics.js';
import { newcombe, wilson } from './proportions.js';
import { quantileSorted } from './quantile.js';
import { Rng } from './rng.js';

describe('distributions', () => {
  it('gives the tabulated normal values', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 7);
    expect(binomialCdf(1, 10, 0.5)).toBeCloseTo(11 / 1024, 12);
  });
});

describe('Rng', () => {
  it('is reproducible, seed-dependent and uniform', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
    const bins = new Array(10).fill(0);
    const r = new Rng(1);
    for (let i = 0; i < 100_000; i++) bins[r.int(10)]++;
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(500);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < 100_000; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / 1e5)).toBeLessThan(0.02);
    expect(Math.abs(s2 / 1e5 - 1)).toBeLessThan(0.02);
  });
});

describe('quantileSorted', () => {
  it('interpolates between ranks (type 7)', () => {
    const v = Float64Array.from([10, 20, 30, 40]);
    expect(quantileSorted(v, 0.5)).toBe(25);
    expect(quantileSorted(v, 0.95)).toBeCloseTo(38.5, 10);
    expect(quantileSorted(v, 1)).toBe(40);
  });
});

describe('Politis–White block length', () => {
  const ar1 = (rho: number, n: number, seed: number) => {
    const r = new Rng(seed);
    const x = new Float64Array(n);
    let z = r.normal();
    for (let i = 0; i < n; i++) x[i] = z = rho * z + Math.sqrt(1 - rho * rho) * r.normal();
    return x;
  };
  it('is about 1 for independent data', () => {
    expect(politisWhite(ar1(0, 8000, 3)).circular).toBeLessThan(3);
  });
  it('finds the AR(1) optimum (1.5 (2ρ/(1−ρ²))²)^{1/3} n^{1/3}', () => {
    const target = Math.cbrt(1.5 * (1 / 0.75) ** 2) * Math.cbrt(8000); // ρ = 0.5: 27.7
    const got = [1, 2, 3].map((s) => politisWhite(ar1(0.5, 8000, s)).circular);
    const mean = got.reduce((a, b) => a + b) / got.length;
    expect(mean).toBeGreaterThan(0.65 * target);
    expect(mean).toBeLessThan(1.5 * target);
  });
  it('grows with the autocorrelation', () => {
    expect(politisWhite(ar1(0.9, 4000, 5)).circular).toBeGreaterThan(politisWhite(ar1(0.5, 4000, 5)).circular);
  });
});

describe('Newcombe interval (Newcombe 1998, method 10)', () => {
  // Table II of the paper, method 10 (the brief quoted "56/70 vs 48/80 → 0.1750, 0.0381 to 0.3101":
  // 56/70 − 48/80 is 0.2000, and the published interval for it is 0.0524 to 0.3339).
  it.each([
    [56, 70, 48, 80, 0.2, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.6, 0.1705, 0.809],
    [6, 7, 2, 7, 0.5714, 0.0582, 0.8062],
    [5, 56, 0, 29, 0.0893, -0.0381, 0.1926],
    [0, 10, 0, 20, 0, -0.1611, 0.2775],
    [0, 10, 0, 10, 0, -0.2775, 0.2775],
    [10, 10, 0, 20, 1, 0.6791, 1],
    [10, 10, 0, 10, 1, 0.6075, 1],
  ])('matches the published example %i/%i − %i/%i', (x1, n1, x2, n2, d, lo, hi) => {
    const r = newcombe(x1, n1, x2, n2);
    expect(r.difference).toBeCloseTo(d, 4);
    expect(r.lo).toBeCloseTo(lo, 4);
    expect(r.hi).toBeCloseTo(hi, 4);
  });
  it('Wilson stays inside [0, 1] and is not symmetric near 0', () => {
    const w = wilson(0, 20);
    expect(w.lo).toBe(0);
    expect(w.hi).toBeCloseTo(3.8415 / 23.8415, 4);
  });
});

describe('Mann–Whitney', () => {
  it('exact distribution sums to 1 and gives the smallest p-values', () => {
    const d = exactDistribution(4, 5);
    expect(d.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(d[0]).toBeCloseTo(1 / 126, 12);
    expect(minimumPValue(3, 3)).toBeCloseTo(0.1, 12);
    expect(minimumPValue(4, 4)).toBeCloseTo(2 / 70, 12);
    expect(minimumRunsPerSide(0.05)).toBe(4);
    expect(minimumRunsPerSide(0.01)).toBe(5);
  });
  it("matches R's wilcox.test on its documented example (W = 35, two-sided p = 0.2544)", () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = mannWhitney(x, y);
    expect(r.exact).toBe(true);
    expect(r.u).toBe(15); // pairs with y > x: 50 − W
    expect(r.pValue).toBeCloseTo(0.2544, 4);
  });
  it('uses the tie-corrected normal approximation with ties', () => {
    const r = mannWhitney([1, 1, 2, 2, 3, 3], [3, 3, 4, 4, 5, 5]);
    expect(r.exact).toBe(false);
    expect(r.pValue).toBeGreaterThan(0.001);
    expect(r.pValue).toBeLessThan(0.02);
  });
  it('gives no shift interval with 3 per side and the extreme differences with 4', () => {
    expect(shiftInterval([1, 2, 3], [4, 5, 6], 0.05)).toBeNull();
    expect(shiftInterval([1, 2, 3, 4], [11, 12, 13, 14], 0.05)).toEqual([7, 13]);
  });
});

describe('order-statistic interval of the median', () => {
  it('uses the binomial ranks', () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(medianInterval([1, 2, 3, 4, 5], 0.05)).toBeNull();
    expect(medianInterval([6, 5, 4, 3, 2, 1], 0.05)).toEqual([1, 6]);
    expect(medianInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.05)).toEqual([2, 9]);
  });
});
