/**
 * A service's RED baseline from Prometheus: per endpoint over a window, throughput (req/s),
 * error ratio and P50/P95/P99 by histogram_quantile, each percentile with the bounds of the
 * bucket it falls in (its uncertainty). Every figure names the query that produced it.
 */
import type { Quantity } from '../report/quantity.js';
import type { PrometheusSource } from '../sandbox/config.js';
import { bucketOf, classicBuckets, nativeBuckets, type Bucket } from './buckets.js';
import { discoverRedMetrics, type RedMetrics, type RedOverrides } from './discover.js';
import { provenance, runQuery, type Series } from './query.js';
import { formatDuration } from './time.js';
import { significant } from '../numbers.js';

export const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
type QuantileName = keyof typeof QUANTILES;
/** Endpoints returned at most, busiest first. */
export const MAX_ENDPOINTS = 50;
export const OVERALL = 'overall';
/** The row of requests that carry no route label, when others do. */
const NO_ROUTE = '(no route)';

export interface Percentile {
  value: Quantity | null;
  /** The bucket the percentile falls in, in ms: the true value lies anywhere in (lower, upper]. */
  bucket_lower_ms: number | null;
  /** null when it falls in the +Inf bucket (the estimate is then the highest finite bound). */
  bucket_upper_ms: number | null;
  resolution_ms: number | null;
}

export interface RedEndpoint {
  name: string;
  throughput: Quantity;
  error_ratio: Quantity | null;
  latency: Record<QuantileName, Percentile> | null;
}

export interface RedBaseline {
  source: string;
  selector: string;
  window: string;
  window_seconds: number;
  end: number;
  metrics: RedMetrics;
  endpoints: RedEndpoint[];
  truncated: string | null;
  notes: string[];
}

/** The PromQL of each RED figure, per endpoint (`perRoute`) or for the whole service. */
function queriesFor(metrics: RedMetrics, selector: string, window: string) {
  const by = (perRoute: boolean, extra: string[]) => {
    const labels = [...(perRoute && metrics.routeLabel ? [metrics.routeLabel] : []), ...extra];
    return labels.length ? ` by (${labels.join(', ')})` : '';
  };
  const h = metrics.histogram;
  const buckets = (perRoute: boolean) =>
    h?.kind === 'classic'
      ? `sum${by(perRoute, ['le'])} (rate(${h.name}_bucket{${selector}}[${window}]))`
      : `sum${by(perRoute, [])} (rate(${h?.name}{${selector}}[${window}]))`;
  return {
    requests: (perRoute: boolean) => `sum${by(perRoute, [])} (rate(${metrics.counter}{${selector}}[${window}]))`,
    errors: (perRoute: boolean) => `sum${by(perRoute, [])} (rate(${metrics.counter}{${selector}, ${metrics.errorMatcher}}[${window}]))`,
    buckets,
    quantile: (q: number, perRoute: boolean) => `histogram_quantile(${q}, ${buckets(perRoute)})`,
  };
}

