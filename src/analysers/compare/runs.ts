/**
 * Several runs per side, each run one sample (benchstat's way). Per endpoint and metric:
 * the median of the runs on each side with its order-statistic interval, the change
 * median_after / median_before − 1, its interval from the Mann–Whitney shift interval of the
 * log values (so a ratio), and the Mann–Whitney p-value. Error rates are compared in
 * percentage points (shift interval of the raw rates; they can be 0).
 *
 * Runs needed for a conclusive answer (documented rule): the larger of
 *  - the floor of the exact test: the smallest n with 2 / C(2n, n) < α / m, m the number of
 *    metrics compared (Holm's first step, verdict.ts); for one metric that is 4 runs per side
 *    at α = 0.05 (with 3 the best possible p is 0.1), for the 7 of one endpoint it is 6, and
 *  - the normal-approximation size for 80 % power of the Mann–Whitney test (efficiency 3/π
 *    of the t-test): n = ⌈(π/3) · 2 (z_{1−α/2} + z_{0.8})² s² / δ²⌉, with s the pooled
 *    robust spread (1.4826 × MAD, SD below 3 runs) of the log values and δ = log(1 + max(|c|, τ)),
 *    the observed change or the noise threshold, whichever is larger.
 */
import { normalQuantile } from './distributions.js';
import { mannWhitney, minimumRunsPerSide, shiftInterval } from './mann-whitney.js';
import { median, medianInterval } from './order-statistics.js';
import { errorRatePct, throughputOf } from './summarise.js';
import type { MetricComparison, MetricName, SummaryRun, SummaryStats } from './types.js';
import { applyFamilyCorrection, decide, direction, INFORMATIONAL } from './verdict.js';

export const RUN_METRICS: readonly MetricName[] = ['p50', 'p90', 'p95', 'p99', 'max', 'mean', 'throughput', 'error_rate'];
/** Beyond this many runs per side the answer is "more than". */
export const RUNS_NEEDED_CAP = 100;

export interface RunsSettings {
  alpha: number;
  threshold: number;
  errorFloorPp: number;
  loadDifference: string | null;
}

