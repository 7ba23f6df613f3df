/**
 * One raw run per side: every request is known, in time order. Per endpoint (and '*' for
 * all requests) the percentiles, mean and throughput are compared through a circular block
 * bootstrap over time (series.ts, bootstrap.ts): each side is resampled independently, and
 * the interval of a change is the percentile interval of (stat_after* / stat_before* − 1)
 * over the paired replicates. Error rates use Newcombe's interval with a design effect
 * (error-rate.ts). `max` is one request: reported, no interval.
 */
import { blockBootstrap, type Replicates } from './bootstrap.js';
import { compareErrorRates, designEffect } from './error-rate.js';
import { normalCdf } from './distributions.js';
import { percentileInterval, quantileSorted } from './quantile.js';
import type { Rng } from './rng.js';
import { binTotals, buildIndex, seriesFrom, type ResampleIndex, type Series, type Unit, type Window } from './series.js';
import type { BlockInfo, MetricComparison, MetricName, RawRun, RawSample } from './types.js';
import { applyFamilyCorrection, decide, direction } from './verdict.js';

export const PERCENTILES: readonly { metric: MetricName; p: number }[] = [
  { metric: 'p50', p: 0.5 },
  { metric: 'p90', p: 0.9 },
  { metric: 'p95', p: 0.95 },
  { metric: 'p99', p: 0.99 },
];
/** A percentile p needs at least this many requests beyond it on each side. */
const MIN_TAIL_REQUESTS = 10;
/** Fewer independent blocks than this per side and an interval means little. */
export const MIN_BLOCKS = 10;

export interface RawSettings {
  alpha: number;
  threshold: number;
  errorFloorPp: number;
  resamples: number;
  maxSamples: number;
  unit: Unit;
  rng: Rng;
  /** Set when the load differed: latency and throughput verdicts become inconclusive. */
  loadDifference: string | null;
}

interface SideData {
  series: Series;
  index: ResampleIndex;
  replicates: Replicates;
  durationS: number | null;
  window: Window;
}

export interface RawComparison {
  metrics: MetricComparison[];
  blocks: BlockInfo[];
  notes: string[];
}

function windowOf(samples: readonly RawSample[]): Window {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of samples) {
    if (!Number.isFinite(s.t_ms)) continue;
    if (s.t_ms < lo) lo = s.t_ms;
    if (s.t_ms > hi) hi = s.t_ms;
  }
  return lo <= hi ? { startMs: lo, spanMs: hi - lo } : { startMs: 0, spanMs: 0 };
}

/** Seconds the run lasted: the declared duration, else the start-to-start span × N / (N − 1). */
function durationOf(run: RawRun, window: Window, n: number): number | null {
  if (run.load?.duration_s && run.load.duration_s > 0) return run.load.duration_s;
  if (!(window.spanMs > 0) || n < 2) return null;
  return (window.spanMs * n) / (n - 1) / 1000;
}

function groups(samples: readonly RawSample[]): Map<string, RawSample[]> {
  const m = new Map<string, RawSample[]>();
  for (const s of samples) {
    if (s.endpoint === undefined) continue;
    let g = m.get(s.endpoint);
    if (!g) m.set(s.endpoint, (g = []));
    g.push(s);
  }
  return m;
}

