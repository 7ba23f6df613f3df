/**
 * Locust `--csv PREFIX` files, as Locust computed them (not mergeable; its percentiles are
 * already rounded to two significant figures):
 * - PREFIX_stats.csv: one row per endpoint plus the "Aggregated" row
 * - PREFIX_stats_history.csv: one row per second and endpoint (with --csv-full-history),
 *   "Aggregated" rows carry the user count and RPS used for capacity fits
 * - PREFIX_failures.csv: Method, Name, Error, Occurrences
 */
import { fromToolNumbers, type EndpointStats, type ErrorEntry, type HistoryPoint, type ParsedSummary } from './model.js';

export function parseCsvText(text: string): { header: string[]; rows: { fields: string[]; line: number }[] } {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== '') rows.push({ fields, line: startLine });
      fields = [];
      field = '';
      line++;
      startLine = line;
    } else field += ch;
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    rows.push({ fields, line: startLine });
  }
  const header = rows.shift()?.fields ?? [];
  return { header, rows };
}

function columns(header: string[]) {
  const idx = new Map(header.map((h, i) => [h.trim(), i]));
  return (fields: string[], name: string): number | null => {
    const i = idx.get(name);
    if (i === undefined) return null;
    const raw = fields[i];
    if (raw === undefined || raw === '' || raw === 'N/A') return null;
    const n = Number(raw);
    return Number.isFinite(n) ? n : null;
  };
}

function endpointName(type: string, name: string): string {
  return type ? `${type} ${name}` : name;
}

export function parseLocustStats(text: string, path: string): ParsedSummary {
  const { header, rows } = parseCsvText(text);
  const get = columns(header);
  let overall: EndpointStats | null = null;
  const endpoints: EndpointStats[] = [];
  for (const { fields, line } of rows) {
    const [type = '', name = ''] = fields;
    const requests = get(fields, 'Request Count') ?? 0;
    const rps = get(fields, 'Requests/s');
    const stats = fromToolNumbers({
      name: name === 'Aggregated' ? 'overall' : endpointName(type, name),
      ref: `${path}:${line}`,
      requests,
      errors: get(fields, 'Failure Count') ?? 0,
      throughput: rps,
      durationS: rps && rps > 0 ? requests / rps : null,
      latency: {
        p50: get(fields, '50%') ?? get(fields, 'Median Response Time'),
        p90: get(fields, '90%'),
        p95: get(fields, '95%'),
        p99: get(fields, '99%'),
        max: get(fields, 'Max Response Time') ?? get(fields, '100%'),
        mean: get(fields, 'Average Response Time'),
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

export function parseLocustHistory(text: string, path: string): ParsedSummary {
  const { header, rows } = parseCsvText(text);
  const get = columns(header);
  const agg = rows.filter((r) => r.fields[3] === 'Aggregated');
  const history: HistoryPoint[] = [];
  const t0 = agg.length ? (get(agg[0]!.fields, 'Timestamp') ?? 0) : 0;
  // Locust's own Requests/s column is a ~10 s moving average; the throughput of each interval
  // comes exactly from the cumulative request count instead.
  let prevTs: number | null = null;
  let prevCount = 0;
  for (const { fields } of agg) {
    const ts = get(fields, 'Timestamp');
    if (ts === null) continue;
    const count = get(fields, 'Total Request Count') ?? 0;
    const rps = prevTs !== null && ts > prevTs ? (count - prevCount) / (ts - prevTs) : 0;
    prevTs = ts;
    prevCount = count;
    history.push({ t: ts - t0, users: get(fields, 'User Count') ?? 0, rps, p95_ms: get(fields, '95%') });
  }
  let overall: EndpointStats | null = null;
  const last = agg[agg.length - 1];
  if (last) {
    const requests = get(last.fields, 'Total Request Count') ?? 0;
    const durationS = history.length > 1 ? history[history.length - 1]!.t - history[0]!.t : null;
    overall = fromToolNumbers({
      name: 'overall',
      ref: `${path}:${last.line}`,
      requests,
      errors: get(last.fields, 'Total Failure Count') ?? 0,
      throughput: durationS ? requests / durationS : null,
      durationS,
      latency: { p50: get(last.fields, 'Total Median Response Time'), max: get(last.fields, 'Total Max Response Time'), mean: get(last.fields, 'Total Average Response Time') },
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
      'history throughput per interval = difference of Total Request Count between rows (Locust\'s Requests/s column is a moving average)',
    ],
  };
}

export function parseLocustFailures(text: string): ErrorEntry[] {
  const { header, rows } = parseCsvText(text);
  const idx = (n: string) => header.findIndex((h) => h.trim() === n);
  const [m, n, e, o] = [idx('Method'), idx('Name'), idx('Error'), idx('Occurrences')];
  return rows.map(({ fields }) => ({
    endpoint: endpointName(fields[m] ?? '', fields[n] ?? ''),
    message: fields[e] ?? '',
    count: Number(fields[o] ?? 0),
  }));
}

/** PREFIX_exceptions.csv: exceptions raised in the locustfile itself (Count, Message, Traceback, Nodes). */
export function parseLocustExceptions(text: string): ErrorEntry[] {
  const { header, rows } = parseCsvText(text);
  const c = header.findIndex((h) => h.trim() === 'Count');
  const m = header.findIndex((h) => h.trim() === 'Message');
  return rows.map(({ fields }) => ({ endpoint: '(locustfile exception)', message: fields[m] ?? '', count: Number(fields[c] ?? 0) }));
}
