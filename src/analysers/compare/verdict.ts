/**
 * The verdict rule, one place for every metric. With c the point change, [lo, hi] its
 * (1 − α) interval and τ the noise threshold (all in the same unit), for a metric where
 * higher is worse (latency, error rate):
 *  - regressed    lo > 0 and c > τ   (the change is real AND larger than the noise);
 *  - improved     hi < 0 and c < −τ;
 *  - unchanged    −τ < lo and hi < τ (the interval excludes any change larger than τ);
 *  - inconclusive otherwise: the interval is too wide to tell, or the change is real but
 *    smaller than τ while the interval still reaches past τ.
 * Where higher is better (throughput) the signs swap. The top-level verdict: regressed if any
 * metric regressed, else improved if any improved, else unchanged if all (that decide) are,
 * else inconclusive. `max` is one request per side: it is reported, never decides.
 *
 * Many metrics (7 per endpoint) are tested at once, and each alone would call noise a change
 * with probability up to α/2: with several endpoints the chance that SOME metric "regresses"
 * in an A/A comparison grows with their number. So a regressed / improved verdict must also
 * survive Holm's step-down correction over every deciding metric of the comparison that has a
 * p-value (family-wise error ≤ α); one that does not becomes inconclusive, saying so.
 */
import type { MetricComparison, MetricName, Verdict } from './types.js';

export type Direction = 'higher-is-worse' | 'higher-is-better';

export function direction(metric: MetricName): Direction {
  return metric === 'throughput' ? 'higher-is-better' : 'higher-is-worse';
}

export interface Decision {
  verdict: Verdict;
  reason?: string;
}

/** `change`, `lo`, `hi` and `tau` in one unit (fractions or percentage points). */
export function decide(change: number, lo: number, hi: number, tau: number, dir: Direction, unit = '%'): Decision {
  const fmt = (x: number) => `${x > 0 ? '+' : ''}${unit === '%' ? (100 * x).toFixed(1) : x.toFixed(2)} ${unit === '%' ? '%' : unit}`;
  const worse = dir === 'higher-is-worse' ? 1 : -1;
  if (lo > 0 && change > tau) return { verdict: worse > 0 ? 'regressed' : 'improved' };
  if (hi < 0 && change < -tau) return { verdict: worse > 0 ? 'improved' : 'regressed' };
  if (lo > -tau && hi < tau) return { verdict: 'unchanged' };
  if ((lo > 0 || hi < 0) && Math.abs(change) <= tau)
    return {
      verdict: 'inconclusive',
      reason: `a real change of ${fmt(change)}, within the noise threshold ±${fmt(tau).replace('+', '')}, but the interval [${fmt(lo)}, ${fmt(hi)}] reaches past it`,
    };
  return { verdict: 'inconclusive', reason: `interval too wide: [${fmt(lo)}, ${fmt(hi)}] spans the noise threshold ±${fmt(tau).replace('+', '')}` };
}

/** Metrics that are reported but never decide the top-level verdict. */
export const INFORMATIONAL: ReadonlySet<MetricName> = new Set(['max']);

export function overallVerdict(metrics: readonly MetricComparison[]): Verdict {
  const deciding = metrics.filter((m) => !INFORMATIONAL.has(m.metric));
  if (deciding.some((m) => m.verdict === 'regressed')) return 'regressed';
  if (deciding.some((m) => m.verdict === 'improved')) return 'improved';
  if (deciding.length > 0 && deciding.every((m) => m.verdict === 'unchanged')) return 'unchanged';
  return 'inconclusive';
}

/** Holm's step-down adjusted p-values (same order as the input). */
export function holm(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a]! - pValues[b]!);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]!));
    adjusted[i] = running;
  });
  return adjusted;
}

/**
 * Sets `p_adjusted` on every deciding metric with a p-value, and turns a regressed / improved
 * verdict whose adjusted p-value is not below α into inconclusive.
 */
export function applyFamilyCorrection(metrics: MetricComparison[], alpha: number): void {
  const family = metrics.filter((m) => !INFORMATIONAL.has(m.metric) && typeof m.p_value === 'number');
  const adjusted = holm(family.map((m) => m.p_value!));
  family.forEach((m, i) => {
    m.p_adjusted = adjusted[i]!;
    if ((m.verdict === 'regressed' || m.verdict === 'improved') && adjusted[i]! >= alpha) {
      m.reason = `${m.verdict} on its own (p = ${m.p_value!.toPrecision(2)}), but not after Holm's correction over the ${family.length} metrics compared (adjusted p = ${adjusted[i]!.toPrecision(2)})`;
      m.verdict = 'inconclusive';
    }
  });
}
