/** The endpoints a load-test result names ("GET /items", "http://host:port/items"), as script endpoints. */
import type { LoadTestResult } from '../analysers/loadtest/model.js';

export interface FoundEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  origin: string | null;
  requests: number;
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

/** The endpoints of a result that are safe to put in a script (at most 30). */
export function scriptEndpoints(r: LoadTestResult, log: string[]): FoundEndpoint[] {
  const found = r.endpoints.map((e) => parseEndpoint(e.name, e.requests.value)).filter((e): e is FoundEndpoint => e !== null);
  const safe = found.filter((e) => /^\/[^\s`$\\]*$/.test(e.path));
  if (safe.length < r.endpoints.length) log.push(`${r.endpoints.length - safe.length} endpoint name(s) are labels, not paths: left out of the script`);
  return safe.slice(0, 30);
}

/** The first origin (scheme://host:port) any result names, for the script's base URL. */
export function firstOrigin(results: readonly LoadTestResult[]): string | null {
  return results.flatMap((x) => x.endpoints).map((e) => parseEndpoint(e.name, 0)?.origin).find((o) => o) ?? null;
}

/** "GET /items": how the tables name an endpoint. */
export const endpointLabel = (e: FoundEndpoint) => `${e.method} ${e.path}`;
