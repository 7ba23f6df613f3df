/**
 * JMeter results (JTL). CSV: columns are read by header name, so JMeter 5's default set
 * (…failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect) and
 * older ones such as Debian's JMeter 2.13 (no sentBytes/URL/IdleTime/Connect) both work, with
 * whatever delimiter `jmeter.save.saveservice.default_delimiter` chose (read from the header).
 * XML: top-level <httpSample>/<sample> elements; nested sub-results are not counted, as in
 * JMeter's own aggregate report. Active threads (`allThreads`, XML `na`) give the load over time.
 * A row JMeter could not have written (elapsed not a non-negative integer, a timestamp that is
 * not one or runs backwards in its thread) is skipped and counted; too many refuse the file.
 * Runs appended to one file are told apart (raw-runs.ts).
 */
import { type ByteSource } from '../bytes.js';
import { CsvReader } from './csv.js';
import { BadRows, LineError } from './errors.js';
import { forEachLine } from '../lines.js';
import { JtlFastRows, type JtlRow } from './jtl-csv-row.js';
import type { JtlRead } from './jmeter-xml.js';
import { RunSplitter } from './raw-runs.js';

export { parseJmeterXml } from './jmeter-xml.js';

export type JtlVariant = 'jmeter-5' | 'jmeter-2';

export interface JtlParse extends JtlRead {
  variant?: JtlVariant;
  delimiter?: string;
}

/** Which column set a JTL header shows. */
export function jtlVariant(header: string[]): JtlVariant {
  const names = new Set(header.map((h) => h.trim()));
  return names.has('sentBytes') || names.has('IdleTime') || names.has('Connect') || names.has('URL') ? 'jmeter-5' : 'jmeter-2';
}

/**
 * The delimiter of a JTL header line: the one that splits it into columns holding both
 * `elapsed` and `label`. JMeter's default is a comma; `default_delimiter` may be any character
 * (a tab, `;`, `|` are usual). Null when no character does.
 */
export function jtlDelimiter(headerLine: string): string | null {
  const candidates = [',', '\t', ';', '|'];
  for (const ch of headerLine) if (!/[A-Za-z0-9_ ]/.test(ch) && !candidates.includes(ch)) candidates.push(ch);
  for (const d of candidates) {
    const cols = headerLine.split(d).map((c) => c.trim());
    if (cols.includes('elapsed') && cols.includes('label')) return d;
  }
  return null;
}

const INT = /^\d{1,12}$/;
const EPOCH_MS = /^\d{1,15}$/;

function parseTimestamp(raw: string): number | undefined {
  if (EPOCH_MS.test(raw)) return Number(raw);
  if (raw.length > 40) return undefined;
  const t = Date.parse(raw.replace(/\//g, '-'));
  return Number.isNaN(t) ? undefined : t;
}

export async function parseJmeterCsv(source: ByteSource, options: { signal?: AbortSignal } = {}): Promise<JtlParse> {
  let col: Record<string, number> | null = null;
  let headerText = '';
  let variant: JtlVariant = 'jmeter-5';
  let delimiter: string | null = null;
  let rows = 0;
  const bad = new BadRows();
  const runs = new RunSplitter();
  const onRecord = (f: string[], lineNo: number) => {
    if (col === null) {
      col = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      headerText = f.join('\u0000');
      if (col.elapsed === undefined || col.label === undefined) {
        throw new LineError(
          lineNo,
          'JTL without a header row: save results with jmeter.save.saveservice.print_field_names=true (the default), or use the XML form',
        );
      }
      variant = jtlVariant(f);
      return;
    }
    if (f.join('\u0000') === headerText) {
      runs.restart(lineNo);
      return;
    }
    const c = col;
    const elapsedRaw = f[c.elapsed!];
    if (elapsedRaw === undefined || f.length <= c.label!) {
      bad.add(lineNo, `${f.length} fields where the header has ${Object.keys(c).length}`);
      return;
    }
    if (!INT.test(elapsedRaw.trim())) {
      bad.add(lineNo, `elapsed "${elapsedRaw.slice(0, 20)}" is not a non-negative integer`);
      return;
    }
    const elapsed = Number(elapsedRaw);
    let success = true;
    if (c.success !== undefined) {
      const s = (f[c.success] ?? '').trim().toLowerCase();
      if (s !== 'true' && s !== 'false') {
        bad.add(lineNo, `success "${s.slice(0, 20)}" is neither true nor false`);
        return;
      }
      success = s === 'true';
    }
    let ts: number | undefined;
    if (c.timeStamp !== undefined) {
      ts = parseTimestamp((f[c.timeStamp] ?? '').trim());
      if (ts === undefined) {
        bad.add(lineNo, 'timeStamp is not a time');
        return;
      }
    }
    const thread = c.threadName === undefined ? undefined : f[c.threadName];
    const users = c.allThreads === undefined ? NaN : Number(f[c.allThreads]);
    record({ elapsed, success, ts, label: f[c.label!] ?? '', thread, users }, lineNo);
  };
  /** A row whose values passed their checks: its run, its endpoint, the active threads. */
  const record = (row: JtlRow, lineNo: number) => {
    const acc = runs.place(row.ts, row.elapsed, row.thread, lineNo);
    if (acc === null) {
      bad.add(lineNo, `timeStamp goes back in time within thread "${(row.thread ?? '').slice(0, 40)}"`);
      return;
    }
    acc.endpoint(row.label).record(row.elapsed, row.success, row.ts);
    if (row.ts !== undefined && row.users >= 0) acc.timeline.activeUsers(row.ts, row.users);
    rows++;
  };
  // The header line decides the delimiter, before it is split.
  const reader = new CsvReader(onRecord);
  let fast: JtlFastRows | null | undefined; // decided once the header is read
  await forEachLine(
    source,
    (buf, st, e, lineNo) => {
      if (fast && !reader.inRecord) {
        const row = fast.read(buf, st, e);
        if (row !== null) return record(row, lineNo);
      }
      let text = buf.toString('utf8', st, e);
      if (lineNo === 1) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        delimiter = jtlDelimiter(text);
        reader.delimiter = delimiter ?? ',';
      }
      reader.line(text, lineNo);
      if (fast === undefined && col !== null) fast = JtlFastRows.for(col, reader.delimiter);
    },
    {
      signal: options.signal,
      // Usual rows whole, their ends found as their fields are read.
      scan: (buf, start, limit, lineNo) => {
        if (!fast || reader.inRecord) return -1;
        const nl = fast.scan(buf, start, limit);
        if (nl !== -1) record(fast.row, lineNo);
        return nl;
      },
    },
  );
  reader.end();
  return { runs: runs.filled(), rows, bad, breaks: runs.breaks, variant, delimiter: delimiter ?? ',' };
}
