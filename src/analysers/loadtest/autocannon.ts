/**
 * autocannon `--json` result: one URL (or a list of requests) per run, latency percentiles in
 * ms as autocannon computed them (it reports p90, p97.5 and p99 but no p95).
 */
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
}

export function parseAutocannon(json: unknown, ref: string): ParsedSummary {
  const r = json as AutocannonResult;
  if (!r.latency || !r.requests) throw new Error('not an autocannon result: no latency/requests');
  const responses = r.requests.total ?? 0;
  const connErrors = r.errors ?? 0; // includes timeouts
  const requests = responses + connErrors;
  const errors = (r.non2xx ?? 0) + connErrors;
  const l = r.latency;
  const overall = fromToolNumbers({
    name: 'overall',
    ref,
    requests,
    errors,
    throughput: r.requests.mean ?? r.requests.average ?? null,
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
