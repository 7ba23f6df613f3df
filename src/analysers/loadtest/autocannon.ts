/**
 * autocannon `--json` result: one URL (or a list of requests) per run, latency percentiles in
 * ms as autocannon computed them (it reports p90, p97.5 and p99 but no p95). Its console table
 * rounds the request count ("1k requests"), so it is refused with a pointer to `--json`.
 */
import { LineError } from './errors.js';
import { fromToolNumbers, type ParsedSummary } from './model.js';

interface AutocannonResult {
  url?: string;
  title?: string;
  duration?: number;
  errors?: number;
  timeouts?: number;
  non2xx?: number;
  latency?: Record<string, number>;
  requests?: Record<string, number>;
  throughput?: Record<string, number>;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number';

/**
 * The structure autocannon writes, not three key names: `latency`, `requests` and `throughput`
 * objects holding its histogram figures (p50, p99, total...), a duration and a connection count.
 */
export function looksLikeAutocannon(json: unknown): boolean {
  if (!isObj(json)) return false;
  const { latency, requests, throughput } = json;
  if (!isObj(latency) || !isObj(requests) || !isObj(throughput)) return false;
  return (
    isNum(latency.p50) &&
    isNum(latency.p99) &&
    isNum(latency.max) &&
    isNum(requests.total) &&
    isNum(requests.average) &&
    isNum(throughput.total) &&
    isNum(json.duration) &&
    (isNum(json.connections) || typeof json.url === 'string')
  );
}

export const AUTOCANNON_CONSOLE =
  'autocannon console output (its text table rounds the request count, e.g. "1k requests"): run autocannon with --json and give that file';

export function parseAutocannon(json: unknown, ref: string): ParsedSummary {
  if (!looksLikeAutocannon(json)) throw new LineError(null, 'not an autocannon --json result: no latency/requests/throughput figures');
  const r = json as AutocannonResult;
  const l = r.latency!;
  const counts: [string, unknown][] = [
    ['requests.total', r.requests!.total],
    ['errors', r.errors ?? 0],
    ['non2xx', r.non2xx ?? 0],
    ['duration', r.duration],
  ];
  for (const [k, v] of counts)
    if (!isNum(v) || !Number.isFinite(v) || v < 0) throw new LineError(null, `${k} is ${String(v)}: autocannon writes a non-negative number`);
  const order = ['p2_5', 'p50', 'p75', 'p90', 'p97_5', 'p99', 'p99_9', 'p99_99', 'p99_999', 'max'].filter((k) => isNum(l[k]));
  for (let i = 0; i < order.length; i++) {
    const v = l[order[i]!]!;
    if (!Number.isFinite(v) || v < 0) throw new LineError(null, `latency.${order[i]} is ${v}: not a latency`);
    if (i > 0 && v < l[order[i - 1]!]!) throw new LineError(null, `latency percentiles out of order: ${order[i - 1]} ${l[order[i - 1]!]} > ${order[i]} ${v}`);
  }
  const responses = r.requests!.total!;
  const connErrors = r.errors ?? 0; // includes timeouts
  const requests = responses + connErrors;
  const errors = (r.non2xx ?? 0) + connErrors;
  const overall = fromToolNumbers({
    name: 'overall',
    ref,
    requests,
    errors,
    throughput: r.requests!.mean ?? r.requests!.average ?? null,
    durationS: r.duration ?? null,
    latency: { p50: l.p50, p90: l.p90, p95: null, p99: l.p99, max: l.max, mean: l.mean ?? l.average },
  });
  return {
    format: 'autocannon',
    overall,
    endpoints: [{ ...overall, name: r.title ?? r.url ?? 'overall' }],
    errors: [],
    history: [],
    notes: ['autocannon reports no P95 (it has p90, p97_5 and p99); throughput is its mean requests per second'],
  };
}
