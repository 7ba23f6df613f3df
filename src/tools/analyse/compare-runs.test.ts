import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';

interface Row {
  endpoint: string;
  metric: string;
  verdict: string;
  reason?: string;
  requests?: { before: number; after: number };
}
interface Out {
  verdict: string;
  method: string;
  metrics: Row[];
  notes: string[];
  runs_per_side: { before: number; after: number };
  sources: { before: { path: string }[]; after: { path: string }[] };
  computed: string;
  endpoints_total: number;
}

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(new URL('../../../test/fixtures', import.meta.url).pathname);
});
afterAll(() => ace.close());

async function compare(args: Record<string, unknown>): Promise<Out> {
  const r = await ace.call('compare_runs', args);
  expect(r.isError, ace.text(r)).toBeFalsy();
  return r.structuredContent as unknown as Out;
}

// Real JMeter 2.13 output (loadtests/jmeter/jmeter213/mix) cut in its two halves; the slow copy
// has GET /slow 30 % slower (test/fixtures/compare/make.mjs).
const JTL = 'compare/jmeter';

describe('compare_runs on real raw runs', () => {
  it('A/A: the two halves of one run show no regression, with sources and provenance', async () => {
    const out = await compare({ before: [`${JTL}/first-half.jtl`], after: [`${JTL}/second-half.jtl`] });
    expect(out.method).toBe('block-bootstrap');
    expect(out.metrics.filter((m) => m.verdict === 'regressed')).toEqual([]);
    expect(out.sources.before).toEqual([{ path: `${JTL}/first-half.jtl`, format: 'jmeter-csv' }]);
    expect(out.computed).toContain(`${JTL}/second-half.jtl`);
    expect(out.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95')?.requests).toEqual({ before: 300, after: 300 });
  });

  it('A/B: GET /slow 30 % slower is regressed, and nothing on the other endpoints is', async () => {
    const out = await compare({ before: [`${JTL}/first-half.jtl`], after: [`${JTL}/second-half-slow.jtl`] });
    expect(out.verdict).toBe('regressed');
    const regressed = out.metrics.filter((m) => m.verdict === 'regressed');
    expect(regressed.length).toBeGreaterThan(0);
    expect(new Set(regressed.map((m) => m.endpoint))).toSatisfy((s: Set<string>) => [...s].every((e) => e === '*' || e === 'GET /slow'));
  });

  it('reads k6 NDJSON per request (one endpoint, 50 requests a side)', async () => {
    const out = await compare({ before: ['compare/k6/first-half.json'], after: ['compare/k6/second-half-slow.json'] });
    expect(out.method).toBe('block-bootstrap');
    expect(out.metrics.find((m) => m.endpoint === '*' && m.metric === 'p50')?.requests).toEqual({ before: 50, after: 50 });
  });

  it('endpoint_filter and limit bound the endpoints listed, with a note', async () => {
    const out = await compare({ before: [`${JTL}/first-half.jtl`], after: [`${JTL}/second-half.jtl`], limit: 1 });
    expect(new Set(out.metrics.map((m) => m.endpoint)).size).toBe(2);
    expect(out.endpoints_total).toBe(3);
    expect(out.notes.some((n) => n.includes('1 of 3 endpoints listed'))).toBe(true);
    const only = await compare({ before: [`${JTL}/first-half.jtl`], after: [`${JTL}/second-half.jtl`], endpoint_filter: 'items' });
    expect(new Set(only.metrics.map((m) => m.endpoint))).toEqual(new Set(['*', 'GET /items']));
  });
});

describe('compare_runs on summaries and folders', () => {
  it('one summary per side: every latency verdict is inconclusive, with the reason', async () => {
    const out = await compare({ before: ['loadtests/wrk/items.txt'], after: ['loadtests/wrk/slow.txt'] });
    expect(out.method).toBe('summary');
    const latency = out.metrics.filter((m) => /^p\d+$/.test(m.metric));
    expect(latency.length).toBeGreaterThan(0);
    expect(latency.every((m) => m.verdict === 'inconclusive')).toBe(true);
    expect(out.notes.join('\n')).toMatch(/no significance can be claimed/);
  });

  it('a folder of run files is several runs on its side', async () => {
    const out = await compare({ before: ['loadtests/wrk'], after: ['loadtests/wrk/items.txt'] });
    expect(out.method).toBe('runs');
    expect(out.runs_per_side).toMatchObject({ before: 2, after: 1 });
  });

  it('a file that is not a result is an error the caller can act on', async () => {
    const r = await ace.call('compare_runs', { before: ['loadtests/README.md'], after: [`${JTL}/second-half.jtl`] });
    expect(r.isError).toBe(true);
    expect(ace.text(r)).toMatch(/loadtests\/README\.md/);
  });
});
