/**
 * compare_runs on real, interleaved Locust runs of the example service
 * (test/fixtures/compare/locust/README.md): "a" as it is, "b" with /items 30 % slower.
 * A/A must not call anything a regression; A/B must find /items slower and nothing else;
 * one run per side can only be inconclusive.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from './support/client.js';

const root = fileURLToPath(new URL('./fixtures/compare/locust', import.meta.url));
const runs = (side: string) => readdirSync(`${root}/${side}`).sort((x, y) => Number(x.slice(3)) - Number(y.slice(3)));
const stats = (side: string, names: string[]) => names.map((run) => `${side}/${run}/run_stats.csv`);
let ace: ConnectedAce;

interface Metric {
  endpoint: string;
  metric: string;
  verdict: string;
  reason?: string;
}
interface Comparison {
  verdict: string;
  metrics: Metric[];
  notes: string[];
}

async function compare(before: string[], after: string[]): Promise<Comparison> {
  return (await ace.tool('compare_runs', { before, after, limit: 10 })) as unknown as Comparison;
}

beforeAll(async () => {
  ace = await connectAce(root);
});
afterAll(async () => ace.close());

it('A/A (odd runs against even runs of the same service): nothing regressed', async () => {
  const a = runs('a');
  const result = await compare(
    stats(
      'a',
      a.filter((_, i) => i % 2 === 0),
    ),
    stats(
      'a',
      a.filter((_, i) => i % 2 === 1),
    ),
  );
  expect(result.metrics.filter((m) => m.verdict === 'regressed')).toEqual([]);
  expect(result.verdict).not.toBe('regressed');
});

it('A/B (12 runs a side): /items regressed, /fast and /slow did not', async () => {
  const result = await compare(['a'], ['b']);
  const regressed = result.metrics.filter((m) => m.verdict === 'regressed');
  expect(regressed.some((m) => m.endpoint === 'GET /items')).toBe(true);
  expect(regressed.filter((m) => m.endpoint !== 'GET /items' && m.endpoint !== '*')).toEqual([]);
  expect(result.verdict).toBe('regressed');
});

it('one run per side: every latency verdict inconclusive, and says why', async () => {
  const result = await compare(stats('a', ['run1']), stats('b', ['run1']));
  const latency = result.metrics.filter((m) => /^p\d+$|^max$/.test(m.metric));
  expect(latency.length).toBeGreaterThan(0);
  for (const m of latency) expect(m.verdict).toBe('inconclusive');
  expect(result.notes.join(' ')).toMatch(/one summary per side/i);
});

it('A/B with 3 runs a side: inconclusive, naming how many runs a conclusive answer needs', async () => {
  const first = (side: string) => stats(side, runs(side).slice(0, 3));
  const result = (await ace.tool('compare_runs', { before: first('a'), after: first('b'), limit: 10 })) as unknown as Comparison & {
    runs_per_side?: { needed?: number };
  };
  expect(result.metrics.filter((m) => m.verdict === 'regressed')).toEqual([]);
  expect(result.runs_per_side?.needed).toBeGreaterThan(3);
  expect(result.notes.join(' ')).toMatch(/runs per side/);
});

describe('real autocannon runs (GET /items, two ports)', () => {
  const acRoot = fileURLToPath(new URL('./fixtures/compare/autocannon', import.meta.url));
  const ac = (side: string, runs: number[]) => runs.map((i) => `${side}/run${i}.json`);
  let acAce: ConnectedAce;
  beforeAll(async () => {
    acAce = await connectAce(acRoot);
  });
  afterAll(async () => acAce.close());
  const compareAc = async (before: string[], after: string[]) => (await acAce.tool('compare_runs', { before, after })) as unknown as Comparison;

  it('A/A (odd runs against even runs): nothing regressed', async () => {
    const result = await compareAc(ac('a', [1, 3, 5, 7, 9]), ac('a', [2, 4, 6, 8, 10]));
    expect(result.metrics.filter((m) => m.verdict === 'regressed')).toEqual([]);
  });

  it('A/B (10 runs a side): /items regressed, compared by path across the two hosts', async () => {
    const result = await compareAc(['a'], ['b']);
    const items = result.metrics.filter((m) => m.endpoint === '/items');
    expect(items.filter((m) => ['p50', 'p90', 'p99'].includes(m.metric)).map((m) => m.verdict)).toEqual(['regressed', 'regressed', 'regressed']);
    expect(result.verdict).toBe('regressed');
  });

  it('one run a side: every latency verdict inconclusive, with the reason', async () => {
    const result = await compareAc(ac('a', [1]), ac('b', [1]));
    const latency = result.metrics.filter((m) => ['p50', 'p90', 'p99', 'max'].includes(m.metric));
    expect(latency.length).toBeGreaterThan(0);
    for (const m of latency) expect(m.verdict).toBe('inconclusive');
    expect(result.notes.join('\n')).toMatch(/one (summary|run) (per|a) side|no significance/i);
  });
});
