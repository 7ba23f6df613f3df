/** Several runs per side (each run one sample) and one summary per side. */
import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { Rng } from './rng.js';
import { syntheticRun } from './synthetic.js';
import type { RawRun, SummaryRun } from './types.js';

/** A short raw run whose whole level moves from run to run (machine noise, ~3 %). */
function run(seed: number, slowdown = 1): RawRun {
  const runNoise = Math.exp(0.03 * new Rng(seed * 7919).normal());
  return syntheticRun({ requests: 4000, ratePerS: 80, rho: 0.85, sigma: 0.2, medianMs: 80, seed, scale: runNoise * slowdown, endpoint: '/items' });
}
const side = (from: number, n: number, slowdown = 1) => Array.from({ length: n }, (_, i) => run(from + i, slowdown));

describe('several runs per side', () => {
  it('A/A: fewer than 10 % of 40 comparisons of 8 runs per side report any regressed metric', () => {
    let regressed = 0;
    for (let k = 0; k < 40; k++) {
      const r = compareRuns(side(1000 + 16 * k, 8), side(1008 + 16 * k, 8));
      expect(r.method).toBe('runs');
      if (r.metrics.some((m) => m.verdict === 'regressed')) regressed++;
    }
    console.log(`runs A/A: ${regressed}/40 comparisons with a regressed metric`);
    expect(regressed).toBeLessThan(4);
  });

  it('a clear shift (+30 %) with 8 runs per side is regressed, with p-value and median intervals', () => {
    const r = compareRuns(side(500, 8), side(600, 8, 1.3));
    expect(r.verdict).toBe('regressed');
    const p95 = r.metrics.find((m) => m.endpoint === '/items' && m.metric === 'p95')!;
    expect(p95.verdict).toBe('regressed');
    expect(p95.p_value).toBeLessThan(0.001);
    expect(p95.change_pct).toBeGreaterThan(20);
    expect(p95.change_pct).toBeLessThan(40);
    expect(p95.ci_pct![0]).toBeGreaterThan(0);
    expect(p95.ci_before![0]).toBeLessThanOrEqual(p95.before!);
    expect(p95.ci_before![1]).toBeGreaterThanOrEqual(p95.before!);
    expect(r.runs_per_side).toMatchObject({ before: 8, after: 8 });
  });

  it('3 runs per side: inconclusive, and says how many runs are needed', () => {
    const r = compareRuns(side(700, 3), side(800, 3, 1.3));
    expect(r.verdict).toBe('inconclusive');
    const p95 = r.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95')!;
    expect(p95.verdict).toBe('inconclusive');
    expect(p95.ci_pct).toBeNull();
    expect(p95.p_value).toBeCloseTo(0.1, 10); // the smallest p 3 against 3 can give
    expect(p95.reason).toMatch(/too few runs: 3 BEFORE and 3 AFTER.*about \d+ runs per side/);
    expect(r.runs_per_side.needed).toBeGreaterThanOrEqual(4);
    expect(r.notes.join(' ')).toContain(`about ${r.runs_per_side.needed} runs per side`);
  });

  it('asks for more runs when the runs are noisy', () => {
    const noisy = (seed: number, scale: number): SummaryRun => ({ kind: 'summary', overall: { requests: 1000, errors: 0, p95: 100 * scale } });
    const quiet = compareRuns([noisy(1, 1), noisy(2, 1.01), noisy(3, 0.99)], [noisy(4, 1.1), noisy(5, 1.11), noisy(6, 1.09)]);
    const loud = compareRuns([noisy(1, 1), noisy(2, 1.4), noisy(3, 0.7)], [noisy(4, 1.1), noisy(5, 1.5), noisy(6, 0.8)]);
    expect(loud.runs_per_side.needed!).toBeGreaterThan(quiet.runs_per_side.needed!);
  });

  it('different load makes latency and throughput inconclusive, naming the difference', () => {
    const b = side(900, 8).map((r) => ({ ...r, load: { vus: 50 } }));
    const a = side(950, 8, 1.3).map((r) => ({ ...r, load: { vus: 100 } }));
    const r = compareRuns(b, a);
    for (const m of r.metrics.filter((x) => x.metric !== 'error_rate')) {
      expect(m.verdict).toBe('inconclusive');
      if (m.metric !== 'max') expect(m.reason).toContain('users (VUs) 50 → 100');
    }
    expect(r.load_differences).toHaveLength(1);
  });
});

describe('one summary per side', () => {
  const summary = (p95: number, errors: number): SummaryRun => ({
    kind: 'summary',
    overall: { requests: 10_000, errors, throughput: 95, p50: 40, p90: 80, p95, p99: 200, max: 900, mean: 50 },
    endpoints: { 'GET /items': { requests: 6000, errors, duration_s: 60, p50: 45, p95 } },
  });
  it('reports the change and no significance: every verdict inconclusive, with the reason', () => {
    const r = compareRuns(summary(100, 10), summary(150, 40));
    expect(r.method).toBe('summary');
    expect(r.verdict).toBe('inconclusive');
    const p95 = r.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95')!;
    expect(p95.change_pct).toBeCloseTo(50, 10);
    expect(p95.ci_pct).toBeNull();
    for (const m of r.metrics) {
      expect(m.verdict).toBe('inconclusive');
      expect(m.reason).toContain('one summary per side');
    }
    expect(r.metrics.some((m) => m.endpoint === 'GET /items' && m.metric === 'throughput' && m.before === 100)).toBe(true);
    const er = r.metrics.find((m) => m.endpoint === '*' && m.metric === 'error_rate')!;
    expect(er.change_pp).toBeCloseTo(0.3, 10);
    expect(er.ci_pp![0]).toBeGreaterThan(0);
  });
  it('one raw run against one summary is compared as summaries', () => {
    const r = compareRuns(run(1), summary(100, 0));
    expect(r.method).toBe('summary');
    expect(r.metrics.every((m) => m.verdict === 'inconclusive')).toBe(true);
  });
});
