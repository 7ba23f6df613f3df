import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from './support/client.js';

const root = fileURLToPath(new URL('../', import.meta.url));
let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(root);
});
afterAll(async () => {
  await ace.close();
});

type Q = { value: number; unit: string };
interface Fit {
  usl: { sigma: number; kappa: number; lambda: number; peak_concurrency: Q | null; max_throughput: Q; r_squared: number; points: unknown[]; projections: { concurrency: number; throughput: Q }[] } | null;
  little: { concurrency: number; throughput: Q; latency: Q } | null;
}

it('fits the USL to given points and solves Little\'s law', async () => {
  const usl = (n: number) => (100 * n) / (1 + 0.08 * (n - 1) + 0.001 * n * (n - 1));
  const points = [1, 2, 4, 8, 16, 32, 64].map((n) => ({ concurrency: n, throughput: usl(n) }));
  const r = await ace.call('capacity_fit', { points, project_at: [10, 100], little: { throughput: 250, latency_ms: 40 } });
  expect(r.isError).toBeFalsy();
  const d = r.structuredContent as unknown as Fit;
  expect(d.usl!.sigma).toBeCloseTo(0.08, 5);
  expect(d.usl!.kappa).toBeCloseTo(0.001, 6);
  expect(d.usl!.peak_concurrency!.value).toBeCloseTo(Math.sqrt(0.92 / 0.001), 2);
  expect(d.usl!.projections.map((p) => p.concurrency)).toEqual([10, 100]);
  expect(d.usl!.projections[0]!.throughput.value).toBeCloseTo(usl(10), 3);
  expect(d.little!.concurrency).toBeCloseTo(10, 9);
  expect(ace.text(r)).toMatch(/USL fit on 7 points: σ=0\.08/);
});

it('fits a real stepped Locust history', async () => {
  const r = await ace.call('capacity_fit', { loadtest: 'test/fixtures/loadtests/locust-steps/steps_stats_history.csv' });
  expect(r.isError).toBeFalsy();
  const d = r.structuredContent as unknown as Fit;
  expect(d.usl!.points).toHaveLength(5);
  expect(d.usl!.max_throughput.unit).toBe('req/s');
  expect(d.usl!.r_squared).toBeGreaterThan(0.5);
});

it('explains what is missing', async () => {
  const r = await ace.call('capacity_fit', { loadtest: 'test/fixtures/loadtests/wrk/items.txt' });
  expect(r.isError).toBe(true);
  expect(ace.text(r)).toMatch(/no user-count history/);
  const few = await ace.call('capacity_fit', { points: [{ concurrency: 1, throughput: 10 }, { concurrency: 2, throughput: 18 }] });
  expect(few.isError).toBe(true);
  expect(ace.text(few)).toMatch(/at least 3/);
});
