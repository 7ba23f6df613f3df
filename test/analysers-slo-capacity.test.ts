import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fitUsl, littlesLaw, pointsFromHistory, uslThroughput } from '../src/analysers/capacity.js';
import { parseLocustHistory } from '../src/analysers/loadtest/locust.js';
import { sloMath } from '../src/report/slo-math.js';
import { sloRulesYaml } from '../src/analysers/slo-rules.js';

function promtool(yamlText: string): { ok: boolean; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ace-rules-'));
  const file = join(dir, 'rules.yml');
  writeFileSync(file, yamlText);
  try {
    return { ok: true, out: execFileSync('promtool', ['check', 'rules', file], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (err) {
    const e = err as { code?: string; stdout?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('promtool not found: run scripts/ensure-test-tools.sh (Debian package prometheus)', { cause: err });
    return { ok: false, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

describe('SLO math', () => {
  it('budget, burn rate and time to exhaustion', () => {
    const m = sloMath({ slo: 99.9, windowDays: 30, errorRatio: 0.0144 });
    expect(m.error_budget_ratio).toBeCloseTo(0.001, 12);
    expect(m.error_budget_minutes).toBeCloseTo(43.2, 9);
    expect(m.burn_rate).toBeCloseTo(14.4, 9);
    // 720 h / 14.4 = 50 h; 1 h at 14.4x spends 2% of the budget (the Workbook's page threshold).
    expect(m.hours_to_exhaustion).toBeCloseTo(50, 9);
    const one = sloMath({ slo: 0.999, windowDays: 30, errorRatio: 0.0144, observedHours: 1, requestsPerSecond: 100 });
    expect(one.budget_consumed_ratio).toBeCloseTo(0.02, 12);
    expect(one.hours_to_exhaustion_from_now).toBeCloseTo(49, 9);
    expect(one.error_budget_requests).toBeCloseTo(0.001 * 100 * 30 * 86400, 6);
    expect(one.verdict).toBe('burning faster than sustainable');
    expect(sloMath({ slo: 0.99, windowDays: 28, errorRatio: 0 }).hours_to_exhaustion).toBeNull();
    expect(() => sloMath({ slo: 100, windowDays: 30, errorRatio: 0 })).toThrow(/between 0 and 1/);
  });
});

describe('Prometheus rules', () => {
  it('multi-window multi-burn-rate alerts that promtool accepts', () => {
    const text = sloRulesYaml({ service: 'checkout-api', slo: 99.9, selector: 'job="checkout"' });
    const doc = parse(text) as { groups: { rules: { alert?: string; expr: string; labels: Record<string, string> }[] }[] };
    const alerts = doc.groups[1]!.rules;
    expect(alerts.map((a) => [a.labels.severity, a.labels.long_window, a.labels.short_window])).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '1d', '2h'],
      ['ticket', '3d', '6h'],
    ]);
    expect(alerts[0]!.expr).toBe('checkout_api:sli_error:ratio_rate1h > (14.4 * 0.001) and checkout_api:sli_error:ratio_rate5m > (14.4 * 0.001)');
    expect(alerts[1]!.expr).toContain('> (6 * 0.001)');
    expect(alerts[2]!.expr).toContain('> (3 * 0.001)');
    expect(alerts[3]!.expr).toContain('> (1 * 0.001)');
    const r = promtool(text);
    expect(r.out).toMatch(/SUCCESS: 11 rules found/);
    expect(r.ok).toBe(true);
  });

  it('a deliberately broken rule fails promtool', () => {
    const text = sloRulesYaml({ service: 'api', slo: 0.99 }).replace('sum(rate(', 'sum(rate((');
    const r = promtool(text);
    expect(r.ok).toBe(false);
    expect(r.out).toMatch(/parse error|unclosed|FAILED/i);
  });
});

describe("Little's law", () => {
  it('solves for the missing quantity', () => {
    expect(littlesLaw({ throughput: 200, latencySeconds: 0.05 }).concurrency).toBeCloseTo(10, 12);
    expect(littlesLaw({ concurrency: 10, latencySeconds: 0.05 }).throughput).toBeCloseTo(200, 12);
    expect(littlesLaw({ concurrency: 10, throughput: 200 }).latency_seconds).toBeCloseTo(0.05, 12);
    expect(() => littlesLaw({ concurrency: 10 })).toThrow(/exactly two/);
  });
});

describe('Universal Scalability Law fit', () => {
  it('recovers known parameters from exact points', () => {
    const truth = { sigma: 0.05, kappa: 0.002, lambda: 120 };
    const points = [1, 2, 4, 8, 16, 24, 32, 48, 64].map((n) => ({ n, x: uslThroughput(n, truth) }));
    const fit = fitUsl(points);
    expect(fit.sigma).toBeCloseTo(0.05, 6);
    expect(fit.kappa).toBeCloseTo(0.002, 8);
    expect(fit.lambda).toBeCloseTo(120, 5);
    expect(fit.peak_concurrency).toBeCloseTo(Math.sqrt(0.95 / 0.002), 4);
    expect(fit.max_throughput).toBeCloseTo(uslThroughput(Math.sqrt(0.95 / 0.002), truth), 4);
    expect(fit.r_squared).toBeGreaterThan(0.999999);
  });

  it('fits noisy points without starting at N = 1', () => {
    const truth = { sigma: 0.1, kappa: 0.0005, lambda: 50 };
    const noise = [1.02, 0.97, 1.01, 0.99, 1.03, 0.98, 1.0];
    const points = [2, 5, 10, 20, 40, 60, 80].map((n, i) => ({ n, x: uslThroughput(n, truth) * noise[i]! }));
    const fit = fitUsl(points);
    expect(fit.r_squared).toBeGreaterThan(0.95);
    expect(fit.sigma).toBeGreaterThan(0.03);
    expect(fit.sigma).toBeLessThan(0.2);
  });

  it('takes (users, RPS) points from a real stepped Locust run (1, 2, 4, 8, 16 users)', () => {
    const path = 'test/fixtures/loadtests/locust-steps/steps_stats_history.csv';
    const text = readFileSync(new URL('./fixtures/loadtests/locust-steps/steps_stats_history.csv', import.meta.url), 'utf8');
    const history = parseLocustHistory(text, path).history;
    // Interval throughput is the difference of Locust's cumulative counts.
    const rows = text
      .trim()
      .split('\n')
      .filter((l) => l.includes(',Aggregated,'))
      .map((l) => l.split(','));
    const last = rows.at(-1)!;
    const prev = rows.at(-2)!;
    expect(history.at(-1)!.rps).toBeCloseTo((Number(last[17]) - Number(prev[17])) / (Number(last[0]) - Number(prev[0])), 9);
    const points = pointsFromHistory(history);
    expect(points.map((p) => p.n)).toEqual([1, 2, 4, 8, 16]);
    const fit = fitUsl(points);
    expect(fit.sigma).toBeGreaterThanOrEqual(0);
    expect(fit.kappa).toBeGreaterThanOrEqual(0);
    expect(fit.lambda).toBeGreaterThan(0);
    expect(fit.r_squared).toBeGreaterThan(0.5);
    expect(fit.r_squared).toBeLessThanOrEqual(1);
  });

  it('refuses too few levels', () => {
    expect(() =>
      fitUsl([
        { n: 1, x: 10 },
        { n: 2, x: 19 },
      ]),
    ).toThrow(/at least 3/);
  });
});
