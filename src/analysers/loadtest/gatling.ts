/**
 * Gatling report data: js/global_stats.json (overall) or js/stats.json (overall plus a tree
 * of groups and requests under `contents`). percentiles1..4 are Gatling's configured
 * percentiles, 50/75/95/99 by default (gatling.conf charting.indicators.percentile1..4).
 */
import { LineError } from './errors.js';
import { fromToolNumbers, type EndpointStats, type ParsedSummary } from './model.js';

type Triple = { total?: number | string; ok?: number | string; ko?: number | string };

function num(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = Number(v.replace(/[\s,]/g, ''));
    return Number.isFinite(n) && v.trim() !== '-' ? n : null;
  }
  return null;
}

function fromStats(name: string, s: Record<string, Triple | unknown>, ref: string): EndpointStats {
  const total = (k: string) => num((s[k] as Triple | undefined)?.total);
  const requests = total('numberOfRequests') ?? 0;
  const errors = num((s.numberOfRequests as Triple | undefined)?.ko) ?? 0;
  const rps = total('meanNumberOfRequestsPerSecond');
  const order = ['minResponseTime', 'percentiles1', 'percentiles2', 'percentiles3', 'percentiles4', 'maxResponseTime'];
  let prev: [string, number] | null = null;
  for (const k of order) {
    const v = total(k);
    if (v === null) continue;
    if (v < 0) throw new LineError(null, `${name}: ${k} is ${v}`);
    if (prev && v < prev[1]) throw new LineError(null, `${name}: ${prev[0]} ${prev[1]} > ${k} ${v}: percentiles out of order`);
    prev = [k, v];
  }
  if (requests < 0 || errors < 0 || errors > requests) throw new LineError(null, `${name}: ${requests} requests with ${errors} KO: not written by Gatling`);
  return fromToolNumbers({
    name,
    ref,
    requests,
    errors,
    throughput: rps,
    durationS: rps && rps > 0 ? requests / rps : null,
    latency: {
      p50: total('percentiles1'),
      p95: total('percentiles3'),
      p99: total('percentiles4'),
      max: total('maxResponseTime'),
      mean: total('meanResponseTime'),
    },
  });
}

interface Node {
  type?: string;
  name?: string;
  path?: string;
  stats?: Record<string, unknown>;
  contents?: Record<string, Node>;
}

export function parseGatling(json: unknown, ref: string): ParsedSummary {
  const root = json as Node & Record<string, unknown>;
  const notes = [
    'Gatling percentiles1..4 read as P50/P75/P95/P99 (the defaults of gatling.conf); P90 is not in the report',
    'durations derived from request count / mean requests per second',
  ];
  if (root.numberOfRequests) {
    return { format: 'gatling-stats', variant: 'global_stats', overall: fromStats('overall', root, ref), endpoints: [], errors: [], history: [], notes };
  }
  if (!root.stats) throw new LineError(null, 'not a Gatling stats file: no "stats" or "numberOfRequests"');
  const endpoints: EndpointStats[] = [];
  // Iterative walk: a hostile tree's depth cannot exhaust the stack.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const children = Object.values(node.contents ?? {});
    for (const child of children)
      if (child && child.type === 'REQUEST' && child.stats) endpoints.push(fromStats(child.path ?? child.name ?? '?', child.stats, ref));
    for (let i = children.length - 1; i >= 0; i--) if (children[i]?.contents) stack.push(children[i]!);
  }
  return { format: 'gatling-stats', variant: 'stats', overall: fromStats('overall', root.stats, ref), endpoints, errors: [], history: [], notes };
}
