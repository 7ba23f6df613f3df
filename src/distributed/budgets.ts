/**
 * The spec's k6 thresholds as `ace check --budgets` reads them. In a distributed run they are
 * evaluated once, by Ace, over every runner's raw results merged; thresholds `ace check` cannot
 * compute from results (checks, custom metrics) are listed so nobody believes they were checked.
 */
import { parseBudgets } from '../analysers/compare/budgets.js';
import type { LoadTestSpec } from '../report/scripts/spec.js';

export interface Budgets {
  json: { thresholds: Record<string, string[]> };
  /** "metric: expression" of each threshold left out, with why. */
  leftOut: string[];
}

export function budgetsOf(spec: LoadTestSpec): Budgets {
  const thresholds: Record<string, string[]> = {};
  const leftOut: string[] = [];
  for (const t of spec.thresholds) {
    for (const e of t.expressions) {
      const expression = typeof e === 'string' ? e : e.threshold;
      try {
        parseBudgets({ thresholds: { [t.metric]: [expression] } });
        (thresholds[t.metric] ??= []).push(expression);
      } catch (err) {
        leftOut.push(`${t.metric}: ${expression} (${(err as Error).message})`);
      }
    }
  }
  return { json: { thresholds }, leftOut };
}