function valueOf(s: SummaryStats, metric: MetricName): number | null {
  if (metric === 'throughput') return throughputOf(s);
  if (metric === 'error_rate') return errorRatePct(s);
  const v = s[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function statsOf(run: SummaryRun, endpoint: string): SummaryStats | undefined {
  return endpoint === '*' ? run.overall : run.endpoints?.[endpoint];
}

function spread(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  if (n < 3) return Math.abs(values[1]! - values[0]!) / Math.SQRT2;
  const m = median(values);
  return 1.4826 * median(values.map((v) => Math.abs(v - m)));
}

export function runsNeeded(before: readonly number[], after: readonly number[], effect: number, alpha: number, family = 1): number {
  const floor = minimumRunsPerSide(alpha / Math.max(1, family));
  const s = Math.sqrt((spread(before) ** 2 + spread(after) ** 2) / 2);
  if (!(effect > 0) || s === 0) return floor;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(0.8);
  const n = Math.ceil(((Math.PI / 3) * 2 * z * z * s * s) / (effect * effect));
  return Math.min(RUNS_NEEDED_CAP, Math.max(floor, n));
}

export interface RunsComparison {
  metrics: MetricComparison[];
  needed: number;
  notes: string[];
}

export function compareSeveral(before: readonly SummaryRun[], after: readonly SummaryRun[], st: RunsSettings): RunsComparison {
  const names = (runs: readonly SummaryRun[]) => new Set(runs.flatMap((r) => Object.keys(r.endpoints ?? {})));
  const nb = names(before);
  const endpoints = ['*', ...[...names(after)].filter((n) => nb.has(n)).sort()];
  const metrics: MetricComparison[] = [];
  const neededBy = new Map<MetricComparison, number>();
  const family = endpoints.length * RUN_METRICS.filter((m) => !INFORMATIONAL.has(m)).length;
  for (const endpoint of endpoints) {
    for (const metric of RUN_METRICS) {
      const xb = before
        .map((r) => statsOf(r, endpoint))
        .flatMap((s) => (s ? [valueOf(s, metric)] : []))
        .filter((v): v is number => v !== null);
      const xa = after
        .map((r) => statsOf(r, endpoint))
        .flatMap((s) => (s ? [valueOf(s, metric)] : []))
        .filter((v): v is number => v !== null);
      if (xb.length === 0 || xa.length === 0) continue;
      const row = metric === 'error_rate' ? errorRow(endpoint, xb, xa, st, family) : ratioRow(endpoint, metric, xb, xa, st, family);
      metrics.push(row.row);
      neededBy.set(row.row, row.needed);
    }
  }
  applyFamilyCorrection(metrics, st.alpha);
  let needed = 0;
  for (const [row, n] of neededBy) if (row.verdict === 'inconclusive' && !INFORMATIONAL.has(row.metric)) needed = Math.max(needed, n);
  return { metrics, needed, notes: [] };
}

function tooFew(m: number, n: number, need: number, alpha: number): string {
  return `too few runs: ${m} BEFORE and ${n} AFTER; the Mann–Whitney test cannot reach p < ${alpha} with so few, about ${need >= RUNS_NEEDED_CAP ? `more than ${RUNS_NEEDED_CAP}` : need} runs per side are needed`;
}

function ratioRow(
  endpoint: string,
  metric: MetricName,
  xb: number[],
  xa: number[],
  st: RunsSettings,
  family: number,
): { row: MetricComparison; needed: number } {
  const mb = median(xb);
  const ma = median(xa);
  const change = mb > 0 ? ma / mb - 1 : null;
  const positive = xb.every((v) => v > 0) && xa.every((v) => v > 0);
  const lb = xb.map(Math.log);
  const la = xa.map(Math.log);
  const shift = positive ? shiftInterval(lb, la, st.alpha) : null;
  const ci: [number, number] | null = shift ? [Math.expm1(shift[0]), Math.expm1(shift[1])] : null;
  const mw = mannWhitney(xb, xa);
  const needed = positive
    ? runsNeeded(lb, la, Math.log1p(Math.max(Math.abs(change ?? 0), st.threshold)), st.alpha, family)
    : minimumRunsPerSide(st.alpha / family);
  const row: MetricComparison = {
    endpoint,
    metric,
    before: mb,
    after: ma,
    change_pct: change === null ? null : 100 * change,
    ci_pct: ci ? [100 * ci[0], 100 * ci[1]] : null,
    verdict: 'inconclusive',
    p_value: mw.pValue,
    ci_before: medianInterval(xb, st.alpha),
    ci_after: medianInterval(xa, st.alpha),
  };
  if (INFORMATIONAL.has(metric)) row.reason = 'reported for information: the largest single request of each run decides nothing';
  else if (!ci || change === null) row.reason = change === null ? 'no value on one side' : tooFew(xb.length, xa.length, needed, st.alpha);
  else if (st.loadDifference) row.reason = `different load: ${st.loadDifference}`;
  else {
    const d = decide(change, ci[0], ci[1], st.threshold, direction(metric));
    row.verdict = d.verdict;
    if (d.reason) row.reason = `${d.reason}; about ${needed} runs per side would settle it`;
  }
  return { row, needed };
}

function errorRow(endpoint: string, xb: number[], xa: number[], st: RunsSettings, family: number): { row: MetricComparison; needed: number } {
  const mb = median(xb);
  const ma = median(xa);
  const changePp = ma - mb;
  const tau = Math.max(st.errorFloorPp, 100 * st.threshold * (mb / 100));
  const shift = shiftInterval(xb, xa, st.alpha);
  const mw = mannWhitney(xb, xa);
  const needed = runsNeeded(xb, xa, Math.max(Math.abs(changePp), tau), st.alpha, family);
  const row: MetricComparison = {
    endpoint,
    metric: 'error_rate',
    before: mb,
    after: ma,
    change_pct: mb > 0 ? 100 * (ma / mb - 1) : ma === 0 ? 0 : null,
    ci_pct: null,
    change_pp: changePp,
    verdict: 'inconclusive',
    p_value: mw.pValue,
    ci_before: medianInterval(xb, st.alpha),
    ci_after: medianInterval(xa, st.alpha),
  };
  if (!shift) row.reason = tooFew(xb.length, xa.length, needed, st.alpha);
  else {
    row.ci_pp = shift;
    const d = decide(changePp, shift[0], shift[1], tau, 'higher-is-worse', 'pp');
    row.verdict = d.verdict;
    if (d.reason) row.reason = `${d.reason}; about ${needed} runs per side would settle it`;
  }
  return { row, needed };
}
