import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

type Q = { value: number; unit: string; source: { kind: string; ref?: string; from?: string } };

it('slo_math from a given error rate', async () => {
  const r = await ace.call('slo_math', { slo: 99.9, error_rate_percent: 1.44, window_days: 30, observed_hours: 1 });
  expect(r.isError).toBeFalsy();
  const d = r.structuredContent as Record<string, Q> & { verdict: string };
  expect(d.error_budget!.value).toBeCloseTo(0.1, 9);
  expect(d.error_budget_time!.value).toBeCloseTo(43.2, 6);
  expect(d.burn_rate!.value).toBeCloseTo(14.4, 6);
  expect(d.burn_rate!.unit).toBe('x');
  expect(d.time_to_exhaustion!.value).toBeCloseTo(50, 6);
  expect(d.budget_consumed!.value).toBeCloseTo(2, 6);
  expect(d.verdict).toBe('burning faster than sustainable');
});

it('slo_math from a real load test: error rate measured in the file', async () => {
  const r = await ace.call('slo_math', { slo: 99, loadtest: 'test/fixtures/loadtests/wrk/items.txt' });
  expect(r.isError).toBeFalsy();
  const d = r.structuredContent as Record<string, Q>;
  expect(d.error_rate!.value).toBeCloseTo((100 * 1014) / 20279, 4);
  expect(d.burn_rate!.value).toBeCloseTo(1014 / 20279 / 0.01, 4);
  expect(d.error_budget_requests!.value).toBe(Math.round(0.01 * 2530.13 * 30 * 86400));
});

it('slo_math refuses ambiguous input', async () => {
  const r = await ace.call('slo_math', { slo: 99.9 });
  expect(r.isError).toBe(true);
  expect(ace.text(r)).toMatch(/exactly one of error_rate_percent or loadtest/);
});

it('slo_alert_rules returns YAML that promtool accepts', async () => {
  const r = await ace.call('slo_alert_rules', { service: 'checkout', slo: 99.95, selector: 'job="checkout"' });
  expect(r.isError).toBeFalsy();
  const d = r.structuredContent as { yaml: string; recording_rules: number; alerts: { severity: string; burn_rate: number; threshold: number }[] };
  expect(d.recording_rules).toBe(7);
  expect(d.alerts.map((a) => [a.severity, a.burn_rate])).toEqual([
    ['page', 14.4],
    ['page', 6],
    ['ticket', 3],
    ['ticket', 1],
  ]);
  expect(d.alerts[0]!.threshold).toBeCloseTo(14.4 * 0.0005, 12);
  const dir = mkdtempSync(join(tmpdir(), 'ace-rules-'));
  writeFileSync(join(dir, 'rules.yml'), d.yaml);
  const out = execFileSync('promtool', ['check', 'rules', join(dir, 'rules.yml')], { encoding: 'utf8' });
  expect(out).toMatch(/SUCCESS: 11 rules found/);
});
