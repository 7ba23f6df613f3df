/**
 * Which load-test format a file holds: sniffed from its first bytes (gunzipped when
 * compressed), requiring the structure a real output has, not a few key names. A file that is
 * not a result gets a reason (an audit lists it as skipped), apart from the errors of a result
 * file that cannot be read (those name a line).
 */
import { gunzipHead, isGzip } from '../bytes.js';
import { AUTOCANNON_CONSOLE, looksLikeAutocannon } from './autocannon.js';
import { jtlDelimiter } from './jmeter.js';
import { isLegacySummary, isMachineReadableSummary } from './k6-summary.js';
import type { LoadTestFormat } from './model.js';

export const SNIFF_BYTES = 64 * 1024;

export type Detection = { format: LoadTestFormat } | { format: null; reason: string };

/** Gatling's stats: a Global Information group whose stats hold numberOfRequests {total, ok, ko}. */
function looksLikeGatling(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false;
  const o = json as Record<string, unknown>;
  const stats = (o.stats ?? o) as Record<string, unknown>;
  const n = stats?.numberOfRequests as Record<string, unknown> | undefined;
  return typeof n === 'object' && n !== null && 'total' in n && 'ok' in n && 'ko' in n && typeof stats.percentiles1 === 'object';
}

function classifyJson(text: string, complete: boolean): Detection {
  if (complete) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { format: null, reason: 'JSON that does not parse' };
    }
    if (looksLikeAutocannon(json)) return { format: 'autocannon' };
    if (looksLikeGatling(json)) return { format: 'gatling-stats' };
    if (isMachineReadableSummary(json)) return { format: 'k6-summary' };
    if (isLegacySummary(json)) {
      const metrics = (json as { metrics: Record<string, unknown> }).metrics;
      return { format: Object.values(metrics).some((m) => typeof m === 'object' && m !== null && 'values' in m) ? 'k6-handle-summary' : 'k6-summary-export' };
    }
    return { format: null, reason: 'JSON without the structure of a k6, Gatling or autocannon result' };
  }
  // A head cut short: the same structure, seen through the keys' order and nesting.
  if (/^\s*\{\s*"url"\s*:/.test(text) && /"connections"\s*:\s*\d/.test(text) && /"latency"\s*:\s*\{\s*"average"/.test(text)) return { format: 'autocannon' };
  if (/"numberOfRequests"\s*:\s*\{\s*"total"/.test(text) && /"percentiles1"\s*:\s*\{/.test(text)) return { format: 'gatling-stats' };
  if (/"k6Version"\s*:/.test(text) && /"results"\s*:\s*\{/.test(text) && /"metrics"\s*:\s*\[/.test(text)) return { format: 'k6-summary' };
  if (/"metrics"\s*:\s*\{/.test(text) && /"(http_reqs|http_req_duration|iterations|vus)"\s*:\s*\{\s*"(type|avg|count|value|min|rate)"/.test(text)) {
    return { format: /"values"\s*:\s*\{/.test(text) ? 'k6-handle-summary' : 'k6-summary-export' };
  }
  return { format: null, reason: 'JSON without the structure of a k6, Gatling or autocannon result' };
}

export function classifyLoadTestFile(name: string, rawHead: Buffer, complete = rawHead.length < SNIFF_BYTES): Detection {
  const gz = isGzip(rawHead);
  const head = gz ? gunzipHead(rawHead, SNIFF_BYTES) : rawHead;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  const nl = trimmed.indexOf('\n');
  const firstLine = (nl === -1 ? trimmed : trimmed.slice(0, nl)).replace(/\r+$/, '').trim();

  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (/^\{"(type|metric)":/.test(firstLine) && /"type"\s*:\s*"(Point|Metric)"/.test(firstLine) && /"metric"\s*:\s*"/.test(firstLine))
      return { format: 'k6-ndjson' };
    return classifyJson(trimmed, complete && !gz);
  }
  if (trimmed.startsWith('<')) {
    return /<testResults\b/.test(text) ? { format: 'jmeter-xml' } : { format: null, reason: 'XML without <testResults> (JMeter)' };
  }
  if (/^metric_name,timestamp,metric_value\b/.test(firstLine)) return { format: 'k6-csv' };
  if (/^"?Type"?,"?Name"?,"?(# requests|Request Count)/.test(firstLine)) return { format: 'locust-stats' };
  if (/^"?Timestamp"?,"?User Count"?,"?Type"?,"?Name/.test(firstLine)) return { format: 'locust-history' };
  if (/^"?Method"?,"?Name"?,"?Error"?,"?Occurrences/.test(firstLine)) return { format: 'locust-failures' };
  if (/^"?Count"?,"?Message"?,"?Traceback"?,"?Nodes/.test(firstLine)) return { format: 'locust-exceptions' };
  if (firstLine.length < 4096 && jtlDelimiter(firstLine) !== null) return { format: 'jmeter-csv' };
  if (/^Running \S+ test @ \S+/m.test(text)) {
    if (/[┌│└]/.test(text) || /^\d+ connections/m.test(text)) return { format: null, reason: AUTOCANNON_CONSOLE };
    if (/^\s+\d+ threads and \d+ connections/m.test(text)) return { format: 'wrk' };
  }
  if (/^\d{10,13},\d+,/.test(firstLine)) {
    return { format: null, reason: 'a JTL without its header line: save results with jmeter.save.saveservice.print_field_names=true' };
  }
  const base = name.split('/').pop()!.toLowerCase();
  return { format: null, reason: `${base}: not the output of a supported tool` };
}

/** The format, or null when the file is not a load-test result. */
export function detectLoadTestFormat(name: string, rawHead: Buffer): LoadTestFormat | null {
  return classifyLoadTestFile(name, rawHead).format;
}
