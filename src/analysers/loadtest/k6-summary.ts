/**
 * k6 end-of-test summaries, as the tool computed them (not mergeable):
 * - `--summary-export`: metrics.<name> = { avg, min, med, max, p(90), p(95), count, rate, passes, fails, value }
 * - `handleSummary` JSON (`JSON.stringify(data)`): metrics.<name> = { type, contains, values: {...} }, state.testRunDurationMs
 * `http_req_failed` is a Rate of *failed* requests: its `passes` are the failures.
 * Sub-metrics keyed `http_req_duration{name:...}` or `{url:...}` become endpoints.
 */
import { fromToolNumbers, type EndpointStats, type ParsedSummary } from './model.js';

type Values = Record<string, number | undefined>;

function valuesOf(metric: unknown): Values | null {
  if (!metric || typeof metric !== 'object') return null;
  const m = metric as Record<string, unknown>;
  const v = m.values && typeof m.values === 'object' ? (m.values as Record<string, unknown>) : m;
  const out: Values = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number') out[k] = x;
  return out;
}

function trendLatency(v: Values | null) {
  if (!v) return {};
  return { p50: v.med ?? v['p(50)'], p90: v['p(90)'], p95: v['p(95)'], p99: v['p(99)'], max: v.max, mean: v.avg };
}

export function parseK6Summary(json: unknown, ref: string): ParsedSummary {
  const root = json as { metrics?: Record<string, unknown>; state?: { testRunDurationMs?: number } };
  const metrics = root.metrics;
  if (!metrics || typeof metrics !== 'object') throw new Error('not a k6 summary: no "metrics" object');
  const handle = Object.values(metrics).some((m) => m && typeof m === 'object' && 'values' in (m as object));
  const reqs = valuesOf(metrics.http_reqs);
  const failed = valuesOf(metrics.http_req_failed);
  const duration = valuesOf(metrics.http_req_duration);
  if (!reqs && !duration) throw new Error('k6 summary without http_reqs or http_req_duration: no HTTP requests to report');
  const requests = reqs?.count ?? 0;
  const errors = failed?.passes ?? (failed?.rate ?? failed?.value ?? 0) * requests;
  const runMs = root.state?.testRunDurationMs;
  const durationS = typeof runMs === 'number' ? runMs / 1000 : reqs?.rate ? requests / reqs.rate : null;
  const notes: string[] = [];
  if (typeof runMs !== 'number' && durationS !== null) notes.push('duration derived from http_reqs count / rate (the export has no test run duration)');
  const overall = fromToolNumbers({
    name: 'overall',
    ref,
    requests,
    errors: Math.round(errors),
    throughput: reqs?.rate ?? null,
    durationS,
    latency: trendLatency(duration),
  });
  const endpoints: EndpointStats[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    const m = /^http_req_duration\{(.*)\}$/.exec(key);
    if (!m) continue;
    const tags = m[1]!;
    const tag = /(?:^|,)\s*(name|url):\s*([^,]+)/.exec(tags);
    if (!tag) continue;
    const counts = valuesOf(metrics[`http_reqs{${tags}}`]);
    const fails = valuesOf(metrics[`http_req_failed{${tags}}`]);
    const lat = valuesOf(metric);
    const n = counts?.count ?? lat?.count ?? 0;
    endpoints.push(
      fromToolNumbers({
        name: tag[2]!.trim(),
        ref,
        requests: n,
        errors: Math.round(fails?.passes ?? 0),
        throughput: counts?.rate ?? null,
        durationS,
        latency: trendLatency(lat),
      }),
    );
  }
  if (endpoints.length === 0) notes.push('k6 summaries hold per-endpoint figures only for sub-metrics with thresholds (e.g. http_req_duration{name:...})');
  return { format: handle ? 'k6-handle-summary' : 'k6-summary-export', overall, endpoints, errors: [], history: [], notes };
}
