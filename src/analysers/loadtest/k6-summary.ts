/**
 * k6 end-of-test summaries, as the tool computed them (not mergeable):
 * - `--summary-export`: metrics.<name> = { avg, min, med, max, p(90), p(95), count, rate, passes, fails, value }
 * - `handleSummary` JSON (`JSON.stringify(data)`): metrics.<name> = { type, contains, values: {...} }, state.testRunDurationMs
 * - the machine-readable summary (`--new-machine-readable-summary` since k6 1.5, the default in
 *   k6 2; grafana/k6-summary's schema): { version, metadata: { k6Version }, config: { duration },
 *   results: { metrics: [{ name, type, contains, values }] } }, Rate values as
 *   { passes, fails, rate } (schema) or { matches, total, rate } (k6's writer,
 *   internal/lib/summary/machine_readable.go: matches = passes, total = passes + fails).
 * `http_req_failed` is a Rate of *failed* requests: k6's Rate sink counts non-zero samples as
 * `passes` and http_req_failed adds 1 for a failed request, so `passes` (`matches`) are the
 * failures and `rate` = passes / (passes + fails); a file where that does not hold is refused.
 * Sub-metrics keyed `http_req_duration{name:...}` or `{url:...}` become endpoints.
 */
import { LineError } from './errors.js';
import { fromToolNumbers, type EndpointStats, type LoadTestFormat, type ParsedSummary } from './model.js';

type Values = Record<string, number | undefined>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valuesOf(metric: unknown): Values | null {
  if (!isObj(metric)) return null;
  const v = isObj(metric.values) ? metric.values : metric;
  const out: Values = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'number') out[k] = x;
  return out;
}

function trendLatency(v: Values | null) {
  if (!v) return {};
  return { p50: v.med ?? v['p(50)'], p90: v['p(90)'], p95: v['p(95)'], p99: v['p(99)'], max: v.max, mean: v.avg };
}

/** True for the machine-readable summary's structure (not just a "metrics" key). */
export function isMachineReadableSummary(json: unknown): boolean {
  if (!isObj(json) || typeof json.version !== 'string' || !isObj(json.results) || !isObj(json.metadata) || !isObj(json.config)) return false;
  return Array.isArray(json.results.metrics) && typeof json.metadata.k6Version === 'string';
}

/** True for the older summaries: a "metrics" object with an HTTP or execution metric whose values are numbers. */
export function isLegacySummary(json: unknown): boolean {
  if (!isObj(json) || !isObj(json.metrics)) return false;
  const m = json.metrics;
  return ['http_reqs', 'http_req_duration', 'iterations', 'vus'].some((k) => {
    const v = valuesOf(m[k]);
    return v !== null && Object.keys(v).length > 0;
  });
}

/** Checks what k6 could have written: finite, non-negative, trend statistics in order, rates in [0, 1]. */
function checkMetric(name: string, v: Values): void {
  for (const [k, x] of Object.entries(v)) {
    if (!Number.isFinite(x)) throw new LineError(null, `${name}.${k} is ${x}: k6 writes finite numbers`);
    if (['count', 'rate', 'passes', 'fails', 'matches', 'total'].includes(k) && x! < 0)
      throw new LineError(null, `${name}.${k} is ${x}: a count or rate cannot be negative`);
  }
  const order = ['min', 'med', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'max'].filter((k) => v[k] !== undefined);
  for (let i = 1; i < order.length; i++) {
    if (v[order[i]!]! < v[order[i - 1]!]!)
      throw new LineError(null, `${name}: ${order[i - 1]} ${v[order[i - 1]!]} > ${order[i]} ${v[order[i]!]}: percentiles out of order`);
  }
}

