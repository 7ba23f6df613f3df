/**
 * Every tool's result used: the endpoints that several results measured (Locust and wrk on
 * GET /items, say), with each tool's figures side by side. The figures are not merged: each
 * tool ran its own load (users, connections, mix of endpoints).
 */
import type { EndpointStats, LoadTestResult } from './types.js';
import { endpointKey, parseEndpoint } from './endpoints.js';

const TOOLS: Array<[RegExp, string]> = [
  [/^locust-/, 'Locust'],
  [/^jmeter-/, 'JMeter'],
  [/^k6-/, 'k6'],
  [/^gatling-/, 'Gatling'],
  [/^autocannon$/, 'autocannon'],
  [/^wrk$/, 'wrk'],
];

/** The tool that wrote a result ("Locust", "wrk", ...). */
export function toolOf(r: LoadTestResult): string {
  const format = r.files[0]?.format ?? '';
  return TOOLS.find(([re]) => re.test(format))?.[1] ?? format;
}

export interface Measure {
  tool: string;
  files: string[];
  stats: EndpointStats;
  /** scheme://host:port when the tool recorded it. */
  origin: string | null;
}

export interface CrossCheck {
  /** "GET /items". */
  endpoint: string;
  measures: Measure[];
}

/** Endpoints measured by two results or more, most measured first; the baseline's figures first in each. */
export function crossCheck(results: readonly LoadTestResult[], baseline?: LoadTestResult): CrossCheck[] {
  const byEndpoint = new Map<string, Measure[]>();
  const ordered = [...results].sort((a, b) => Number(b === baseline) - Number(a === baseline));
  for (const r of ordered) {
    const seen = new Set<string>();
    for (const stats of r.endpoints) {
      const key = endpointKey(stats.name);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const measures = byEndpoint.get(key) ?? [];
      measures.push({ tool: toolOf(r), files: r.files.map((f) => f.path), stats, origin: parseEndpoint(stats.name, 0)?.origin ?? null });
      byEndpoint.set(key, measures);
    }
  }
  return [...byEndpoint.entries()]
    .filter(([, m]) => m.length > 1)
    .map(([endpoint, measures]) => ({ endpoint, measures }))
    .sort((a, b) => b.measures.length - a.measures.length || (a.endpoint < b.endpoint ? -1 : 1));
}
