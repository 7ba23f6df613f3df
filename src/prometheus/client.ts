/**
 * The one door to a Prometheus HTTP API: a GET to a configured source, with its headers read
 * from the environment at call time, a deadline, a body cap, and no redirect followed. No URL
 * comes from a caller, only a configured name; no message ever carries a header's value.
 */
import { UserInputError } from '../errors.js';
import { PROMETHEUS_SHAPE, type PrometheusSource } from '../sandbox/config.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** A Prometheus answer larger than this is not one a tool result could carry anyway. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const REDACTED = '<redacted>';

/** The source named `name` among the configured ones; a clear refusal for anything else. */
export function sourceNamed(sources: readonly PrometheusSource[], name: string): PrometheusSource {
  if (sources.length === 0) {
    throw new UserInputError(
      `no Prometheus is configured: add a "prometheus" list to ace.config.json at the project root, e.g. "prometheus": [${PROMETHEUS_SHAPE}] (headers_from_env maps a request header to the environment variable holding its value), then restart the Ace server`,
    );
  }
  const found = sources.find((s) => s.name === name);
  if (found) return found;
  const names = sources.map((s) => `"${s.name}"`).join(', ');
  const why = /[/:]/.test(name) ? 'a URL or address is never accepted, only the name of a source configured in ace.config.json' : 'no such source';
  throw new UserInputError(`prometheus source refused (${why}): use one of ${names}, or add a source to the "prometheus" list of ace.config.json`);
}

/** The configured header values, read now; a missing variable is named, never a value. */
function headersOf(source: PrometheusSource): { headers: Record<string, string>; secrets: string[] } {
  const headers: Record<string, string> = { accept: 'application/json' };
  const secrets: string[] = [];
  for (const [header, variable] of Object.entries(source.headers_from_env ?? {})) {
    const value = process.env[variable];
    if (value === undefined || value === '') {
      throw new UserInputError(
        `prometheus source "${source.name}": the environment variable ${variable} (for its ${header} header) is not set in the Ace server's environment: set it before starting Ace`,
      );
    }
    headers[header] = value;
    secrets.push(value);
  }
  return { headers, secrets };
}

/** `text` with every configured secret value replaced: a relayed message may quote a request. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length > 0).reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

function endpointUrl(source: PrometheusSource, path: string, params: URLSearchParams): URL {
  const url = new URL(source.url);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`;
  url.search = params.toString();
  return url;
}

async function readCapped(response: Response, source: PrometheusSource): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_BODY_BYTES) throw tooLarge(source);
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) throw tooLarge(source);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(source: PrometheusSource): UserInputError {
  return new UserInputError(
    `prometheus source "${source.name}" answered more than ${MAX_BODY_BYTES / 1024 / 1024} MiB: narrow the query (fewer series with sum by (...), a shorter range, a larger step)`,
  );
}

interface PrometheusEnvelope {
  status?: unknown;
  data?: unknown;
  errorType?: unknown;
  error?: unknown;
  warnings?: unknown;
}

export interface ApiAnswer {
  data: unknown;
  warnings: string[];
}

function networkProblem(err: unknown, source: PrometheusSource, timeoutMs: number, signal: AbortSignal | undefined): UserInputError {
  if (signal?.aborted) return new UserInputError(`query to prometheus source "${source.name}" cancelled by the client`);
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new UserInputError(
      `prometheus source "${source.name}" did not answer within ${timeoutMs} ms: narrow the query (shorter range, larger step, fewer series) or raise its timeout_ms in ace.config.json`,
    );
  }
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return new UserInputError(`prometheus source "${source.name}" cannot be reached${code}: check that it runs and that its url in ace.config.json is right`);
}

/** Aborted when either is (AbortSignal.any, which Node 20.0 to 20.2 lack). */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const controller = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

/**
 * GETs `path` (e.g. /api/v1/query) of a configured source and returns its `data`. Everything
 * that goes wrong is a UserInputError naming the source: unreachable, too slow, a redirect
 * (never followed), an HTTP error, or Prometheus's own error relayed.
 */
export async function apiGet(source: PrometheusSource, path: string, params: URLSearchParams, signal?: AbortSignal): Promise<ApiAnswer> {
  const { headers, secrets } = headersOf(source);
  const timeoutMs = source.timeout_ms ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const both = signal ? eitherSignal(deadline, signal) : deadline;
  let text: string;
  let response: Response;
  try {
    response = await fetch(endpointUrl(source, path, params), { method: 'GET', headers, redirect: 'manual', signal: both });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new UserInputError(
        `prometheus source "${source.name}" answered HTTP ${response.status}, a redirect, which Ace never follows (it could lead to another host): set its url in ace.config.json to the address that answers directly`,
      );
    }
    text = await readCapped(response, source);
  } catch (err) {
    if (err instanceof UserInputError) throw err;
    throw networkProblem(err, source, timeoutMs, signal);
  }
  let body: PrometheusEnvelope | undefined;
  try {
    body = JSON.parse(text) as PrometheusEnvelope;
  } catch {
    body = undefined;
  }
  if (body && body.status === 'error') {
    const kind = typeof body.errorType === 'string' ? body.errorType : 'error';
    const message = typeof body.error === 'string' ? body.error : 'no message';
    throw new UserInputError(redact(`prometheus source "${source.name}" refused the request (${kind}): ${message.slice(0, 2000)}`, secrets));
  }
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? ': check the credentials its headers_from_env names' : '';
    throw new UserInputError(`prometheus source "${source.name}" answered HTTP ${response.status}${hint}`);
  }
  if (!body || body.status !== 'success') {
    throw new UserInputError(
      `prometheus source "${source.name}" answered something that is not a Prometheus API response: check that its url is the server's base URL (e.g. http://host:9090)`,
    );
  }
  const warnings = Array.isArray(body.warnings) ? body.warnings.filter((w): w is string => typeof w === 'string').map((w) => redact(w, secrets)) : [];
  return { data: body.data, warnings };
}
