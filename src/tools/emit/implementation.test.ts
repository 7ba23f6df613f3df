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
