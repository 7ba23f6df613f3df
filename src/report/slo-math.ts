/**
 * Error-budget arithmetic of the SLO dashboard. With an objective of 99.9% the budget is
 * 0.1% of events over the window; observing 0.05% errors burns it at 0.5x.
 */
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
  const budget = round(100 - objective, 6);
  const burnRate = observedErrorPercent / budget;
  const remaining = Math.max(0, 100 * (1 - (burnRate * elapsedDays) / windowDays));
  const daysToExhaustion = burnRate === 0 ? null : Math.max(0, windowDays / burnRate - elapsedDays);
  return { budget, burnRate: round(burnRate), remaining: round(remaining, 2), daysToExhaustion: daysToExhaustion === null ? null : round(daysToExhaustion, 1) };
}
