/**
 * Locust `--csv PREFIX` files, as Locust computed them (not mergeable; its percentiles are
 * already rounded to two significant figures):
 * - PREFIX_stats.csv: one row per endpoint plus the "Aggregated" row
 * - PREFIX_stats_history.csv: one row per second and endpoint (with --csv-full-history),
 *   "Aggregated" rows carry the user count and RPS used for capacity fits
 * - PREFIX_failures.csv: Method, Name, Error, Occurrences
 * A summary row Locust could not have written (a negative or non-numeric count, NaN,
 * percentiles out of order, history timestamps running backwards) refuses the file, naming the
 * line: a pre-aggregated file has no other copy of its figures.
 */
import { parseCsvText } from './csv.js';
import { LineError } from './errors.js';
import { fromToolNumbers, type EndpointStats, type ErrorEntry, type HistoryPoint, type ParsedSummary } from './model.js';

export { parseCsvText } from './csv.js';

/** Locust writes one history row per interval and name; its clock may step back this much. */
const HISTORY_CLOCK_SLACK_S = 1;

const PERCENTILE_COLUMNS = ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%'];

type Getter = {
  /** A measurement column: null when absent, empty or "N/A"; refuses anything that is not a non-negative number. */
  num(fields: string[], name: string, line: number): number | null;
  /** A count column: a non-negative integer, required when the column exists. */
  count(fields: string[], name: string, line: number): number | null;
};

function columns(header: string[]): Getter {
  const idx = new Map(header.map((h, i) => [h.trim(), i]));
  const raw = (fields: string[], name: string) => {
    const i = idx.get(name);
    return i === undefined ? undefined : (fields[i] ?? '').trim();
  };
  return {
    num(fields, name, line) {
      const r = raw(fields, name);
      if (r === undefined || r === '' || r === 'N/A') return null;
      const n = Number(r);
      if (!Number.isFinite(n) || n < 0) throw new LineError(line, `${name} is "${r.slice(0, 20)}": Locust writes a non-negative number or N/A`);
      return n;
    },
    count(fields, name, line) {
      const r = raw(fields, name);
      if (r === undefined) return null;
      if (!/^\d{1,15}$/.test(r)) throw new LineError(line, `${name} is "${r.slice(0, 20)}": Locust writes a non-negative integer`);
      return Number(r);
    },
  };
}

/** Percentiles must not decrease with the rank (rounding keeps the order). */
function checkOrder(get: Getter, fields: string[], line: number, cols: string[]): void {
  let prev: { name: string; v: number } | null = null;
  for (const name of cols) {
    const v = get.num(fields, name, line);
    if (v === null) continue;
    if (prev && v < prev.v) throw new LineError(line, `percentiles out of order: ${prev.name} is ${prev.v} but ${name} is ${v}`);
    prev = { name, v };
  }
}

function endpointName(type: string, name: string): string {
  return type ? `${type} ${name}` : name;
}

export function parseLocustStats(text: string, path: string, signal?: AbortSignal): ParsedSummary {
  const { header, rows } = parseCsvText(text, signal);
  const get = columns(header);
  if (!header.map((h) => h.trim()).includes('Request Count')) throw new LineError(1, 'no "Request Count" column: not a Locust stats file');
  let overall: EndpointStats | null = null;
  const endpoints: EndpointStats[] = [];
  for (const { fields, line } of rows) {
    const [type = '', name = ''] = fields;
    const requests = get.count(fields, 'Request Count', line) ?? 0;
    const failures = get.count(fields, 'Failure Count', line) ?? 0;
    const rps = get.num(fields, 'Requests/s', line);
    checkOrder(get, fields, line, PERCENTILE_COLUMNS);
    const min = get.num(fields, 'Min Response Time', line);
    const max = get.num(fields, 'Max Response Time', line);
    if (min !== null && max !== null && min > max) throw new LineError(line, `Min Response Time ${min} is above Max Response Time ${max}`);
    const stats = fromToolNumbers({
      name: name === 'Aggregated' ? 'overall' : endpointName(type, name),
      ref: `${path}:${line}`,
      requests,
      errors: failures,
      throughput: rps,
      durationS: rps && rps > 0 ? requests / rps : null,
      latency: {
        p50: get.num(fields, '50%', line) ?? get.num(fields, 'Median Response Time', line),
        p90: get.num(fields, '90%', line),
        p95: get.num(fields, '95%', line),
        p99: get.num(fields, '99%', line),
        max: max ?? get.num(fields, '100%', line),
        mean: get.num(fields, 'Average Response Time', line),
      },
    });
    if (name === 'Aggregated') overall = stats;
    else endpoints.push(stats);
  }
  return {
    format: 'locust-stats',
    overall,
    endpoints,
    errors: [],
    history: [],
    notes: ['Locust percentiles are rounded by Locust (two significant figures); max is exact', 'durations derived from request count / requests per second'],
  };
}

