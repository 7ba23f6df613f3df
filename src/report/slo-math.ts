/**
 * SLO arithmetic, in one place (Google SRE Workbook, "Implementing SLOs" and "Alerting on SLOs"):
 * error budget = 1 − SLO; burn rate = observed error ratio / budget; at a constant burn rate
 * the whole budget of a window W lasts W / burn rate, so what remains lasts
 * (1 − consumed) · W / burn rate. With an objective of 99.9 % the budget is 0.1 % of events over
 * the window; observing 0.05 % errors burns it at 0.5x.
 */
import { UserInputError } from '../errors.js';

export interface SloInput {
  /** Target as a fraction (0.999) or a percentage (99.9). */
  slo: number;
  /** SLO window in days (28 or 30 typically). */
  windowDays: number;
  /** Observed ratio of bad events (0..1) over the observation period. */
  errorRatio: number;
  /** How long the ratio was observed, in hours; with it, the budget consumed so far is reported. */
  observedHours?: number;
  /** Requests per second, to express the budget as a number of requests. */
  requestsPerSecond?: number;
}

export interface SloMath {
  slo: number;
  window_days: number;
  error_budget_ratio: number;
  error_budget_minutes: number;
  error_budget_requests: number | null;
  error_ratio: number;
  burn_rate: number;
  /** Hours until a full budget is gone at this burn rate; null when nothing burns. */
  hours_to_exhaustion: number | null;
  budget_consumed_ratio: number | null;
  budget_remaining_ratio: number | null;
  hours_to_exhaustion_from_now: number | null;
  verdict: 'within budget' | 'burning faster than sustainable' | 'budget exhausted';
}

export function normaliseSlo(slo: number): number {
  const s = slo > 1 ? slo / 100 : slo;
  if (!(s > 0 && s < 1)) throw new UserInputError(`SLO must be between 0 and 1 (or 0 and 100 %), got ${slo}`);
  return s;
}

export function sloMath(input: SloInput): SloMath {
  const slo = normaliseSlo(input.slo);
  if (!(input.windowDays > 0)) throw new UserInputError('window must be a positive number of days');
  if (!(input.errorRatio >= 0 && input.errorRatio <= 1)) throw new UserInputError(`error ratio must be within 0..1, got ${input.errorRatio}`);
  const budget = 1 - slo;
  const windowHours = input.windowDays * 24;
  const burn = input.errorRatio / budget;
  const hoursToExhaustion = burn > 0 ? windowHours / burn : null;
  let consumed: number | null = null;
  let remaining: number | null = null;
  let fromNow: number | null = null;
  if (input.observedHours !== undefined) {
    consumed = (burn * input.observedHours) / windowHours;
    remaining = Math.max(0, 1 - consumed);
    fromNow = burn > 0 ? (remaining * windowHours) / burn : null;
  }
  const verdict = consumed !== null && consumed >= 1 ? 'budget exhausted' : burn > 1 ? 'burning faster than sustainable' : 'within budget';
  return {
    slo,
    window_days: input.windowDays,
    error_budget_ratio: budget,
    error_budget_minutes: budget * windowHours * 60,
    error_budget_requests: input.requestsPerSecond !== undefined ? budget * input.requestsPerSecond * windowHours * 3600 : null,
    error_ratio: input.errorRatio,
    burn_rate: burn,
    hours_to_exhaustion: hoursToExhaustion,
    budget_consumed_ratio: consumed,
    budget_remaining_ratio: remaining,
    hours_to_exhaustion_from_now: fromNow,
    verdict,
  };
}

/** The SRE Workbook's multi-window, multi-burn-rate alerts (for a 30-day window). */
export const BURN_RATE_ALERTS = [
  { severity: 'page', long: '1h', short: '5m', burnRate: 14.4, budgetSpent: 0.02 },
  { severity: 'page', long: '6h', short: '30m', burnRate: 6, budgetSpent: 0.05 },
  { severity: 'ticket', long: '1d', short: '2h', burnRate: 3, budgetSpent: 0.1 },
  { severity: 'ticket', long: '3d', short: '6h', burnRate: 1, budgetSpent: 0.1 },
] as const;

/** The SLO dashboard's row: budget, burn rate, what is left and when it runs out, in percent and days. */
export interface SloStatus {
  /** 100 - objective, in percent. */
  budget: number;
  /** Observed error rate / budget (1 = spends exactly the budget over the window). */
  burnRate: number;
  /** Share of the window's budget left after `elapsedDays`, in percent, floored at 0. */
  remaining: number;
  /** Days from now until the budget is gone at the observed rate; null when never. */
  daysToExhaustion: number | null;
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

export function sloStatus(objective: number, observedErrorPercent: number, windowDays: number, elapsedDays: number): SloStatus {
  const m = sloMath({ slo: objective, windowDays, errorRatio: Math.min(1, observedErrorPercent / 100), observedHours: elapsedDays * 24 });
  const fromNow = m.burn_rate === 0 ? null : Math.max(0, windowDays / m.burn_rate - elapsedDays);
  return {
    budget: round(100 - objective, 6),
    burnRate: round(m.burn_rate),
    remaining: round(100 * m.budget_remaining_ratio!, 2),
    daysToExhaustion: fromNow === null ? null : round(fromNow, 1),
  };
}
