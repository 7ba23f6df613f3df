/**
 * The endpoints a load-test result names ("GET /items", "http://host:port/items"), as script
 * endpoints, with the status each one really answered in the evidence.
 */
import type { ErrorEntry, LoadTestResult } from './types.js';

export interface FoundEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  origin: string | null;
  requests: number;
  /** The status the script checks (default 200). */
  expectStatus?: number;
}

/** The HTTP status an error message names ("HTTPError('404 Client Error: ...')", "status 503", "404"), if any. */
export function statusIn(message: string): number | null {
  const m =
    /\b([1-5]\d\d) (?:Client|Server) Error\b/i.exec(message) ??
    /\bstatus(?:[_ ]?code)?\s*[:=]?\s*([1-5]\d\d)\b/i.exec(message) ??
    /\bHTTP\/\d(?:\.\d)? ([1-5]\d\d)\b/.exec(message) ??
    /^\s*([1-5]\d\d)\b(?![.:\d])/.exec(message);
  return m ? Number(m[1]) : null;
}

/**
 * The status an endpoint answers: 200 unless every request failed and the errors name one
 * status (an endpoint that always answers 404 is checked for 404, and said so).
 */
export function expectedStatus(requests: number, errors: number, entries: readonly ErrorEntry[]): { status: number; basis: string | null } {
  if (requests <= 0 || errors < requests) return { status: 200, basis: null };
  const statuses = new Map<number, number>();
  for (const e of entries) {
    const s = statusIn(e.message);
    if (s !== null) statuses.set(s, (statuses.get(s) ?? 0) + e.count);
  }
  if (statuses.size === 1) {
    const [status, count] = [...statuses.entries()][0]!;
    if (count >= errors) return { status, basis: `every one of its ${requests} requests answered ${status} in the evidence` };
  }
  return { status: 200, basis: `every one of its ${requests} requests failed in the evidence and no single status is recorded` };
}

/** "GET /items", "http://host:port/items", "POST http://host/x": method, path and origin when they can be read. */
export function parseEndpoint(name: string, requests: number): FoundEndpoint | null {
  const m = /^(?:(GET|POST|PUT|PATCH|DELETE)\s+)?(\S+)$/.exec(name.trim());
  if (!m) return null;
  const method = (m[1] ?? 'GET') as FoundEndpoint['method'];
  const where = m[2]!;
  if (where.startsWith('/')) return { method, path: where.split('?')[0]!, origin: null, requests };
  try {
    const url = new URL(where);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { method, path: url.pathname, origin: url.origin, requests };
  } catch {
    return null;
  }
}

/** The endpoints of a result that are safe to put in a script (at most 30), each with the status it answers. */
export function scriptEndpoints(r: Pick<LoadTestResult, 'endpoints' | 'errors'>, log: string[], judgement: string[] = []): FoundEndpoint[] {
  const found: FoundEndpoint[] = [];
  for (const e of r.endpoints) {
    const p = parseEndpoint(e.name, e.requests.value);
    if (!p) continue;
    const expect = expectedStatus(
      e.requests.value,
      e.errors.value,
      r.errors.filter((x) => x.endpoint === e.name),
    );
    if (expect.basis) {
      const what = expect.status === 200 ? 'the script checks 200' : `the script checks ${expect.status}`;
      judgement.push(`${endpointLabel(p)}: ${expect.basis}; ${what}: fix the endpoint or take it out of the script`);
    }
    found.push({ ...p, expectStatus: expect.status });
  }
  const safe = found.filter((e) => /^\/[^\s`$\\]*$/.test(e.path));
  if (safe.length < r.endpoints.length) log.push(`${r.endpoints.length - safe.length} endpoint name(s) are labels, not paths: left out of the script`);
  return safe.slice(0, 30);
}

/** "GET /items" for any name a tool gives an endpoint ("/items" with its method, or a URL), null for a label. */
export function endpointKey(name: string): string | null {
  const e = parseEndpoint(name, 0);
  return e ? endpointLabel(e) : null;
}

/** The first origin (scheme://host:port) any result names, for the script's base URL. */
export function firstOrigin(results: readonly LoadTestResult[]): string | null {
  return (
    results
      .flatMap((x) => x.endpoints)
      .map((e) => parseEndpoint(e.name, 0)?.origin)
      .find((o) => o) ?? null
  );
}

/** "GET /items": how the tables name an endpoint. */
export const endpointLabel = (e: FoundEndpoint) => `${e.method} ${e.path}`;

/** How the tables name an endpoint: "GET /items" when it can be read, else the tool's label, made table-safe. */
export function endpointTitle(name: string): string {
  return (
    endpointKey(name) ??
    (name
      .replace(/[|\r\n]+/g, ' ')
      .trim()
      .slice(0, 120) ||
      '(unnamed)')
  );
}
