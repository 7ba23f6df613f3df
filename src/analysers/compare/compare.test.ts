/** compareRuns on raw runs: the --json contract, endpoints, guards, determinism and cost. */
import { describe, expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { syntheticSamples } from './synthetic.js';
import type { RawRun } from './types.js';

const METRICS = ['p50', 'p90', 'p95', 'p99', 'max', 'mean', 'throughput', 'error_rate'];
const base = { requests: 3000, ratePerS: 30, rho: 0.85, sigma: 0.2, medianMs: 100 };

/** Two endpoints interleaved in time; `slowItems` scales /items only. */
function twoEndpoints(seed: number, slowItems = 1): RawRun {
  const items = syntheticSamples({ ...base, seed, endpoint: '/items', scale: slowItems });
  const health = syntheticSamples({ ...base, seed: seed + 1, endpoint: '/health', medianMs: 20 });
  return { kind: 'raw', samples: [...items, ...health], load: { vus: 20, duration_s: 100 } };
}

describe('compareRuns on raw runs', () => {
  it('returns the --json contract, per endpoint and overall, with the block length it chose', () => {
    const r = compareRuns(twoEndpoints(1), twoEndpoints(3, 1.3), { resamples: 300 });
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['verdict', 'metrics', 'notes']));
    expect(r.method).toBe('block-bootstrap');
    expect(new Set(r.metrics.map((m) => m.endpoint))).toEqual(new Set(['*', '/items', '/health']));
    for (const e of ['*', '/items', '/health']) expect(r.metrics.filter((m) => m.endpoint === e).map((m) => m.metric)).toEqual(METRICS);
    for (const m of r.metrics) {
      expect(['improved', 'regressed', 'unchanged', 'inconclusive']).toContain(m.verdict);
      if (m.ci_pct) expect(m.ci_pct[0]).toBeLessThanOrEqual(m.ci_pct[1]);
      if (m.verdict === 'inconclusive') expect(m.reason).toBeTruthy();
    }
    const v = (e: string, metric: string) => r.metrics.find((m) => m.endpoint === e && m.metric === metric)!.verdict;
    expect(v('/items', 'p95')).toBe('regressed');
    expect(v('/health', 'p95')).not.toBe('regressed');
    expect(r.verdict).toBe('regressed');
    const block = r.blocks!.find((b) => b.endpoint === '/items')!;
    expect(block.length_bins[0]).toBeGreaterThanOrEqual(1);
    expect(block.length_s[0]).toBeCloseTo((block.length_bins[0] * block.bin_ms[0]) / 1000, 10);
    expect(r.notes.join(' ')).toMatch(/Politis–White/);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('is reproducible for a seed', () => {
    const a = compareRuns(twoEndpoints(5), twoEndpoints(7), { resamples: 200, seed: 42 });
    const b = compareRuns(twoEndpoints(5), twoEndpoints(7), { resamples: 200, seed: 42 });
    const c = compareRuns(twoEndpoints(5), twoEndpoints(7), { resamples: 200, seed: 43 });
    expect(b.metrics).toEqual(a.metrics);
    expect(c.metrics.map((m) => m.ci_pct)).not.toEqual(a.metrics.map((m) => m.ci_pct));
  });

  it('different load: latency and throughput inconclusive with the difference named', () => {
    const before = twoEndpoints(1);
    const after = { ...twoEndpoints(3, 1.3), load: { vus: 40, duration_s: 100 } };
    const r = compareRuns(before, after, { resamples: 200 });
    for (const m of r.metrics.filter((x) => x.metric !== 'error_rate')) expect(m.verdict).toBe('inconclusive');
    expect(r.metrics.find((m) => m.endpoint === '/items' && m.metric === 'p95')!.reason).toContain('users (VUs) 20 → 40');
    expect(r.notes[0]).toContain('The load differed');
  });

  it('too few requests for a percentile: inconclusive, saying how many are needed', () => {
    const small = (seed: number): RawRun => ({ kind: 'raw', samples: syntheticSamples({ ...base, requests: 300, seed }) });
    const r = compareRuns(small(1), small(2), { resamples: 200 });
    const p99 = r.metrics.find((m) => m.metric === 'p99')!;
    expect(p99.verdict).toBe('inconclusive');
    expect(p99.reason).toContain('P99 needs at least 1000 requests per side');
  });

  it('error rates: a rise from 0.2 % to 3 % regresses, with a Newcombe interval in points', () => {
    const run = (seed: number, errorRate: number): RawRun => ({ kind: 'raw', samples: syntheticSamples({ ...base, seed, errorRate }) });
    const r = compareRuns(run(11, 0.002), run(12, 0.03), { resamples: 200 });
    const er = r.metrics.find((m) => m.metric === 'error_rate')!;
    expect(er.verdict).toBe('regressed');
    expect(er.change_pp).toBeGreaterThan(2);
    expect(er.ci_pp![0]).toBeGreaterThan(0);
    expect(er.ci_pct).toBeNull();
  });

  it('unsorted samples give the same answer as sorted ones', () => {
    const b = twoEndpoints(21);
    const a = twoEndpoints(23);
    const sorted = (r: RawRun): RawRun => ({ ...r, samples: [...r.samples].sort((x, y) => x.t_ms - y.t_ms) });
    const x = compareRuns(b, a, { resamples: 100 });
    const y = compareRuns(sorted(b), sorted(a), { resamples: 100 });
    expect(y.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95')).toEqual(x.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95'));
  });

  it('1M requests per side cost about a second of CPU: the bootstrap sees a thinned series', () => {
    const big = (seed: number): RawRun => ({ kind: 'raw', samples: syntheticSamples({ ...base, requests: 1_000_000, ratePerS: 1000, seed }) });
    const before = big(1);
    const after = big(3);
    const t0 = process.cpuUsage();
    const r = compareRuns(before, after);
    const cpu = process.cpuUsage(t0);
    const seconds = (cpu.user + cpu.system) / 1e6;
    console.log(`1M requests per side, 1000 replicates: ${seconds.toFixed(2)} s CPU; thinning ${JSON.stringify(r.blocks!.map((b) => b.thinning))}`);
    expect(r.blocks![0]!.thinning).toEqual([100, 100]);
    expect(r.notes.join(' ')).toContain('thinned 1 in k');
    expect(r.metrics.find((m) => m.metric === 'p95')!.verdict).not.toBe('regressed');
    expect(seconds).toBeLessThan(3);
  });
});
