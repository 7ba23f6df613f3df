import { describe, expect, it } from 'vitest';
import { compareErrorRates, designEffect } from './error-rate.js';
import { compareLoad, describeLoadDifference } from './load.js';
import type { MetricComparison } from './types.js';
import { applyFamilyCorrection, decide, holm, overallVerdict } from './verdict.js';

describe('verdict rule', () => {
  const tau = 0.05;
  it('regressed needs an interval above 0 and a change beyond τ', () => {
    expect(decide(0.2, 0.1, 0.3, tau, 'higher-is-worse').verdict).toBe('regressed');
    expect(decide(0.2, 0.1, 0.3, tau, 'higher-is-better').verdict).toBe('improved');
    expect(decide(-0.2, -0.3, -0.1, tau, 'higher-is-worse').verdict).toBe('improved');
  });
  it('unchanged only when the interval lies within ±τ', () => {
    expect(decide(0.01, -0.03, 0.04, tau, 'higher-is-worse').verdict).toBe('unchanged');
    expect(decide(0.01, -0.03, 0.06, tau, 'higher-is-worse')).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('too wide') });
  });
  it('a real change smaller than τ whose interval reaches past τ is inconclusive', () => {
    const d = decide(0.03, 0.01, 0.07, tau, 'higher-is-worse');
    expect(d.verdict).toBe('inconclusive');
    expect(d.reason).toContain('within the noise threshold');
  });
  it('a significant change above τ is not enough without the interval excluding 0', () => {
    expect(decide(0.08, -0.01, 0.17, tau, 'higher-is-worse').verdict).toBe('inconclusive');
  });
  it('top-level verdict: regressed > improved > unchanged > inconclusive; max never decides', () => {
    const m = (verdict: MetricComparison['verdict'], metric: MetricComparison['metric'] = 'p95'): MetricComparison => ({
      endpoint: '*',
      metric,
      before: 1,
      after: 1,
      change_pct: 0,
      ci_pct: null,
      verdict,
    });
    expect(overallVerdict([m('improved'), m('regressed', 'p50')])).toBe('regressed');
    expect(overallVerdict([m('improved'), m('unchanged', 'p50')])).toBe('improved');
    expect(overallVerdict([m('unchanged'), m('inconclusive', 'max')])).toBe('unchanged');
    expect(overallVerdict([m('unchanged'), m('inconclusive', 'p50')])).toBe('inconclusive');
    expect(overallVerdict([m('unchanged'), m('regressed', 'max')])).toBe('unchanged');
  });
});

describe("Holm's correction", () => {
  it('adjusts step-down and keeps the order monotone', () => {
    expect(holm([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
  });
  it('demotes a lone regression that does not survive it, keeps a strong one', () => {
    const row = (metric: MetricComparison['metric'], p: number, verdict: MetricComparison['verdict']): MetricComparison => ({
      endpoint: '*',
      metric,
      before: 1,
      after: 1.1,
      change_pct: 10,
      ci_pct: [1, 19],
      verdict,
      p_value: p,
    });
    const rows = [row('p99', 0.02, 'regressed'), row('p50', 0.5, 'unchanged'), row('p95', 0.3, 'inconclusive'), row('max', 0.001, 'inconclusive')];
    applyFamilyCorrection(rows, 0.05);
    expect(rows[0]!.verdict).toBe('inconclusive');
    expect(rows[0]!.p_adjusted).toBeCloseTo(0.06, 12);
    expect(rows[0]!.reason).toContain("Holm's correction over the 3 metrics");
    expect(rows[3]!.p_adjusted).toBeUndefined();
    const strong = [row('p99', 0.001, 'regressed'), row('p50', 0.5, 'unchanged')];
    applyFamilyCorrection(strong, 0.05);
    expect(strong[0]!.verdict).toBe('regressed');
  });
});

describe('load equality', () => {
  it('names the fields that differ beyond the tolerance', () => {
    const r = compareLoad({ vus: 50, duration_s: 60, think_time_ms: 1000 }, { vus: 100, duration_s: 62, arrival_rate: 20 });
    expect(r.differences).toEqual([{ field: 'vus', before: 50, after: 100, change_pct: 100 }]);
    expect(r.oneSided.sort()).toEqual(['arrival_rate', 'think_time_ms']);
    expect(describeLoadDifference(r.differences[0]!)).toBe('users (VUs) 50 → 100 (+100 %)');
  });
  it('accepts equal loads and honours the tolerance', () => {
    expect(compareLoad({ arrival_rate: 100 }, { arrival_rate: 100 }).differences).toEqual([]);
    expect(compareLoad({ duration_s: 60 }, { duration_s: 66 }, 0.05).differences).toHaveLength(1);
  });
});

describe('error rates', () => {
  const opts = { alpha: 0.05, threshold: 0.05, floorPp: 0.25 };
  it('a rise from 0 % past the floor regresses', () => {
    const r = compareErrorRates({ requests: 10_000, errors: 0 }, { requests: 10_000, errors: 200 }, opts)!;
    expect(r.changePp).toBeCloseTo(2, 10);
    expect(r.changePct).toBeNull();
    expect(r.ciPp[0]).toBeGreaterThan(0);
    expect(r.decision.verdict).toBe('regressed');
  });
  it('the same counts with bursty errors (design effect) are less certain', () => {
    const iid = compareErrorRates({ requests: 10_000, errors: 100 }, { requests: 10_000, errors: 140 }, opts)!;
    const bursty = compareErrorRates({ requests: 10_000, errors: 100, deff: 8 }, { requests: 10_000, errors: 140, deff: 8 }, opts)!;
    expect(bursty.ciPp[1] - bursty.ciPp[0]).toBeGreaterThan(2 * (iid.ciPp[1] - iid.ciPp[0]));
  });
  it('design effect: 1 for spread errors, large for bursts', () => {
    const requests = new Array(100).fill(100);
    const spread = new Array(100).fill(2);
    const burst = new Array(100).fill(0);
    for (let b = 40; b < 44; b++) burst[b] = 50;
    expect(designEffect(requests, spread, 5)).toBe(1);
    expect(designEffect(requests, burst, 5)).toBeGreaterThan(10);
  });
});
