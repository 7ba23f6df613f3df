import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';
import { checkK6Script } from '../../report/scripts/check-k6.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const minutes = (value: number) => ({ value, unit: 'min', source: { kind: 'estimate', basis: 'team practice' } });
const scenario = (kind: string, users: number[], duration: number) => ({ kind, pattern: 'p', users, duration: minutes(duration), objective: 'o' });
const ALL = [
  scenario('smoke', [5], 1),
  scenario('load', [0, 100], 10),
  scenario('stress', [100, 600], 15),
  scenario('spike', [0, 1000, 0], 5),
  scenario('soak', [200], 120),
];

const spec = (overrides: Record<string, unknown> = {}) => ({
  baseUrl: 'http://localhost:3000',
  scenarios: [
    {
      name: 'load',
      kind: 'load',
      executor: 'ramping-vus',
      stages: [
        { duration: '2m', target: 100 },
        { duration: '5m', target: 100 },
        { duration: '3m', target: 0 },
      ],
    },
  ],
  endpoints: [{ name: 'products', method: 'GET', path: '/api/products', maxDurationMs: 200 }],
  thresholds: [
    { metric: 'http_req_duration', expressions: ['p(95)<200'] },
    { metric: 'http_req_failed', expressions: ['rate<0.01'] },
  ],
  ...overrides,
});

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
  await ace.call('start_report', { language: 'en', target: 'shop-api' });
});
afterAll(async () => ace.close());

describe('emit_test_scenarios', () => {
  it('renders the five kinds', async () => {
    const result = await ace.call('emit_test_scenarios', { rows: ALL });
    expect(result.isError).toBeFalsy();
    expect(ace.text(result)).toContain('| Scenario | Pattern | Users | Duration | Objective |');
    expect(ace.text(result)).toContain('| **Spike** | p | 0→1000→0 | 5 min[^1] | o |');
  });

  it('refuses a missing kind unless a reason is given', async () => {
    const missing = await ace.call('emit_test_scenarios', { rows: ALL.slice(0, 4) });
    expect(missing.isError).toBe(true);
    expect(ace.text(missing)).toMatch(/no soak scenario/);
    const omitted = await ace.call('emit_test_scenarios', {
      rows: ALL.slice(0, 4),
      omitted: [{ kind: 'soak', reason: 'stateless lambdas: 0 B retained between calls' }],
    });
    expect(omitted.isError).toBeFalsy();
    expect(ace.text(omitted)).toContain('- Soak: stateless lambdas');
    await ace.call('emit_test_scenarios', { rows: ALL });
  });
});

describe('emit_test_script', () => {
  it('generates k6, Locust and Gatling scripts; the k6 one parses and type-checks, the Locust one compiles', async () => {
    const result = await ace.call('emit_test_script', spec());
    expect(result.isError ? ace.text(result) : '').toBe('');
    const data = (result.structuredContent as { data: { k6: string; locust: string; gatling: string } }).data;
    expect(await checkK6Script(data.k6)).toEqual({ ok: true, issues: [] });
    execFileSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: data.locust });
    expect(data.gatling).toContain('extends Simulation');
    const text = ace.text(result);
    expect(text).toContain("```javascript\nimport http from 'k6/http';");
    expect(text).toContain('```python\n');
    expect(text).toContain('```java\n');
  });

  it('refuses thresholds outside k6 grammar with the accepted forms', async () => {
    for (const bad of ['p95 < 200', 'p(95)<']) {
      const result = await ace.call('emit_test_script', spec({ thresholds: [{ metric: 'http_req_duration', expressions: [bad] }] }));
      expect(result.isError).toBe(true);
      expect(ace.text(result)).toContain(`threshold "${bad}" on http_req_duration (trend) is not valid k6`);
      expect(ace.text(result)).toContain('avg | min | max | med | p(N)');
    }
  });

  it('refuses stages that do not match the test scenarios table', async () => {
    const peak = await ace.call('emit_test_script', spec({ scenarios: [{ name: 'load', kind: 'load', executor: 'constant-vus', vus: 300, duration: '10m' }] }));
    expect(ace.text(peak)).toMatch(/scenario "load": peaks at 300 VUs but the load row .* says 100 users/);
    const length = await ace.call(
      'emit_test_script',
      spec({ scenarios: [{ name: 'load', kind: 'load', executor: 'constant-vus', vus: 100, duration: '3m' }] }),
    );
    expect(ace.text(length)).toMatch(/scenario "load": lasts 180 s but .* says 600 s/);
  });
});