/** The failed requests of an http_req_failed Rate, checked against its rate. */
function failures(name: string, v: Values | null, requests: number): number {
  if (!v) return 0;
  const passes = v.passes ?? v.matches;
  const total = v.total ?? (v.passes !== undefined && v.fails !== undefined ? v.passes + v.fails : undefined);
  const rate = v.rate ?? v.value;
  if (rate !== undefined && (rate < 0 || rate > 1)) throw new LineError(null, `${name}.rate is ${rate}: a Rate is between 0 and 1`);
  if (passes !== undefined && total !== undefined && rate !== undefined) {
    if (passes > total) throw new LineError(null, `${name}: ${passes} failed of ${total}`);
    const expected = total > 0 ? passes / total : 0;
    if (Math.abs(expected - rate) > 1e-6) {
      throw new LineError(
        null,
        `${name}: rate ${rate} but passes / (passes + fails) = ${expected}: k6 writes rate = passes / total, and counts a failed request in passes`,
      );
    }
  }
  return Math.round(passes ?? (rate ?? 0) * requests);
}

function summarise(format: LoadTestFormat, metrics: Record<string, unknown>, ref: string, runS: number | null, notes: string[]): ParsedSummary {
  for (const [name, m] of Object.entries(metrics)) {
    const v = valuesOf(m);
    if (v) checkMetric(name, v);
  }
  const reqs = valuesOf(metrics.http_reqs);
  const duration = valuesOf(metrics.http_req_duration);
  if (!reqs && !duration) throw new LineError(null, 'k6 summary without http_reqs or http_req_duration: no HTTP requests to report');
  const requests = reqs?.count ?? duration?.count ?? 0;
  const errors = failures('http_req_failed', valuesOf(metrics.http_req_failed), requests);
  const durationS = runS ?? (reqs?.rate ? requests / reqs.rate : null);
  if (runS === null && durationS !== null) notes.push('duration derived from http_reqs count / rate (the export has no test run duration)');
  const overall = fromToolNumbers({ name: 'overall', ref, requests, errors, throughput: reqs?.rate ?? null, durationS, latency: trendLatency(duration) });
  const endpoints: EndpointStats[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    if (!key.startsWith('http_req_duration{') || !key.endsWith('}')) continue;
    const tags = key.slice('http_req_duration{'.length, -1);
    const tag = /(?:^|,)\s*(name|url):\s*([^,]+)/.exec(tags);
    if (!tag) continue;
    const counts = valuesOf(metrics[`http_reqs{${tags}}`]);
    const lat = valuesOf(metric);
    const n = counts?.count ?? lat?.count ?? 0;
    endpoints.push(
      fromToolNumbers({
        name: tag[2]!.trim(),
        ref,
        requests: n,
        errors: failures(`http_req_failed{${tags}}`, valuesOf(metrics[`http_req_failed{${tags}}`]), n),
        throughput: counts?.rate ?? null,
        durationS,
        latency: trendLatency(lat),
      }),
    );
  }
  if (endpoints.length === 0) notes.push('k6 summaries hold per-endpoint figures only for sub-metrics with thresholds (e.g. http_req_duration{name:...})');
  return { format, overall, endpoints, errors: [], history: [], notes };
}

export function parseK6Summary(json: unknown, ref: string): ParsedSummary {
  if (isMachineReadableSummary(json)) {
    const root = json as { version: string; metadata: { k6Version: string }; config: { duration?: unknown }; results: { metrics: unknown[] } };
    const metrics: Record<string, unknown> = {};
    for (const m of root.results.metrics) if (isObj(m) && typeof m.name === 'string') metrics[m.name] = m;
    const d = root.config.duration;
    if (d !== undefined && (typeof d !== 'number' || !(d >= 0)))
      throw new LineError(null, `config.duration is ${String(d)}: k6 writes the run's duration in seconds`);
    const s = summarise('k6-summary', metrics, ref, typeof d === 'number' ? d : null, []);
    return { ...s, variant: `v${root.version}`, notes: [`k6 ${root.metadata.k6Version} machine-readable summary (schema ${root.version})`, ...s.notes] };
  }
  const root = json as { metrics?: unknown; state?: { testRunDurationMs?: unknown } };
  if (!isObj(root.metrics)) throw new LineError(null, 'not a k6 summary: no "metrics" object');
  const handle = Object.values(root.metrics).some((m) => isObj(m) && 'values' in m);
  const runMs = root.state?.testRunDurationMs;
  return summarise(handle ? 'k6-handle-summary' : 'k6-summary-export', root.metrics, ref, typeof runMs === 'number' ? runMs / 1000 : null, []);
}
