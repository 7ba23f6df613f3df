import { describe, expect, it } from 'vitest';
import { checkK6Threshold } from './thresholds.js';

describe('checkK6Threshold', () => {
  it.each([
    ['http_req_duration', 'p(95)<200'],
    ['http_req_duration', 'p(99.9) <= 1500'],
    ['http_req_duration', 'avg<150'],
    ['http_req_duration', 'med < 100'],
    ['http_req_duration{name:products}', 'max<2000'],
    ['http_req_failed', 'rate<0.01'],
    ['checks', 'rate>0.99'],
    ['http_reqs', 'count>1000'],
    ['http_reqs', 'rate>=100'],
    ['vus', 'value<500'],
    ['iterations', 'count===0'],
  ])('accepts %s: %s', (metric, expr) => {
    expect(checkK6Threshold(metric, expr)).toMatchObject({ ok: true });
  });

  it('reads the parts of an expression', () => {
    expect(checkK6Threshold('http_req_duration', 'p(95) < 200')).toEqual({
      ok: true,
      metric: 'http_req_duration',
      type: 'trend',
      aggregation: 'p(95)',
      percentile: 95,
      operator: '<',
      value: 200,
    });
  });

  it.each([
    ['http_req_duration', 'p95 < 200'],
    ['http_req_duration', 'p(95)<'],
    ['http_req_duration', 'p( 95 )<200'],
    ['http_req_duration', 'rate<0.01'],
    ['http_req_duration', 'p(95)<200ms'],
    ['http_req_duration', 'p(101)<200'],
    ['http_req_failed', 'p(95)<200'],
    ['http_reqs', 'avg>10'],
    ['vus', 'max<10'],
  ])('refuses %s: %s with the accepted forms', (metric, expr) => {
    const result = checkK6Threshold(metric, expr);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/accepted forms|percentile/);
  });

  it('names the accepted forms for a trend metric', () => {
    const result = checkK6Threshold('http_req_duration', 'p95 < 200');
    expect(result.ok ? '' : result.message).toContain('avg | min | max | med | p(N)');
    expect(result.ok ? '' : result.message).toContain('"p(95)<200"');
  });

  it('uses the declared type of a custom metric, and any form when none is declared', () => {
    expect(checkK6Threshold('cart_time', 'p(90)<300', 'trend').ok).toBe(true);
    expect(checkK6Threshold('cart_errors', 'p(90)<300', 'rate').ok).toBe(false);
    expect(checkK6Threshold('cart_time', 'p(90)<300').ok).toBe(true);
    expect(checkK6Threshold('cart_time', 'p90<300').ok).toBe(false);
    expect(checkK6Threshold('bad name', 'rate<1').ok).toBe(false);
  });
});
