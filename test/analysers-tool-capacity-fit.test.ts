import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ToolResult } from '../src/server/typed-client.js';
import { connectAce, type ConnectedAce } from './support/client.js';

const root = fileURLToPath(new URL('../', import.meta.url));
let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(root);
});
afterAll(async () => {
  await ace.close();
});

it("fits the USL to given points and solves Little's law", async () => {
  const usl = (n: number) => (100 * n) / (1 + 0.08 * (n - 1) + 0.001 * n * (n - 1));
  const points = [1, 2, 4, 8, 16, 32, 64].map((n) => ({ concurrency: n, throughput: usl(n) }));
  const r = await ace.call('capacity_fit', { points, project_at: [10, 100], little: { throughput: 250, latency_ms: 40 } });
  expect(r.isError).toBeFalsy();
  const d = r.structuredContent as ToolResult<'capacity_fit'>;
  expect(d.usl!.sigma).toBeCloseTo(0.08, 5);
  expect(d.usl!.kappa).toBeCloseTo(0.001, 6);
  expect(d.usl!.peak_concurrency!.value).toBeCloseTo(Math.sqrt(0.92 / 0.001), 2);
  expect(d.usl!.projections.map((p) => p.concurrency)).toEqual([10, 100]);
  expect(d.usl!.projections[0]!.throughput.value).toBeCloseTo(usl(10), 3);
  expect(d.little!.concurrency).toBeCloseTo(10, 9);
  expect(ace.text(r)).toMatch(/USL fit on 7 points: σ=0\.08/);
});

it('fits a real stepped Locust history', async () => {
  const d = await ace.tool('capacity_fit', { loadtest: 'test/fixtures/loadtests/locust-steps/steps_stats_history.csv' });
  expect(d.usl!.points).toHaveLength(5);
  expect(d.usl!.max_throughput.unit).toBe('req/s');
  expect(d.usl!.r_squared).toBeGreaterThan(0.5);
});

it('fits a real stepped JMeter 2.13 run from its JTL: allThreads levels, throughput per second', async () => {
  const rel = 'test/fixtures/loadtests/jmeter/jmeter213/steps/results.jtl';
  const d = await ace.tool('capacity_fit', { loadtest: rel });
  const points = d.usl!.points;
  // The same reading done by hand on the file: samples started per whole second (the run's first
  // and last seconds, cut short, left out), grouped by the highest allThreads of that second, the
  // first second of each level skipped.
  const rows = readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const seconds = new Map<number, { n: number; users: number }>();
  for (const f of rows) {
    const s = Math.floor(Number(f[0]) / 1000);
    const cur = seconds.get(s) ?? { n: 0, users: 0 };
    seconds.set(s, { n: cur.n + 1, users: Math.max(cur.users, Number(f[10])) });
  }
  const byLevel = new Map<number, number[]>();
  let prev = -1;
  for (const [, { n, users }] of [...seconds].sort((a, b) => a[0] - b[0]).slice(1, -1)) {
    if (users !== prev) {
      prev = users;
      continue;
    }
    byLevel.set(users, [...(byLevel.get(users) ?? []), n]);
  }
  const expected = [...byLevel].sort((a, b) => a[0] - b[0]).map(([users, xs]) => [users, xs.reduce((a, b) => a + b, 0) / xs.length]);
  expect(points.map((p) => p.concurrency)).toEqual(expected.map(([users]) => users));
  points.forEach((p, i) => expect(p.throughput).toBeCloseTo(expected[i]![1]!, 3));
  expect(expected.map(([users]) => users)).toEqual([1, 2, 4, 8, 16]);
  // A sleep-bound service scales linearly: no contention, no coherency cost.
  expect(d.usl!.r_squared).toBeGreaterThan(0.99);
  expect(d.usl!.sigma).toBeLessThan(0.05);
});

it('explains what is missing', async () => {
  await expect(ace.tool('capacity_fit', { loadtest: 'test/fixtures/loadtests/wrk/items.txt' })).rejects.toThrow(/no user-count history/);
  await expect(
    ace.tool('capacity_fit', {
      points: [
        { concurrency: 1, throughput: 10 },
        { concurrency: 2, throughput: 18 },
      ],
    }),
  ).rejects.toThrow(/at least 3/);
});
