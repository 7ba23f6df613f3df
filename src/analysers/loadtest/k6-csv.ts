/**
 * k6 `--out csv` (optionally gzipped): one row per metric sample. `http_req_duration` rows are
 * requests, `vus` rows the active virtual users; columns are found by name in the header
 * (their set changed across k6 versions). A request row whose value is not a non-negative
 * number is skipped and counted (BadRows).
 */
import { type ByteSource } from '../bytes.js';
import { forEachLine } from '../lines.js';
import { NextByte, sameBytes } from './byte-fields.js';
import { CsvReader } from './csv.js';
import { BadRows, LineError } from './errors.js';
import { RawAccumulator } from './model.js';

/** k6 writes unix seconds by default; K6_CSV_TIME_FORMAT=unix_milli or rfc3339 also exist. */
function parseK6Time(raw: string): number | undefined {
  if (raw === '') return undefined;
  if (/^\d{1,16}$/.test(raw)) {
    const n = Number(raw);
    return raw.length >= 13 ? n : n * 1000;
  }
  if (raw.length > 40) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

const KEPT_PREFIXES = [Buffer.from('http_req_duration,'), Buffer.from('vus,')];

/**
 * Whether the line [start, end) is a row of another metric, which the parser would ignore: it
 * is told from its first bytes, without decoding or splitting it (about twelve rows in
 * thirteen). Only when metric_name is the first column and the line holds no quote, so that
 * the line is the whole record and its first field is the metric.
 */
function otherMetricRow(buf: Buffer, start: number, end: number, quotes: NextByte): boolean {
  for (const prefix of KEPT_PREFIXES) if (end - start >= prefix.length && sameBytes(buf, start, start + prefix.length, prefix)) return false;
  return quotes.from(buf, start) >= end;
}

export async function parseK6Csv(source: ByteSource, acc: RawAccumulator, options: { signal?: AbortSignal } = {}): Promise<{ rows: number; bad: BadRows }> {
  let col: Record<string, number> | null = null;
  let rows = 0;
  const bad = new BadRows();
  const quotes = new NextByte(34 /* " */);
  const reader = new CsvReader((f, lineNo) => {
    if (col === null) {
      col = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      if (col.metric_name === undefined || col.metric_value === undefined) throw new LineError(lineNo, 'not a k6 CSV: no metric_name/metric_value columns');
      return;
    }
    const metric = f[col.metric_name!];
    if (metric !== 'http_req_duration' && metric !== 'vus') return;
    const raw = f[col.metric_value!] ?? '';
    const value = raw.trim() === '' ? NaN : Number(raw);
    if (!(value >= 0) || !Number.isFinite(value)) {
      bad.add(lineNo, `${metric} value "${raw.slice(0, 20)}" is not a non-negative number`);
      return;
    }
    const at = (name: string) => (col![name] === undefined ? '' : (f[col![name]!] ?? ''));
    if (metric === 'vus') {
      const t = parseK6Time(at('timestamp'));
      if (t !== undefined) acc.timeline.activeUsers(t, value);
      return;
    }
    const expected = at('expected_response');
    const status = Number(at('status'));
    const ok = expected !== '' ? expected === 'true' : status > 0 && status < 400;
    const name = at('name') || at('url') || '(no name tag)';
    const method = at('method');
    // The CSV timestamp is whole seconds by default: the span is only known to ±1 s.
    const t = parseK6Time(at('timestamp'));
    acc.endpoint(method ? `${method} ${name}` : name).record(value, ok, t);
    rows++;
  });
  await forEachLine(
    source,
    (buf, start, end, lineNo) => {
      if (col?.metric_name === 0 && !reader.inRecord && otherMetricRow(buf, start, end, quotes)) return;
      const text = buf.toString('utf8', start, end);
      reader.line(lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, lineNo);
    },
    options,
  );
  reader.end();
  return { rows, bad };
}
