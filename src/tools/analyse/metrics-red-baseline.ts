import { z } from 'zod';
import { sourceNamed } from '../../prometheus/client.js';
import { checkSelector } from '../../prometheus/discover.js';
import { MAX_ENDPOINTS, redBaseline, type RedBaseline } from '../../prometheus/red.js';
import { formatTime, parseDuration, parseTime } from '../../prometheus/time.js';
import { QuantitySchema } from '../../report/quantity.js';
import { defineTool } from '../define.js';

const input = z.object({
  source: z.string().min(1).max(100).describe('Name of a Prometheus source listed under "prometheus" in ace.config.json (never a URL).'),
  service: z
    .string()
    .min(1)
    .max(500)
    .describe('PromQL label matchers selecting the service\'s series, e.g. job="api" or service="checkout", namespace="prod". A bare name means job="<name>".'),
  window: z
    .union([z.string().max(20), z.number().positive()])
    .optional()
    .describe('How far back from end to measure: a duration ("1h", "7d", "30d") or seconds (default "1h").'),
  end: z
    .union([z.string().max(40), z.number()])
    .optional()
    .describe('End of the window: Unix seconds, RFC 3339, "now" or "now-1d" (default now).'),
  request_metric: z.string().max(200).optional().describe('Request counter, when discovery picks the wrong one (default: http_requests_total or the like).'),
  latency_metric: z.string().max(200).optional().describe('Latency histogram base name (classic `_bucket` or native), when discovery picks the wrong one.'),
  route_label: z
    .string()
    .max(100)
    .optional()
    .describe('Label naming the endpoint (default: route, handler, endpoint, http_route, path, uri or operation, the first present).'),
  error_matcher: z.string().max(200).optional().describe('Label matcher for failed requests (default status=~"5.." or code=~"5..", from the labels present).'),
});

const Percentile = z.object({
  value: QuantitySchema.nullable().describe('histogram_quantile estimate, ms'),
  bucket_lower_ms: z.number().nullable(),
  bucket_upper_ms: z.number().nullable().describe('null: above the highest finite bucket'),
  resolution_ms: z.number().nullable().describe('bucket width: the uncertainty of the estimate'),
});

const output = z.object({
  source: z.string(),
  selector: z.string(),
  window: z.string(),
  window_seconds: z.number(),
  start: z.string().describe('RFC 3339'),
  end: z.string().describe('RFC 3339'),
  metrics: z.object({
    counter: z.string(),
    histogram: z.object({ name: z.string(), kind: z.enum(['classic', 'native']), unit: z.enum(['s', 'ms']) }).nullable(),
    routeLabel: z.string().nullable(),
    errorMatcher: z.string(),
  }),
  endpoints: z.array(
    z.object({
      name: z.string().describe('"overall", or the value of the route label'),
      throughput: QuantitySchema.describe('req/s over the window'),
      error_ratio: QuantitySchema.nullable().describe('% of requests matching error_matcher'),
      latency: z.object({ p50: Percentile, p95: Percentile, p99: Percentile }).nullable(),
    }),
  ),
  truncated: z.string().nullable(),
  notes: z.array(z.string()),
});

function render(r: RedBaseline): string {
  const ms = (p: z.infer<typeof Percentile>) =>
    p.value ? `${p.value.value} ms (bucket ${p.bucket_lower_ms ?? '?'}..${p.bucket_upper_ms ?? '+Inf'} ms)` : 'n/a';
  const lines = [
    `RED of {${r.selector}} @ ${r.source}, ${r.window} to ${formatTime(r.end)} (${r.metrics.counter}, ${r.metrics.histogram ? `${r.metrics.histogram.kind} ${r.metrics.histogram.name}` : 'no histogram'})`,
  ];
  for (const e of r.endpoints) {
    const latency = e.latency ? `, P50 ${ms(e.latency.p50)}, P95 ${ms(e.latency.p95)}, P99 ${ms(e.latency.p99)}` : '';
    lines.push(`${e.name}: ${e.throughput.value} req/s, errors ${e.error_ratio ? `${e.error_ratio.value} %` : 'n/a'}${latency}`);
  }
  if (r.truncated) lines.push(`(truncated: ${r.truncated})`);
  lines.push(...r.notes.map((n) => `note: ${n}`));
  return lines.join('\n');
}

export const metricsRedBaselineTool = defineTool({
  name: 'metrics_red_baseline',
  title: 'RED baseline from Prometheus',
  description: `A service's current production baseline from a Prometheus named in ace.config.json: per endpoint over a window (default the last hour), throughput (req/s), error ratio (%) and P50/P95/P99 (ms) via histogram_quantile, each percentile with the bucket it falls in (its uncertainty).
Discovers the request counter (http_requests_total or the like), the latency histogram (classic _bucket or native), the route label and the status label; override any of them when it picks wrong. Use it for phase 1's current-metrics table and, with a window as long as the SLO's (e.g. "30d"), for the error budget actually consumed (slo_math with error_rate_percent and observed_hours).
Every figure carries its source ("promql <query> @ <source> [<time>]"): pass the quantities as they are to the emit tools. Up to ${MAX_ENDPOINTS} endpoints, busiest first.`,
  group: 'production',
  input,
  output,
  async handle(ctx, params) {
    const source = sourceNamed(ctx.sandbox.prometheus, params.source);
    const selector = checkSelector(/^[a-zA-Z_][a-zA-Z0-9_:.-]*$/.test(params.service.trim()) ? `job="${params.service.trim()}"` : params.service);
    const windowSeconds = parseDuration(params.window ?? '1h', 'window');
    const end = parseTime(params.end, 'end', Math.floor(Date.now() / 1000));
    const r = await redBaseline(
      source,
      selector,
      end,
      windowSeconds,
      { counter: params.request_metric, histogram: params.latency_metric, routeLabel: params.route_label, errorMatcher: params.error_matcher },
      ctx.signal,
    );
    return { data: { ...r, start: formatTime(r.end - r.window_seconds), end: formatTime(r.end) }, text: render(r) };
  },
});