export function compareRaw(before: RawRun, after: RawRun, st: RawSettings): RawComparison {
  const out: RawComparison = { metrics: [], blocks: [], notes: [] };
  const wb = windowOf(before.samples);
  const wa = windowOf(after.samples);
  const db = durationOf(before, wb, before.samples.length);
  const da = durationOf(after, wa, after.samples.length);
  const endpoints: [string, readonly RawSample[], readonly RawSample[]][] = [['*', before.samples, after.samples]];
  const gb = groups(before.samples);
  const ga = groups(after.samples);
  for (const name of [...new Set([...gb.keys(), ...ga.keys()])].sort()) {
    const b = gb.get(name);
    const a = ga.get(name);
    if (b && a) endpoints.push([name, b, a]);
    else out.notes.push(`${name}: only in the ${b ? 'BEFORE' : 'AFTER'} run, not compared.`);
  }
  for (const [name, bs, as] of endpoints) {
    const sb = side(bs, wb, db, st);
    const sa = side(as, wa, da, st);
    out.metrics.push(...endpointMetrics(name, sb, sa, st));
    out.blocks.push({
      endpoint: name,
      bin_ms: [sb.index.binMs, sa.index.binMs],
      length_bins: [sb.index.blockLength, sa.index.blockLength],
      length_s: [(sb.index.blockLength * sb.index.binMs) / 1000, (sa.index.blockLength * sa.index.binMs) / 1000],
      thinning: [sb.index.thin, sa.index.thin],
    });
  }
  applyFamilyCorrection(out.metrics, st.alpha);
  return out;
}

function side(samples: readonly RawSample[], window: Window, durationS: number | null, st: RawSettings): SideData {
  const series = seriesFrom(samples);
  const index = buildIndex(series, window, st.maxSamples, st.unit);
  const replicates = blockBootstrap(
    index,
    PERCENTILES.map((x) => x.p),
    st.resamples,
    st.rng,
  );
  return { series, index, replicates, durationS, window };
}

interface RatioStats {
  ci: [number, number];
  /** Two-sided p of "no change": log change over the bootstrap SD of the log ratio. */
  p: number;
}

/** From paired replicates of each side: the percentile interval of after/before − 1, and a p-value. */
function ratioStats(b: Float64Array, a: Float64Array, alpha: number, pointRatio?: number): RatioStats {
  const r = new Float64Array(b.length);
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < b.length; i++) {
    r[i] = a[i]! / b[i]! - 1;
    const l = Math.log(a[i]! / b[i]!);
    if (!Number.isFinite(l)) continue;
    n++;
    s += l;
    s2 += l * l;
  }
  const sd = n > 1 ? Math.sqrt(Math.max(0, (s2 - (s * s) / n) / (n - 1))) : 0;
  const ci = percentileInterval(r, alpha);
  const point = pointRatio !== undefined ? Math.log(pointRatio) : n > 0 ? s / n : 0;
  const p = sd > 0 ? 2 * (1 - normalCdf(Math.abs(point) / sd)) : point === 0 ? 1 : 0;
  return { ci, p };
}

