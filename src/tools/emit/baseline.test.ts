import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const k6 = (line: number) => ({ kind: 'measured', ref: `results/k6-baseline.json:${line}` });
const goal = { kind: 'estimate', basis: 'SLO P95 < 200 ms' };
const row = (metric: string, value: number, unit: string, target: number, line = 15, targetUnit = unit) => ({
  metric,
  current: { value, unit, source: k6(line) },
  target: { comparator: '<', value: target, unit: targetUnit, source: goal },
  criticality: 'high',
});

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
});
afterAll(async () => ace.close());

describe('emit_current_metrics', () => {
  it('computes the gap in the target unit and renders the English table with sources', async () => {
    await ace.call('start_report', { language: 'en', target: 'shop-api' });
    const result = await ace.call('emit_current_metrics', {
      rows: [row('latency_p95', 0.52, 's', 200, 15, 'ms'), row('throughput', 120, 'req/s', 500, 23)],
    });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as { data: { rows: Array<{ gap: { value: number; unit: string } }> } };
    expect(data.data.rows[0]!.gap).toMatchObject({ value: 320, unit: 'ms', source: { kind: 'computed' } });
    expect(data.data.rows[1]!.gap).toMatchObject({ value: -380, unit: 'req/s' });
    const text = ace.text(result);
    expect(text).toContain('### Current metrics');
    expect(text).toContain('| Metric | Current | Target | Gap | Criticality |');
    expect(text).toContain('| Latency P95 | 0.52 s[^1] | < 200 ms[^2] | +320 ms[^3] | High |');
    expect(text).toContain('[^1]: measured: `results/k6-baseline.json:15`');
    expect(ace.session.table('current_metrics')).toBeDefined();
  });

  it('renders French headers when the session is French', async () => {
    await ace.call('start_report', { language: 'fr', target: 'shop-api' });
    const result = await ace.call('emit_current_metrics', { rows: [row('latency_p50', 180, 'ms', 100, 12)] });
    expect(ace.text(result)).toContain('| Metrique | Valeur Actuelle | Cible | Ecart | Criticite |');
    expect(ace.text(result)).toContain('| Latence P50 | 180 ms[^1] | < 100 ms[^2] | +80 ms[^3] | Haute |');
  });

  it('refuses percentiles out of order, naming the row', async () => {
    const result = await ace.call('emit_current_metrics', {
      rows: [row('latency_p50', 180, 'ms', 100, 12), row('latency_p95', 150, 'ms', 200), row('latency_p99', 890, 'ms', 500, 16)],
    });
    expect(result.isError).toBe(true);
    expect(ace.text(result)).toMatch(/row 2 \(latency_p95\): percentiles out of order/);
  });

  it('refuses a unit that does not fit the metric, and a metric given twice', async () => {
    const wrongUnit = await ace.call('emit_current_metrics', { rows: [row('latency_p95', 120, 'req/s', 200)] });
    expect(ace.text(wrongUnit)).toMatch(/row 1 \(latency_p95\): current unit "req\/s" does not fit/);
    const twice = await ace.call('emit_current_metrics', { rows: [row('throughput', 1, 'req/s', 2, 23), row('throughput', 1, 'req/s', 2, 23)] });
    expect(ace.text(twice)).toMatch(/row 2 \(throughput\): throughput appears twice/);
  });

  it('refuses a measured source whose file or line does not exist', async () => {
    const noFile = await ace.call('emit_current_metrics', {
      rows: [{ ...row('latency_p95', 520, 'ms', 200), current: { value: 520, unit: 'ms', source: { kind: 'measured', ref: 'results/missing.json' } } }],
    });
    expect(noFile.isError).toBe(true);
    expect(ace.text(noFile)).toMatch(/rows\[0\]\.current\.source: measured source "results\/missing\.json" refused/);
    const noLine = await ace.call('emit_current_metrics', { rows: [row('latency_p95', 520, 'ms', 200, 999)] });
    expect(noLine.isError).toBe(true);
    expect(ace.text(noLine)).toMatch(/cites line 999 but results\/k6-baseline\.json has \d+ line/);
    const escape = await ace.call('emit_current_metrics', {
      rows: [{ ...row('latency_p95', 520, 'ms', 200), current: { value: 520, unit: 'ms', source: { kind: 'measured', ref: '../../../package.json' } } }],
    });
    expect(escape.isError).toBe(true);
  });

  it('rejects cells that are not typed (strict schema)', async () => {
    const result = await ace.call('emit_current_metrics', { rows: [{ ...row('latency_p95', 520, 'ms', 200), gap: '320 ms' }] });
    expect(result.isError).toBe(true);
  });
});

describe('emit_slos', () => {
  it('computes the error budget from the SLO', async () => {
    await ace.call('start_report', { language: 'fr', target: 'shop-api' });
    const result = await ace.call('emit_slos', {
      rows: [{ service: 'API principale', sli: 'Latence P99', objective: 99.9, threshold: { comparator: '<', value: 200, unit: 'ms' } }],
    });
    expect(result.isError).toBeFalsy();
    expect(ace.text(result)).toContain('| API principale | Latence P99 | 99.9% < 200 ms | 0.1%[^1] hors budget/mois |');
  });

  it('refuses an error budget that does not follow from the SLO', async () => {
    const result = await ace.call('emit_slos', { rows: [{ service: 'API', sli: 'Availability', objective: 99.9, errorBudget: 0.5 }] });
    expect(result.isError).toBe(true);
    expect(ace.text(result)).toMatch(/row 1 \(API\): error budget 0.5% does not follow from SLO 99.9% .*0.1%/);
  });
});
