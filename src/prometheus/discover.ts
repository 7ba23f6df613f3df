/**
 * Finds a service's request counter, latency histogram (classic `_bucket` or native), route
 * label and status label from what its Prometheus holds, so the RED queries need no guesswork
 * from the caller; every choice can be overridden.
 */
import { UserInputError } from '../errors.js';
import type { PrometheusSource } from '../sandbox/config.js';
import { apiGet } from './client.js';

export interface RedMetrics {
  counter: string;
  histogram: { name: string; kind: 'classic' | 'native'; unit: 's' | 'ms' } | null;
  routeLabel: string | null;
  errorMatcher: string;
}

export interface RedOverrides {
  counter?: string;
  histogram?: string;
  routeLabel?: string;
  errorMatcher?: string;
}

const COUNTERS = ['http_requests_total', 'http_server_requests_total', 'http_server_requests_seconds_count', 'requests_total'];
const HISTOGRAMS = [
  'http_request_duration_seconds',
  'http_server_request_duration_seconds',
  'http_server_requests_seconds',
  'http_request_duration_milliseconds',
];
const ROUTE_LABELS = ['route', 'handler', 'endpoint', 'http_route', 'path', 'uri', 'operation'];
const STATUS_LABELS = ['status', 'code', 'status_code', 'http_status_code', 'http_response_status_code'];
/** Metadata requests discovery makes at most, looking for a native histogram. */
const MAX_TYPE_LOOKUPS = 10;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Checks label matchers such as `job="api", env!~"dev.*"` before they go into a query. */
export function checkSelector(selector: string): string {
  const matcher = String.raw`\s*[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"\s*`;
  if (!new RegExp(`^${matcher}(?:,${matcher})*$`).test(selector)) {
    throw new UserInputError(`service "${selector}" is not a list of PromQL label matchers: write e.g. job="api" or service="checkout", namespace="prod"`);
  }
  return selector.trim();
}

function checkName(name: string, what: string): string {
  if (!METRIC_NAME.test(name)) throw new UserInputError(`${what} "${name}" is not a Prometheus metric name`);
  return name;
}

function range(end: number, windowSeconds: number): URLSearchParams {
  return new URLSearchParams({ start: String(end - windowSeconds), end: String(end) });
}

async function stringList(source: PrometheusSource, path: string, params: URLSearchParams, signal?: AbortSignal): Promise<string[]> {
  const { data } = await apiGet(source, path, params, signal);
  return Array.isArray(data) ? data.filter((v): v is string => typeof v === 'string') : [];
}

async function metricType(source: PrometheusSource, name: string, signal?: AbortSignal): Promise<string | undefined> {
  const { data } = await apiGet(source, '/api/v1/metadata', new URLSearchParams({ metric: name }), signal);
  const entries = (data as Record<string, { type?: string }[]> | null)?.[name];
  return entries?.[0]?.type;
}

function pickCounter(names: Set<string>): string | undefined {
  return COUNTERS.find((c) => names.has(c)) ?? [...names].sort().find((n) => /request.*_total$/.test(n));
}

/** Classic when `<base>_bucket` exists; native when the bare name exists and its metadata says histogram. */
async function pickHistogram(source: PrometheusSource, names: Set<string>, wanted: string | undefined, signal?: AbortSignal): Promise<RedMetrics['histogram']> {
  const byPreference = [...HISTOGRAMS, ...[...names].sort()];
  const bases = wanted ? [wanted.replace(/_bucket$/, '')] : [...new Set(byPreference.map((n) => n.replace(/_(bucket|count|sum)$/, '')))];
  const unit = (base: string): 's' | 'ms' => (/_(milliseconds|ms)$/.test(base) ? 'ms' : 's');
  let lookups = 0;
  for (const base of bases) {
    if (!wanted && !HISTOGRAMS.includes(base) && !/(duration|latency)/.test(base)) continue;
    if (names.has(`${base}_bucket`)) return { name: base, kind: 'classic', unit: unit(base) };
    // A native histogram has only its bare name: ask its type, for a few likely names at most.
    if (names.has(base) && !/_(total|created|info)$/.test(base) && lookups++ < MAX_TYPE_LOOKUPS && (await metricType(source, base, signal)) === 'histogram') {
      return { name: base, kind: 'native', unit: unit(base) };
    }
  }
  if (wanted)
    throw new UserInputError(
      `no histogram ${wanted} (neither ${wanted}_bucket nor a native histogram) for this service in the window: check the name with metrics_query`,
    );
  return null;
}

/** What the RED queries use for the service `selector` over the window ending at `end`. */
export async function discoverRedMetrics(
  source: PrometheusSource,
  selector: string,
  end: number,
  windowSeconds: number,
  overrides: RedOverrides,
  signal?: AbortSignal,
): Promise<RedMetrics> {
  const params = range(end, windowSeconds);
  params.append('match[]', `{${selector}}`);
  const names = new Set(await stringList(source, '/api/v1/label/__name__/values', params, signal));
  if (names.size === 0) {
    throw new UserInputError(
      `prometheus source "${source.name}" holds no series matching {${selector}} in the window: check the service's labels with metrics_query (e.g. count by (job) (up))`,
    );
  }
  const counter = overrides.counter ? checkName(overrides.counter, 'request_metric') : pickCounter(names);
  if (!counter) {
    throw new UserInputError(`no request counter found for {${selector}} (looked for ${COUNTERS.join(', ')} and *request*_total): name it with request_metric`);
  }
  const histogram = await pickHistogram(source, names, overrides.histogram && checkName(overrides.histogram, 'latency_metric'), signal);
  const labelParams = range(end, windowSeconds);
  labelParams.append('match[]', `${counter}{${selector}}`);
  const labels = new Set(await stringList(source, '/api/v1/labels', labelParams, signal));
  if (overrides.routeLabel !== undefined && !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(overrides.routeLabel)) {
    throw new UserInputError(`route_label "${overrides.routeLabel}" is not a Prometheus label name`);
  }
  const routeLabel = overrides.routeLabel ?? ROUTE_LABELS.find((l) => labels.has(l)) ?? null;
  const statusLabel = STATUS_LABELS.find((l) => labels.has(l));
  const errorMatcher = overrides.errorMatcher ? checkSelector(overrides.errorMatcher) : statusLabel ? `${statusLabel}=~"5.."` : null;
  if (!errorMatcher)
    throw new UserInputError(`no status label on ${counter} (looked for ${STATUS_LABELS.join(', ')}): give error_matcher, e.g. outcome="SERVER_ERROR"`);
  return { counter, histogram, routeLabel, errorMatcher };
}
