import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ToolResult } from '../src/server/typed-client.js';
import { connectAce, type ConnectedAce } from './support/client.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const FIX = 'test/fixtures/loadtests';
let ace: ConnectedAce;

beforeAll(async () => {
  ace = await connectAce(root);
});
afterAll(async () => {
  await ace.close();
});

describe('loadtest_summary through MCP', () => {
  it('summarises wrk and Locust results with sourced quantities', async () => {
    const r = await ace.call('loadtest_summary', { paths: [`${FIX}/wrk/items.txt`, `${FIX}/locust/run_*.csv`] });
    expect(r.isError).toBeFalsy();
    const data = r.structuredContent as ToolResult<'loadtest_summary'>;
    expect(data.results).toHaveLength(2);
    const wrk = data.results[0]!;
    expect(wrk.files[0]!.format).toBe('wrk');
    expect(wrk.overall.requests.value).toBe(20279);
    expect(wrk.overall.latency.p99!.source).toEqual({ kind: 'measured', ref: `${FIX}/wrk/items.txt:10` });
    const locust = data.results[1]!;
    expect(locust.files.map((f) => f.format).sort()).toEqual(['locust-exceptions', 'locust-failures', 'locust-history', 'locust-stats']);
    expect(locust.mergeable).toBe(false);
    const text = ace.text(r);
    expect(text).toMatch(/endpoint \| requests \| errors/);
    expect(text).toMatch(/GET \/items/);
  });

  it('reports raw files of separate runs apart, each measured from its file, and bounds the endpoint list', async () => {
    const r = await ace.call('loadtest_summary', { paths: [`${FIX}/jmeter/*.csv`, `${FIX}/jmeter/*.jtl`], limit: 1 });
    expect(r.isError).toBeFalsy();
    type Out = {
      results: {
        mergeable: boolean;
        endpoints: unknown[];
        endpoints_total: number;
        notes: string[];
        overall: { requests: { value: number; source: { kind: string } } };
      }[];
    };
    const data = r.structuredContent as Out;
    // Two JMeter test files recorded years apart: not one days-long run.
    expect(data.results.map((x) => x.overall.requests.value).sort((a, b) => a - b)).toEqual([20, 49]);
    for (const x of data.results) {
      expect(x.mergeable).toBe(true);
      expect(x.overall.requests.source.kind).toBe('measured');
      expect(x.endpoints).toHaveLength(1);
    }
    expect(data.results.map((x) => x.endpoints_total).sort()).toEqual([2, 2]);
    expect(data.results[0]!.notes.join(' ')).toMatch(/2 runs that do not overlap in time/);
    expect(ace.text(r)).toMatch(/1 of 2 endpoints shown/);
  });

  it('runs a backtracking endpoint_filter in linear time and returns bounded, typed fields', async () => {
    const t0 = performance.now();
    await ace.tool('loadtest_summary', { paths: [`${FIX}/locust/run_*.csv`], endpoint_filter: '(a+)+$' });
    expect(performance.now() - t0).toBeLessThan(5000);
    const data = await ace.tool('loadtest_summary', { paths: [`${FIX}/locust/run_*.csv`], endpoint_filter: '^GET /it(e|x)ms$' });
    expect(data.results[0]!.endpoints.map((e) => e.name)).toEqual(['GET /items']);
    expect(data.results[0]!.errors).toHaveLength(1);
  });

  it('refuses autocannon console output with a pointer to --json, and a bad summary with file and line', async () => {
    const console_ = await ace.call('loadtest_summary', { paths: [`${FIX}/autocannon/items-console.txt`] });
    expect(console_.isError).toBe(true);
    expect(ace.text(console_)).toMatch(/autocannon console output .*--json/);
  });

  it('returns caller mistakes as isError results', async () => {
    const notResult = await ace.call('loadtest_summary', { paths: ['package.json'] });
    expect(notResult.isError).toBe(true);
    expect(ace.text(notResult)).toMatch(/not a recognised load-test result/);
    const missing = await ace.call('loadtest_summary', { paths: [`${FIX}/nope/*.csv`] });
    expect(missing.isError).toBe(true);
    const escape = await ace.call('loadtest_summary', { paths: ['../etc/passwd'] });
    expect(escape.isError).toBe(true);
  });
});
