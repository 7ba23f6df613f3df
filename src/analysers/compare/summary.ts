/**
 * One pre-aggregated summary per side: the tool kept no per-request data and there is one
 * run per side, so nothing measures the noise. The change is reported, and every verdict is
 * `inconclusive` with the reason "one summary per side". The error rate still gets Newcombe's
 * interval from the request and error counts, which assumes independent requests: shown for
 * information, it does not make a verdict either.
 */
import { compareErrorRates } from './error-rate.js';
import { RUN_METRICS } from './runs.js';
import { errorRatePct, throughputOf } from './summarise.js';
import type { MetricComparison, MetricName, SummaryRun, SummaryStats } from './types.js';

export const ONE_SUMMARY = 'one summary per side: no significance can be claimed (no per-request data and no repeated runs to measure the noise)';

function valueOf(s: SummaryStats, metric: MetricName): number | null {
  if (metric === 'throughput') return throughputOf(s);
  if (metric === 'error_rate') return errorRatePct(s);
  const v = s[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function compareSummaries(before: SummaryRun, after: SummaryRun, opts: { alpha: number; threshold: number; errorFloorPp: number }): MetricComparison[] {
  const rows: MetricComparison[] = [];
  const pairs: [string, SummaryStats, SummaryStats][] = [['*', before.overall, after.overall]];
  for (const name of Object.keys(after.endpoints ?? {}).sort()) {
    const b = before.endpoints?.[name];
    if (b) pairs.push([name, b, after.endpoints![name]!]);
  }
  for (const [endpoint, b, a] of pairs) {
    for (const metric of RUN_METRICS) {
      const vb = valueOf(b, metric);
      const va = valueOf(a, metric);
      if (vb === null && va === null) continue;
      const row: MetricComparison = {
        endpoint,
        metric,
        before: vb,
        after: va,
        change_pct: vb !== null && va !== null && vb > 0 ? 100 * (va / vb - 1) : vb === 0 && va === 0 ? 0 : null,
        ci_pct: null,
        verdict: 'inconclusive',
        reason: ONE_SUMMARY,
        requests: { before: b.requests, after: a.requests },
      };
      if (metric === 'error_rate') {
        const er = compareErrorRates(b, a, { alpha: opts.alpha, threshold: opts.threshold, floorPp: opts.errorFloorPp });
        if (er) {
          row.change_pp = er.changePp;
          row.ci_pp = er.ciPp;
          row.reason = `${ONE_SUMMARY}; the error-rate interval assumes independent requests`;
        }
      }
      rows.push(row);
    }
  }
  return rows;
}
