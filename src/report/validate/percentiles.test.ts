import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';

const en = fixture('clean.en.md');
const of = async (md: string) => (await validateReport(md)).violations.filter((v) => v.rule === 'percentile-order');

describe('percentile order', () => {
  it('flags P95 below P50 down a metrics table', async () => {
    const md = edit(en, '| Latency P95 | 420 ms[^1] |', '| Latency P95 | 90 ms[^1] |');
    const v = await of(md);
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, '| Latency P95 |'));
    expect(v[0]?.message).toMatch(/P95 \(90 ms\) is below P50 \(180 ms\)/);
  });

  it('converts units: 1.2 s is above 420 ms, 0.3 s is below', async () => {
    expect(await of(en)).toEqual([]);
    const md = edit(en, '| Latency P99 | 1.2 s[^1] |', '| Latency P99 | 0.3 s[^1] |');
    expect((await of(md)).map((v) => v.line)).toEqual([lineOf(md, '| Latency P99 |')]);
  });

  it('checks percentile columns row by row, in µs and ms', async () => {
    const table = '| Endpoint | P50 | P95 | P99 |\n|---|---|---|---|\n| /search | 800 µs | 2 ms | 1500 µs |\n| /cart | 40 ms | 90 ms | 0.2 s |\n';
    const v = await of(`${en}\n${table}`);
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toContain('P99 (1.5 ms) is below P95 (2 ms)');
  });

  it('checks percentiles within one sentence', async () => {
    const md = `${en}\nUnder load we measured P50 120 ms, P95 80 ms and P99 300 ms.\n`;
    expect((await of(md)).map((v) => v.line)).toEqual([lineOf(md, 'Under load')]);
  });
});
