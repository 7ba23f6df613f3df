import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
  await ace.call('start_report', { language: 'fr', target: 'shop-api' });
});
afterAll(async () => ace.close());

describe('emit_dashboard', () => {
  const panel = (p: string) => ({ panel: p, metrics: ['req/s'], tool: 'Grafana' });
  it('renders RED, USE and business panels', async () => {
    const result = await ace.call('emit_dashboard', { rows: [panel('red'), panel('use'), panel('business')] });
    expect(ace.text(result)).toContain('| Panel | Metriques | Outil |');
    expect(ace.text(result)).toContain('| RED (Rate, Errors, Duration) | req/s | Grafana |');
  });
  it('refuses a dashboard without a USE panel', async () => {
    const result = await ace.call('emit_dashboard', { rows: [panel('red'), panel('business'), { ...panel('custom'), title: 'DB' }] });
    expect(ace.text(result)).toMatch(/lacks the use panel/);
  });
});

describe('emit_alerting_rules', () => {
  it('renders the condition with threshold and duration', async () => {
    const result = await ace.call('emit_alerting_rules', {
      rows: [
        {
          alert: 'High Latency',
          metric: 'P95',
          comparator: '>',
          threshold: { value: 500, unit: 'ms' },
          duration: { value: 5, unit: 'min' },
          severity: 'warning',
          action: 'Investiguer',
        },
      ],
    });
    expect(ace.text(result)).toContain('| High Latency | P95 > 500 ms pendant 5 min | Warning | Investiguer |');
  });
  it('refuses a condition without a duration', async () => {
    const result = await ace.call('emit_alerting_rules', {
      rows: [{ alert: 'X', metric: 'P95', comparator: '>', threshold: { value: 500, unit: 'ms' }, severity: 'warning', action: 'a' }],
    });
    expect(result.isError).toBe(true);
  });
});

describe('emit_slo_dashboard', () => {
  const observed = { value: 0.06, unit: '%', source: { kind: 'measured', ref: 'results/prod-metrics.txt:6' } };

  it('computes budget remaining, burn rate and time to exhaustion from the emitted SLO', async () => {
    await ace.call('emit_slos', { rows: [{ service: 'API', sli: 'Disponibilite', objective: 99.9 }] });
    const result = await ace.call('emit_slo_dashboard', { rows: [{ service: 'API', observedErrorRate: observed, windowDays: 30, elapsedDays: 12 }] });
    expect(result.isError).toBeFalsy();
    const figures = (result.structuredContent as { data: { rows: Array<{ figures: unknown }> } }).data.rows[0]!.figures;
    expect(figures).toEqual({ objective: 99.9, budget: 0.1, burnRate: 0.6, remaining: 76, daysToExhaustion: 38 });
    expect(ace.text(result)).toContain('| API | 99.9% | 0.06%[^1] | 30 j (jour 12) | 76%[^2] | 0.6x[^2] | 38 j[^2] |');
  });

  it('refuses an objective that contradicts the SLO table, or none at all', async () => {
    const contradicts = await ace.call('emit_slo_dashboard', { rows: [{ service: 'API', objective: 99.5, observedErrorRate: observed, elapsedDays: 1 }] });
    expect(ace.text(contradicts)).toMatch(/row 1 \(API\): objective 99.5% differs from the SLO table \(99.9%\)/);
    const none = await ace.call('emit_slo_dashboard', { rows: [{ service: 'Search', observedErrorRate: observed, elapsedDays: 1 }] });
    expect(ace.text(none)).toMatch(/row 1 \(Search\): no objective given/);
  });
});