export async function redBaseline(
  source: PrometheusSource,
  selector: string,
  end: number,
  windowSeconds: number,
  overrides: RedOverrides,
  signal?: AbortSignal,
): Promise<RedBaseline> {
  const metrics = await discoverRedMetrics(source, selector, end, windowSeconds, overrides, signal);
  const window = formatDuration(windowSeconds);
  const queries = queriesFor(metrics, selector, window);
  const ref = (promql: string) => provenance(promql, source.name, { time: end });
  let cut = false;
  const run = async (promql: string) => {
    const result = await runQuery(source, promql, { time: end }, { seriesLimit: 1000, signal });
    cut ||= result.truncated !== null;
    return result.series;
  };
  const keyOf = (perRoute: boolean) => (s: Series) => (perRoute && metrics.routeLabel ? (s.labels[metrics.routeLabel] ?? NO_ROUTE) : OVERALL);

  /** One scope's rows: every endpoint (perRoute) or the overall row. */
  const scope = async (perRoute: boolean): Promise<RedEndpoint[]> => {
    const key = keyOf(perRoute);
    const quantiles = Object.entries(QUANTILES) as [QuantileName, number][];
    const [requests, errors, buckets, ...estimates] = await Promise.all([
      run(queries.requests(perRoute)),
      run(queries.errors(perRoute)),
      metrics.histogram ? run(queries.buckets(perRoute)) : Promise.resolve([]),
      ...(metrics.histogram ? quantiles.map(([, q]) => run(queries.quantile(q, perRoute))) : []),
    ]);
    const valueOf = (series: Series[], name: string) => Number(series.find((s) => key(s) === name)?.points[0]?.[1] ?? NaN);
    const names = [...new Set(requests!.map(key))].sort((a, b) => valueOf(requests!, b) - valueOf(requests!, a));
    return names.map((name) => {
      const rate = valueOf(requests!, name);
      const bad = valueOf(errors!, name);
      const latency = metrics.histogram
        ? Object.fromEntries(
            quantiles.map(([qName, q], i) => [
              qName,
              percentile(
                valueOf(estimates[i]!, name),
                q,
                bucketsOf(
                  buckets!.filter((s) => key(s) === name),
                  metrics.histogram!.kind,
                ),
                metrics.histogram!.unit,
                ref(queries.quantile(q, perRoute)),
              ),
            ]),
          )
        : null;
      return {
        name,
        throughput: { value: significant(rate || 0, 6), unit: 'req/s', source: { kind: 'measured', ref: ref(queries.requests(perRoute)) } },
        error_ratio:
          rate > 0
            ? {
                value: significant(((Number.isFinite(bad) ? bad : 0) / rate) * 100, 6),
                unit: '%',
                source: { kind: 'computed', from: `100 × (${queries.errors(perRoute)}) / (${queries.requests(perRoute)}) @ ${source.name}` },
              }
            : null,
        latency: latency as RedEndpoint['latency'],
      } satisfies RedEndpoint;
    });
  };

  const [overall, perRoute] = await Promise.all([scope(false), metrics.routeLabel ? scope(true) : Promise.resolve([])]);
  const shown = perRoute.slice(0, MAX_ENDPOINTS);
  const notes: string[] = [];
  if (cut) notes.push('some answers had more series than one query returns: endpoints past that cap may lack a figure; narrow service to fewer endpoints');
  if (!metrics.routeLabel)
    notes.push(
      `${metrics.counter} has no route label (looked for route, handler, endpoint, http_route, path, uri, operation): only the overall row; name one with route_label`,
    );
  if (!metrics.histogram) notes.push(`no latency histogram found for {${selector}}: throughput and errors only; name one with latency_metric`);
  else
    notes.push(
      `percentiles are histogram_quantile estimates from the ${metrics.histogram.kind} histogram ${metrics.histogram.name}: the true value lies anywhere in the bucket given with each`,
    );
  return {
    source: source.name,
    selector,
    window,
    window_seconds: windowSeconds,
    end,
    metrics,
    endpoints: [...(overall.length ? overall : []), ...shown],
    truncated: perRoute.length > shown.length ? `${perRoute.length} endpoints, the ${shown.length} busiest shown` : null,
    notes,
  };
}

function percentile(estimate: number, q: number, buckets: Bucket[], unit: 's' | 'ms', ref: string): Percentile {
  const toMs = unit === 's' ? 1000 : 1;
  const bucket = bucketOf(buckets, q);
  const lower = bucket && Number.isFinite(bucket.lower) ? significant(bucket.lower * toMs, 6) : null;
  const upper = bucket && Number.isFinite(bucket.upper) ? significant(bucket.upper * toMs, 6) : null;
  return {
    value: Number.isFinite(estimate) ? { value: significant(estimate * toMs, 6), unit: 'ms', source: { kind: 'measured', ref } } : null,
    bucket_lower_ms: lower,
    bucket_upper_ms: upper,
    resolution_ms: lower !== null && upper !== null ? significant(upper - lower, 6) : null,
  };
}

function bucketsOf(series: readonly Series[], kind: 'classic' | 'native'): Bucket[] {
  if (kind === 'native') return nativeBuckets(series[0]?.histograms?.[0]?.[1].buckets ?? []);
  return classicBuckets(
    series.map((s) => ({ le: Number(s.labels.le), count: Number(s.points[0]?.[1]) })).filter((b) => !Number.isNaN(b.le) && Number.isFinite(b.count)),
  );
}
