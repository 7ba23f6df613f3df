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
import { StringDecoder } from 'node:string_decoder';
import { type ByteSource, decoded } from '../bytes.js';
import { CsvReader } from './csv.js';
import { BadRows, LineError } from './errors.js';
import { forEachLine } from '../lines.js';
import { RunSplitter } from './raw-runs.js';
import type { RawAccumulator } from './model.js';

export type JtlVariant = 'jmeter-5' | 'jmeter-2';

export interface JtlParse {
  runs: RawAccumulator[];
  rows: number;
  bad: BadRows;
  breaks: string[];
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

function parseTimestamp(raw: string): number | undefined {
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  if (raw.length > 40) return undefined;
  const t = Date.parse(raw.replace(/\//g, '-'));
  return Number.isNaN(t) ? undefined : t;
}

const INT = /^\d{1,12}$/;
const EPOCH_MS = /^\d{1,15}$/;

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
    const acc = runs.place(ts, elapsed, thread, lineNo);
    if (acc === null) {
      bad.add(lineNo, `timeStamp goes back in time within thread "${(thread ?? '').slice(0, 40)}"`);
      return;
    }
    acc.endpoint(f[c.label!] ?? '').record(elapsed, success, ts);
    if (ts !== undefined && c.allThreads !== undefined) {
      const n = Number(f[c.allThreads]);
      if (n >= 0) acc.timeline.activeUsers(ts, n);
    }
    rows++;
  };
  // The header line decides the delimiter, before it is split.
  const reader = new CsvReader(onRecord);
  await forEachLine(
    source,
    (buf, st, e, lineNo) => {
      let text = buf.toString('utf8', st, e);
      if (lineNo === 1) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        delimiter = jtlDelimiter(text);
        reader.delimiter = delimiter ?? ',';
      }
      reader.line(text, lineNo);
    },
    { signal: options.signal },
  );
  reader.end();
  return { runs: runs.filled(), rows, bad, breaks: runs.breaks, variant, delimiter: delimiter ?? ',' };
}

/** Attributes of a tag's inside, read in one pass (no regular expression to backtrack). */
function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = tag.length;
  while (i < n) {
    while (i < n && !/[A-Za-z_]/.test(tag[i]!)) i++;
    const nameStart = i;
    while (i < n && /[A-Za-z0-9_:.-]/.test(tag[i]!)) i++;
    const name = tag.slice(nameStart, i);
    while (i < n && tag[i] === ' ') i++;
    if (tag[i] !== '=') continue;
    i++;
    while (i < n && tag[i] === ' ') i++;
    const q = tag[i];
    if (q !== '"' && q !== "'") continue;
    const close = tag.indexOf(q, i + 1);
    if (close === -1) break;
    out[name] = tag.slice(i + 1, close);
    i = close + 1;
  }
  return out;
}

function unescapeXml(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

/** Longest tag read; real samples' tags are a few hundred bytes. */
const MAX_TAG_CHARS = 1024 * 1024;

export async function parseJmeterXml(source: ByteSource, options: { signal?: AbortSignal } = {}): Promise<JtlParse> {
  const runs = new RunSplitter();
  const bad = new BadRows();
  const decoder = new StringDecoder('utf8');
  let depth = 0; // depth inside sample elements
  let rows = 0;
  let line = 1; // line of the next unread character
  let tagParts: string[] | null = null; // an open tag cut by a chunk boundary
  let tagSize = 0;
  let tagLine = 0;

  const countLines = (s: string, from: number, to: number) => {
    for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) line++;
  };

  const handleTag = (tag: string, at: number) => {
    // tag: the text between '<' and '>'
    const closing = tag.charCodeAt(0) === 47; /* / */
    const nameStart = closing ? 1 : 0;
    let nameEnd = nameStart;
    while (nameEnd < tag.length && /[A-Za-z]/.test(tag[nameEnd]!)) nameEnd++;
    const name = tag.slice(nameStart, nameEnd);
    if (name !== 'httpSample' && name !== 'sample') return;
    if (closing) {
      depth = Math.max(0, depth - 1);
      return;
    }
    const selfClosing = tag.charCodeAt(tag.length - 1) === 47;
    if (depth === 0) {
      const a = attrs(tag.slice(nameEnd, selfClosing ? -1 : undefined));
      if (a.t === undefined || !INT.test(a.t)) bad.add(at, `t="${(a.t ?? '').slice(0, 20)}" is not a non-negative integer`);
      else {
        const t = Number(a.t);
        const ts = a.ts === undefined ? undefined : EPOCH_MS.test(a.ts) ? Number(a.ts) : NaN;
        if (Number.isNaN(ts)) bad.add(at, `ts="${a.ts!.slice(0, 20)}" is not a time`);
        else {
          const acc = runs.place(ts, t, a.tn === undefined ? undefined : unescapeXml(a.tn), at);
          if (acc === null) bad.add(at, 'ts goes back in time within its thread');
          else {
            acc.endpoint(unescapeXml(a.lb ?? '')).record(t, a.s !== 'false', ts);
            if (ts !== undefined && a.na !== undefined && Number(a.na) >= 0) acc.timeline.activeUsers(ts, Number(a.na)); // na: active threads, all groups
            rows++;
          }
        }
      }
    }
    if (!selfClosing) depth++;
  };

  const feed = (text: string) => {
    let i = 0;
    if (tagParts !== null) {
      const close = text.indexOf('>');
      if (close === -1) {
        tagParts.push(text);
        tagSize += text.length;
        countLines(text, 0, text.length);
        if (tagSize > MAX_TAG_CHARS) throw new LineError(tagLine, `a tag longer than ${MAX_TAG_CHARS} characters`);
        return;
      }
      tagParts.push(text.slice(0, close));
      const tag = tagParts.join('');
      tagParts = null;
      countLines(text, 0, close);
      handleTag(tag, tagLine);
      i = close + 1;
    }
    for (;;) {
      const open = text.indexOf('<', i);
      if (open === -1) {
        countLines(text, i, text.length);
        return;
      }
      countLines(text, i, open);
      const at = line;
      const close = text.indexOf('>', open + 1);
      if (close === -1) {
        tagParts = [text.slice(open + 1)];
        tagSize = text.length - open;
        tagLine = at;
        countLines(text, open, text.length);
        return;
      }
      countLines(text, open, close);
      handleTag(text.slice(open + 1, close), at);
      i = close + 1;
    }
  };

  for await (const chunk of decoded(source)) {
    options.signal?.throwIfAborted();
    feed(decoder.write(chunk));
  }
  feed(decoder.end());
  return { runs: runs.filled(), rows, bad, breaks: runs.breaks };
}
