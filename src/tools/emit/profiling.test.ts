import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const est = (basis: string) => ({ kind: 'estimate', basis });
const ms = (value: number) => ({ value, unit: 'ms', source: est('trace sample') });

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
  await ace.call('start_report', { language: 'en', target: 'shop-api' });
});
afterAll(async () => ace.close());

describe('emit_findings', () => {
  const finding = (evidence: string) => ({ layer: 'database', finding: 'N+1: 51 queries per call', evidence, cost: ms(204) });

  it('renders findings with their evidence and cost', async () => {
    const result = await ace.call('emit_findings', { rows: [finding('src/server.js:10')] });
    expect(result.isError).toBeFalsy();
    expect(ace.text(result)).toContain('| Layer | Finding | Evidence | Cost |');
    expect(ace.text(result)).toContain('| Database | N+1: 51 queries per call | `src/server.js:10` | 204 ms[^1] |');
  });

  it('refuses evidence on a missing line, a missing file, or without a line', async () => {
    const line = await ace.call('emit_findings', { rows: [finding('src/server.js:10'), finding('src/server.js:4000')] });
    expect(line.isError).toBe(true);
    expect(ace.text(line)).toMatch(/row 2 \(database\): "src\/server.js:4000" cites line 4000/);
    const file = await ace.call('emit_findings', { rows: [finding('src/nope.js:1')] });
    expect(ace.text(file)).toMatch(/row 1 \(database\).*src\/nope\.js:1/);
    const noLine = await ace.call('emit_findings', { rows: [finding('src/server.js')] });
    expect(ace.text(noLine)).toMatch(/must be "path:line"/);
  });
});

describe('emit_bottleneck_map', () => {
  const hops = [
    { from: 'Client', to: 'LB', latency: ms(20) },
    { from: 'LB', to: 'API', latency: ms(2) },
    { from: 'API', to: 'DB', latency: ms(204), bottleneck: true },
  ];

  it('renders the ASCII chain with exactly one BOTTLENECK and the hop sources', async () => {
    const result = await ace.call('emit_bottleneck_map', {
      hops,
      side: { from: 'API', to: 'Cache', latency: ms(1), missRate: { value: 40, unit: '%', source: est('Redis INFO') } },
    });
    expect(result.isError).toBeFalsy();
    const text = ace.text(result);
    expect(text).toContain('[Client] --20ms-→ [LB] --2ms-→ [API] --204ms-→ [DB]');
    expect(text).toContain('└──1ms──→ [Cache] (miss 40%)');
    expect(text.match(/BOTTLENECK/g)).toHaveLength(2); // the drawing and the legend
    expect(text).toContain('- [API] → [DB]: 204 ms[^1] — **BOTTLENECK**');
  });

  it('refuses zero or two bottlenecks, and a broken chain', async () => {
    const none = await ace.call('emit_bottleneck_map', { hops: hops.map((h) => ({ ...h, bottleneck: false })) });
    expect(ace.text(none)).toMatch(/exactly one hop must be marked bottleneck; none is/);
    const two = await ace.call('emit_bottleneck_map', { hops: hops.map((h) => ({ ...h, bottleneck: true })) });
    expect(ace.text(two)).toMatch(/3 are/);
    const broken = await ace.call('emit_bottleneck_map', { hops: [hops[0], hops[2]] });
    expect(ace.text(broken)).toMatch(/hop 2 \(API → DB\): starts at API but the previous hop ends at LB/);
  });
});
