import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const est = { kind: 'estimate', basis: '+14% users per month' };
const q = (value: number, unit: string) => ({ value, unit, source: est });
const horizon = (months: number) => ({
  months,
  users: q(2000 + months * 500, 'users'),
  throughput: q(120 + months * 30, 'req/s'),
  dbSize: q(40 + months * 5, 'GB'),
  infra: `${2 + months} pods`,
  monthlyCost: q(1400 + months * 300, '$/month'),
});

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
  await ace.call('start_report', { language: 'en', target: 'shop-api' });
});
afterAll(async () => ace.close());

describe('emit_load_projections', () => {
  it('renders horizons and the growth assumption', async () => {
    const result = await ace.call('emit_load_projections', { growthAssumption: '+14% users per month', rows: [horizon(0), horizon(3)] });
    expect(result.isError).toBeFalsy();
    expect(ace.text(result)).toContain('| Horizon | Users | Req/s | DB Size | Infra Needed | Monthly cost |');
    expect(ace.text(result)).toContain('| +3 months | 3500 users[^1] | 210 req/s[^1] | 55 GB[^1] | 5 pods | 2300 $/month[^1] |');
    expect(ace.text(result)).toContain('Growth assumption: +14% users per month');
  });

  it('refuses horizons out of order', async () => {
    const result = await ace.call('emit_load_projections', { growthAssumption: 'g', rows: [horizon(0), horizon(6), horizon(3)] });
    expect(ace.text(result)).toMatch(/row 3 \(\+3 months\): horizons must increase; it follows \+6 months/);
  });
});

describe('emit_scaling_triggers', () => {
  const trigger = (up: number, down: number) => ({
    metric: 'CPU',
    scaleUp: { value: up, unit: '%', sustained: { value: 2, unit: 'min' } },
    scaleDown: { value: down, unit: '%' },
    cooldown: { value: 3, unit: 'min' },
  });

  it('renders thresholds with their duration', async () => {
    const result = await ace.call('emit_scaling_triggers', { rows: [trigger(70, 30)] });
    expect(ace.text(result)).toContain('| CPU | > 70% for 2 min | < 30% | 3 min |');
  });

  it('refuses a scale-down threshold not below scale-up', async () => {
    const result = await ace.call('emit_scaling_triggers', { rows: [trigger(70, 30), trigger(50, 60)] });
    expect(ace.text(result)).toMatch(/row 2 \(CPU\): scale-down threshold 60 % must be below scale-up 50 %/);
  });
});

describe('emit_cost_tradeoffs', () => {
  it('renders both sides quantified', async () => {
    const result = await ace.call('emit_cost_tradeoffs', {
      rows: [{ option: 'Option A: Redis', monthlyCostDelta: q(120, '$/month'), effect: q(-150, 'ms'), effectMetric: 'P50 latency' }],
    });
    expect(ace.text(result)).toContain('| Option A: Redis | +120 $/month[^1] | -150 ms[^1] P50 latency |');
  });

  it('refuses an option without a performance effect', async () => {
    const result = await ace.call('emit_cost_tradeoffs', { rows: [{ option: 'B', monthlyCostDelta: q(1, '$/month'), effect: q(0, 'ms'), effectMetric: 'x' }] });
    expect(ace.text(result)).toMatch(/row 1 \(B\): a trade-off needs a non-zero performance effect/);
  });
});
