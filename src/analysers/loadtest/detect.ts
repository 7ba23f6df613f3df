/**
 * Which load-test format a file holds: sniffed from its first bytes (gunzipped when
 * compressed), with the file name as a tie-breaker. Returns null when nothing matches.
 */
import { gunzipHead, isGzip } from '../bytes.js';
import type { LoadTestFormat } from './model.js';

export const SNIFF_BYTES = 64 * 1024;

export function detectLoadTestFormat(name: string, rawHead: Buffer): LoadTestFormat | null {
  const head = isGzip(rawHead) ? gunzipHead(rawHead, SNIFF_BYTES) : rawHead;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const firstLine = (trimmed.split(/\r?\n/, 1)[0] ?? '').trim();
  const base = name.split('/').pop()!.toLowerCase();

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (/"type"\s*:\s*"(Point|Metric)"/.test(firstLine) && /"metric"\s*:/.test(firstLine)) return 'k6-ndjson';
    if (/"numberOfRequests"/.test(text)) return 'gatling-stats';
    if (/"latency"\s*:/.test(text) && /"requests"\s*:/.test(text) && /"throughput"\s*:/.test(text)) return 'autocannon';
    if (/"metrics"\s*:/.test(text) && /"(http_reqs|http_req_duration|iterations|vus)/.test(text)) {
      return /"values"\s*:\s*\{/.test(text) ? 'k6-handle-summary' : 'k6-summary-export';
    }
    return null;
  }
  if (trimmed.startsWith('<')) {
    return /<testResults\b/.test(text) ? 'jmeter-xml' : null;
  }
  if (/^metric_name,timestamp,metric_value\b/.test(firstLine)) return 'k6-csv';
  if (/^Type,Name,(# requests|Request Count)/.test(firstLine)) return 'locust-stats';
  if (/^Timestamp,User Count,Type,Name/.test(firstLine)) return 'locust-history';
  if (/^Method,Name,Error,Occurrences/.test(firstLine)) return 'locust-failures';
  if (/^Count,Message,Traceback,Nodes/.test(firstLine)) return 'locust-exceptions';
  const cols = firstLine.split(',');
  if (cols.includes('elapsed') && cols.includes('label')) return 'jmeter-csv';
  if (/^Running \S+ test @ /m.test(text) && /requests in /.test(text)) return 'wrk';
  if (/^\d{10,13},\d+,/.test(firstLine) && (base.endsWith('.jtl') || base.endsWith('.csv'))) return null; // headerless JTL
  return null;
}