export function parseLocustHistory(text: string, path: string, signal?: AbortSignal): ParsedSummary {
  const { header, rows } = parseCsvText(text, signal);
  const get = columns(header);
  const history: HistoryPoint[] = [];
  // Locust's own Requests/s column is a ~10 s moving average; the throughput of each interval
  // comes exactly from the cumulative request count instead.
  let t0: number | null = null;
  let maxTs = -Infinity;
  let prevTs: number | null = null;
  let prevCount = 0;
  let last: { fields: string[]; line: number } | null = null;
  for (const row of rows) {
    const { fields, line } = row;
    const ts = get.count(fields, 'Timestamp', line);
    if (ts === null) continue;
    if (ts < maxTs - HISTORY_CLOCK_SLACK_S)
      throw new LineError(line, `Timestamp ${ts} is ${maxTs - ts} s before an earlier row's: Locust writes history in time order`);
    maxTs = Math.max(maxTs, ts);
    if (fields[3] !== 'Aggregated') continue;
    const count = get.count(fields, 'Total Request Count', line) ?? 0;
    const users = get.count(fields, 'User Count', line) ?? 0;
    checkOrder(get, fields, line, PERCENTILE_COLUMNS);
    t0 ??= ts;
    const rps = prevTs !== null && ts > prevTs ? (count - prevCount) / (ts - prevTs) : 0;
    prevTs = ts;
    prevCount = count;
    history.push({ t: ts - t0, users, rps, p95_ms: get.num(fields, '95%', line) });
    last = row;
  }
  let overall: EndpointStats | null = null;
  if (last) {
    const requests = get.count(last.fields, 'Total Request Count', last.line) ?? 0;
    const durationS = history.length > 1 ? history[history.length - 1]!.t - history[0]!.t : null;
    overall = fromToolNumbers({
      name: 'overall',
      ref: `${path}:${last.line}`,
      requests,
      errors: get.count(last.fields, 'Total Failure Count', last.line) ?? 0,
      throughput: durationS ? requests / durationS : null,
      durationS,
      latency: {
        p50: get.num(last.fields, 'Total Median Response Time', last.line),
        max: get.num(last.fields, 'Total Max Response Time', last.line),
        mean: get.num(last.fields, 'Total Average Response Time', last.line),
      },
    });
  }
  return {
    format: 'locust-history',
    overall,
    endpoints: [],
    errors: [],
    history,
    notes: [
      'from the history file: cumulative totals of its last "Aggregated" row; its percentiles are per-interval, so only median, mean and max are reported',
      "history throughput per interval = difference of Total Request Count between rows (Locust's Requests/s column is a moving average)",
    ],
  };
}

export function parseLocustFailures(text: string, signal?: AbortSignal): ErrorEntry[] {
  const { header, rows } = parseCsvText(text, signal);
  const get = columns(header);
  const idx = (n: string) => header.findIndex((h) => h.trim() === n);
  const [m, n, e] = [idx('Method'), idx('Name'), idx('Error')];
  return rows.map(({ fields, line }) => ({
    endpoint: endpointName(fields[m] ?? '', fields[n] ?? ''),
    message: fields[e] ?? '',
    count: get.count(fields, 'Occurrences', line) ?? 0,
  }));
}

/** PREFIX_exceptions.csv: exceptions raised in the locustfile itself (Count, Message, Traceback, Nodes). */
export function parseLocustExceptions(text: string, signal?: AbortSignal): ErrorEntry[] {
  const { header, rows } = parseCsvText(text, signal);
  const get = columns(header);
  const m = header.findIndex((h) => h.trim() === 'Message');
  return rows.map(({ fields, line }) => ({ endpoint: '(locustfile exception)', message: fields[m] ?? '', count: get.count(fields, 'Count', line) ?? 0 }));
}