function endpointMetrics(endpoint: string, b: SideData, a: SideData, st: RawSettings): MetricComparison[] {
  const nb = b.series.t.length;
  const na = a.series.t.length;
  const requests = { before: nb, after: na };
  const rows: MetricComparison[] = [];
  const sortedB = Float64Array.from(b.series.latency).sort();
  const sortedA = Float64Array.from(a.series.latency).sort();
  const blocksB = b.index.nbins / b.index.blockLength;
  const blocksA = a.index.nbins / a.index.blockLength;
  const fewBlocks =
    Math.min(blocksB, blocksA) < MIN_BLOCKS
      ? `too few samples: ${Math.floor(Math.min(blocksB, blocksA))} independent time blocks on one side (at least ${MIN_BLOCKS} needed); the run is short for its autocorrelation`
      : null;

  const row = (metric: MetricName, before: number | null, after: number | null, stats: RatioStats | null, gate: string | null): MetricComparison => {
    const ci = stats?.ci ?? null;
    const change = before !== null && after !== null && before > 0 ? after / before - 1 : null;
    const r: MetricComparison = {
      endpoint,
      metric,
      before,
      after,
      change_pct: change === null ? null : 100 * change,
      ci_pct: ci ? [100 * ci[0], 100 * ci[1]] : null,
      verdict: 'inconclusive',
      requests,
    };
    if (stats) r.p_value = stats.p;
    if (gate) r.reason = gate;
    else if (change === null || !ci) r.reason = 'no value on one side';
    else {
      const d = decide(change, ci[0], ci[1], st.threshold, direction(metric));
      r.verdict = d.verdict;
      if (d.reason) r.reason = d.reason;
    }
    return r;
  };

  PERCENTILES.forEach(({ metric, p }, j) => {
    const need = Math.ceil(MIN_TAIL_REQUESTS / (1 - p));
    const gate =
      Math.min(nb, na) < need
        ? `too few samples: ${metric.toUpperCase()} needs at least ${need} requests per side (${Math.min(nb, na)} on one side)`
        : (fewBlocks ?? (st.loadDifference ? `different load: ${st.loadDifference}` : null));
    const qb = nb > 0 ? quantileSorted(sortedB, p) : null;
    const qa = na > 0 ? quantileSorted(sortedA, p) : null;
    const stats = qb && qa ? ratioStats(b.replicates.quantiles[j]!, a.replicates.quantiles[j]!, st.alpha, qa / qb) : null;
    rows.push(row(metric, qb, qa, stats, gate));
  });

  const maxRow = row('max', nb > 0 ? sortedB[nb - 1]! : null, na > 0 ? sortedA[na - 1]! : null, null, null);
  maxRow.verdict = 'inconclusive';
  maxRow.reason = 'the maximum is a single request: no interval, reported for information';
  rows.push(maxRow);

  const meanOf = (s: Series) => (s.latency.length > 0 ? s.latency.reduce((x, y) => x + y, 0) / s.latency.length : null);
  const latencyGate =
    Math.min(nb, na) < 2 * MIN_TAIL_REQUESTS
      ? `too few samples: ${Math.min(nb, na)} requests on one side`
      : (fewBlocks ?? (st.loadDifference ? `different load: ${st.loadDifference}` : null));
  const mb = meanOf(b.series);
  const ma = meanOf(a.series);
  rows.push(row('mean', mb, ma, mb && ma ? ratioStats(b.replicates.mean, a.replicates.mean, st.alpha, ma / mb) : null, latencyGate));

  const thrB = b.durationS ? nb / b.durationS : null;
  const thrA = a.durationS ? na / a.durationS : null;
  let thrStats: RatioStats | null = null;
  if (thrB && thrA) {
    const counts = ratioStats(b.replicates.countRatio, a.replicates.countRatio, st.alpha, thrA / thrB);
    thrStats = { ci: counts.ci.map((x) => (1 + x) * (thrA / thrB) - 1) as [number, number], p: counts.p };
  }
  const thrGate =
    st.unit === 'requests'
      ? 'single-request resampling cannot vary the request count'
      : (fewBlocks ?? (st.loadDifference ? `different load: ${st.loadDifference}` : null));
  rows.push(row('throughput', thrB, thrA, thrStats, thrGate));

  const deff = (s: SideData) => {
    if (st.unit === 'requests') return 1;
    const t = binTotals(s.series, s.window, s.index.binMs, s.index.nbins);
    return designEffect(t.requests, t.errors, s.index.blockLength);
  };
  const errorsOf = (s: Series) => s.ok.reduce((e, ok) => e + (1 - ok), 0);
  const er = compareErrorRates(
    { requests: nb, errors: errorsOf(b.series), deff: deff(b) },
    { requests: na, errors: errorsOf(a.series), deff: deff(a) },
    { alpha: st.alpha, threshold: st.threshold, floorPp: st.errorFloorPp },
  );
  rows.push({
    endpoint,
    metric: 'error_rate',
    before: er ? er.beforePct : null,
    after: er ? er.afterPct : null,
    change_pct: er ? er.changePct : null,
    ci_pct: null,
    verdict: er ? er.decision.verdict : 'inconclusive',
    ...(er ? { change_pp: er.changePp, ci_pp: er.ciPp, p_value: er.pValue } : {}),
    ...(er?.decision.reason ? { reason: er.decision.reason } : er ? {} : { reason: 'no request on one side' }),
    requests,
  });
  return rows;
}
