import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';

const EXAMPLE = fileURLToPath(new URL('../../../examples/api-service', import.meta.url));
const LOCUST = ['results/locust/run_stats.csv', 'results/locust/run_stats_history.csv', 'results/locust/run_failures.csv'];
let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(EXAMPLE);
});
afterAll(async () => ace.close());

describe('loadtest_series', () => {
  it("gives every second of a Locust run's history and each endpoint's percentile columns", async () => {
    const r = await ace.tool('loadtest_series', { paths: LOCUST });
    const rows = readFileSync(`${EXAMPLE}/results/locust/run_stats_history.csv`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter((l) => l.split(',')[3] === 'Aggregated');
    expect(r.points_total).toBe(rows.length);
    expect(r.series.map((s) => s.key)).toEqual(expect.arrayContaining(['p50', 'p95', 'p99', 'rps', 'users']));
    for (const s of r.series) expect(s.values).toHaveLength(r.t.length);
    expect(r.spectrum!.endpoints.map((e) => e.name).sort()).toEqual(['GET /fast', 'GET /items', 'GET /slow']);
    expect(r.spectrum!.endpoints[0]!.points.at(-1)!.p).toBe(100);
  });

  it('pages through the points: the pages put together are the whole series', async () => {
    const whole = await ace.tool('loadtest_series', { paths: LOCUST });
    const t: number[] = [];
    const p95: (number | null)[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const page: typeof whole = await ace.tool('loadtest_series', { paths: LOCUST, offset, limit: 3 });
      t.push(...page.t);
      p95.push(...page.series.find((s) => s.key === 'p95')!.values);
      expect(page.spectrum === null).toBe(offset > 0);
      offset = page.next_offset;
      pages++;
    }
    expect(pages).toBe(Math.ceil(whole.points_total / 3));
    expect(t).toEqual(whole.t);
    expect(p95).toEqual(whole.series.find((s) => s.key === 'p95')!.values);
  });

  it('says which formats it reads when given another', async () => {
    const r = await ace.call('loadtest_series', { paths: ['results/wrk/items.txt'] });
    expect(r.isError).toBe(true);
    expect(ace.text(r)).toMatch(/no time series or percentile spectrum in results\/wrk\/items\.txt: give a Locust run/);
  });
});
