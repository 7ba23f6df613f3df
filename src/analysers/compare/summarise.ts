/**
 * Turns a raw run into the summary a pre-aggregated tool would have written (the same
 * numbers the load-test layer reports: type-7 percentiles, throughput over the run), so that
 * several runs of either kind can be compared run by run.
 */
import { quantileSorted } from './quantile.js';
import type { RawRun, RawSample, SummaryRun, SummaryStats } from './types.js';

function stats(samples: readonly RawSample[], durationS: number | null): SummaryStats {
  const lat = Float64Array.from(samples.filter((s) => s.latency_ms >= 0).map((s) => s.latency_ms)).sort();
  const n = samples.length;
  const errors = samples.reduce((e, s) => e + (s.ok ? 0 : 1), 0);
  const q = (p: number) => (lat.length > 0 ? quantileSorted(lat, p) : null);
  return {
    requests: n,
    errors,
    duration_s: durationS,
    throughput: durationS ? n / durationS : null,
    p50: q(0.5),
    p90: q(0.9),
    p95: q(0.95),
    p99: q(0.99),
    max: lat.length > 0 ? lat[lat.length - 1]! : null,
    mean: lat.length > 0 ? lat.reduce((a, b) => a + b, 0) / lat.length : null,
  };
}

export function summariseRaw(run: RawRun): SummaryRun {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of run.samples) {
    if (s.t_ms < lo) lo = s.t_ms;
    if (s.t_ms > hi) hi = s.t_ms;
  }
  const n = run.samples.length;
  const durationS = run.load?.duration_s ?? (hi > lo && n > 1 ? ((hi - lo) * n) / (n - 1) / 1000 : null);
  const byName = new Map<string, RawSample[]>();
  for (const s of run.samples) {
    if (s.endpoint === undefined) continue;
    let g = byName.get(s.endpoint);
    if (!g) byName.set(s.endpoint, (g = []));
    g.push(s);
  }
  const endpoints: Record<string, SummaryStats> = {};
  for (const [name, g] of byName) endpoints[name] = stats(g, durationS);
  return {
    kind: 'summary',
    overall: stats(run.samples, durationS),
    endpoints,
    ...(run.load ? { load: run.load } : {}),
    ...(run.label ? { label: run.label } : {}),
  };
}

/** Throughput of a summary: the tool's figure, else requests / duration. */
export function throughputOf(s: SummaryStats): number | null {
  if (typeof s.throughput === 'number' && Number.isFinite(s.throughput)) return s.throughput;
  return s.duration_s && s.duration_s > 0 ? s.requests / s.duration_s : null;
}

export function errorRatePct(s: SummaryStats): number | null {
  return s.requests > 0 ? (100 * s.errors) / s.requests : null;
}
