import { expect, it } from 'vitest';
import { sloStatus } from './slo-math.js';

it('derives budget, burn rate, remaining budget and time to exhaustion', () => {
  expect(sloStatus(99.9, 0.06, 30, 12)).toEqual({ budget: 0.1, burnRate: 0.6, remaining: 76, daysToExhaustion: 38 });
  expect(sloStatus(99.9, 0.2, 30, 10)).toEqual({ budget: 0.1, burnRate: 2, remaining: 33.33, daysToExhaustion: 5 });
  expect(sloStatus(99.9, 0.5, 30, 10)).toMatchObject({ remaining: 0, daysToExhaustion: 0 });
  expect(sloStatus(99.95, 0, 30, 10)).toMatchObject({ budget: 0.05, burnRate: 0, remaining: 100, daysToExhaustion: null });
});
