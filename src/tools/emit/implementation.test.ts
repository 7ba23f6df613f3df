import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const est = { kind: 'estimate', basis: 'staging benchmark' };
const block = (extra: Record<string, unknown> = {}) => ({
  name: 'Refactor N+1',
  problem: 'one query per product',
  codeBefore: 'for (const p of products) p.reviews = await reviewsOf(p.id);',
  before: { latency: { value: 350, unit: 'ms', source: est }, throughput: { value: 120, unit: 'req/s', source: est } },
  solution: 'one IN query',
  codeAfter: 'const reviews = await reviewsOfAll(ids);',
  after: { latency: { value: 0.2, unit: 's', source: est }, throughput: { value: 210, unit: 'req/s', source: est } },
  explanation: '2 queries instead of 51',
  ...extra,
});

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
});
afterAll(async () => ace.close());

describe('emit_before_after', () => {
  it("renders the seed's AVANT/APRES block with computed % changes", async () => {
    await ace.call('start_report', { language: 'fr', target: 'shop-api' });
    const result = await ace.call('emit_before_after', { blocks: [block()] });
    expect(result.isError).toBeFalsy();
    const text = ace.text(result);
    expect(text).toContain('#### Optimisation : Refactor N+1');
    expect(text).toContain('// AVANT : one query per product\n// Latence : 350 ms, Throughput : 120 req/s');
    expect(text).toContain('// APRES : one IN query\n// Latence attendue : 0.2 s (-43%), Throughput attendu : 210 req/s (+75%)');
    expect(text).toContain('// Explication : 2 queries instead of 51');
  });

  it('uses the English labels in an English session', async () => {
    await ace.call('start_report', { language: 'en', target: 'shop-api' });
    const text = ace.text(await ace.call('emit_before_after', { blocks: [block()] }));
    expect(text).toContain('// BEFORE: one query per product\n// Latency: 350 ms, Throughput: 120 req/s');
    expect(text).toContain('// Expected latency: 0.2 s (-43%), Expected throughput: 210 req/s (+75%)');
  });

  it('refuses a written % change that disagrees with its two numbers', async () => {
    const result = await ace.call('emit_before_after', { blocks: [block({ writtenChange: { latency: -60 } })] });
    expect(result.isError).toBe(true);
    expect(ace.text(result)).toMatch(/block 1 \(Refactor N\+1\): written latency change -60% disagrees with its figures \(-43%\)/);
  });
});

describe('emit_before_after with a measured comparison (real Locust runs, /items 30 % slower after)', () => {
  const RUNS = fileURLToPath(new URL('../../../test/fixtures/compare/locust', import.meta.url));
  let runs: ConnectedAce;
  const measuredBlock = (measured: Record<string, unknown>) => {
    const { before: _b, after: _a, ...rest } = block();
    return { ...rest, name: 'Items query', measured };
  };
  beforeAll(async () => {
    runs = await connectAce(RUNS);
  });
  afterAll(async () => runs.close());

  it('takes its figures, interval and verdict from the two sides, sourced to the files', async () => {
    await runs.call('start_report', { language: 'fr', target: 'api-service' });
    const result = await runs.call('emit_before_after', { blocks: [measuredBlock({ before: ['a'], after: ['b'], endpoint: 'GET /items' })] });
    expect(result.isError, runs.text(result)).toBeFalsy();
    const comparison = (await runs.tool('compare_runs', { before: ['a'], after: ['b'], endpoint_filter: '/items' })) as any;
    const p95 = comparison.metrics.find((m: any) => m.endpoint === 'GET /items' && m.metric === 'p95');
    const built = (result.structuredContent as any).data.blocks[0];
    expect(built.before.latency).toMatchObject({ value: p95.before, unit: 'ms', source: { kind: 'computed' } });
    expect(built.after.latency.value).toBe(p95.after);
    expect(built.before.latency.source.from).toContain('a/run1/run_stats.csv');
    expect(built.comparison.latency).toMatchObject({ verdict: 'regressed', ci_pct: p95.ci_pct });
    const text = runs.text(result);
    expect(text).toMatch(/\/\/ Latence P95 mesurée : [\d.]+ ms \(\+\d+%, IC 95 % \[\+\d+(\.\d)?%, \+\d+(\.\d)?%\], dégradé\)/);
    expect(text).not.toContain('attendu');
  });

  it('names the endpoints it has when the one asked for is not among them', async () => {
    const result = await runs.call('emit_before_after', { blocks: [measuredBlock({ before: ['a'], after: ['b'], endpoint: 'GET /nowhere' })] });
    expect(result.isError).toBe(true);
    expect(runs.text(result)).toMatch(
      /block 1 \(Items query\): the comparison has no p95 on both sides for endpoint 'GET \/nowhere' \(endpoints: .*GET \/items/,
    );
  });

  it('refuses figures and measured together, and a block with neither', async () => {
    const both = await runs.call('emit_before_after', { blocks: [{ ...block(), measured: { before: ['a'], after: ['b'] } }] });
    expect(runs.text(both)).toMatch(/give either measured or the before\/after figures, not both/);
    const { after: _a, ...onlyBefore } = block();
    const neither = await runs.call('emit_before_after', { blocks: [onlyBefore] });
    expect(runs.text(neither)).toMatch(/give the before and after figures, or measured/);
  });
});
