/**
 * Per-request samples of a JMeter JTL (CSV or XML), one SampleBuffer per run the file holds.
 * The rules are jmeter.ts's (columns by header name, any delimiter, top-level samples only,
 * bad rows skipped and counted, appended runs split by RunSplitter); jmeter.ts builds
 * histograms and has no hook for samples, so the row reading is restated here.
 */
import { StringDecoder } from 'node:string_decoder';
import { type ByteSource, decoded } from '../bytes.js';
import { forEachLine } from '../lines.js';
import { CsvReader } from './csv.js';
import { BadRows, LineError } from './errors.js';
import { jtlDelimiter } from './jmeter.js';
import { unescapeXml } from './jmeter-xml.js';
import type { RawAccumulator } from './model.js';
import { RunSplitter } from './raw-runs.js';
import { SampleBuffer } from './sample-buffer.js';

const INT = /^\d{1,12}$/;
const EPOCH_MS = /^\d{1,15}$/;
/** Real sample tags are a few hundred characters; the bound keeps the attribute scan cheap. */
const MAX_TAG_CHARS = 8 * 1024;

export interface JtlSamples {
  runs: SampleBuffer[];
  rows: number;
  bad: BadRows;
  breaks: string[];
}

/** Runs told apart by RunSplitter, each with its own buffer. */
class Runs {
  readonly splitter = new RunSplitter();
  private readonly buffers = new Map<RawAccumulator, SampleBuffer>();
  constructor(private readonly cap: number) {}

  place(ts: number | undefined, elapsed: number, thread: string | undefined, lineNo: number): SampleBuffer | null {
    const acc = this.splitter.place(ts, elapsed, thread, lineNo);
    if (acc === null) return null;
    let buf = this.buffers.get(acc);
    if (!buf) this.buffers.set(acc, (buf = new SampleBuffer(this.cap)));
    return buf;
  }

  filled(): SampleBuffer[] {
    return [...this.buffers.values()].filter((b) => b.requests > 0);
  }
}

function parseTimestamp(raw: string): number | undefined {
  if (EPOCH_MS.test(raw)) return Number(raw);
  if (raw.length > 40) return undefined;
  const t = Date.parse(raw.replace(/\//g, '-'));
  return Number.isNaN(t) ? undefined : t;
}

export async function jtlCsvSamples(source: ByteSource, cap: number, signal?: AbortSignal): Promise<JtlSamples> {
  let col: Record<string, number> | null = null;
  let headerText = '';
  let rows = 0;
  const bad = new BadRows();
  const runs = new Runs(cap);
  const onRecord = (f: string[], lineNo: number) => {
    if (col === null) {
      col = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      headerText = f.join('\u0000');
      if (col.elapsed === undefined || col.label === undefined) throw new LineError(lineNo, 'JTL without a header row');
      return;
    }
    if (f.join('\u0000') === headerText) {
      runs.splitter.restart(lineNo);
      return;
    }
    const c = col;
    const elapsedRaw = (f[c.elapsed!] ?? '').trim();
    if (f.length <= c.label! || !INT.test(elapsedRaw)) {
      bad.add(lineNo, `elapsed "${elapsedRaw.slice(0, 20)}" is not a non-negative integer`);
      return;
    }
    const s = c.success === undefined ? 'true' : (f[c.success] ?? '').trim().toLowerCase();
    if (s !== 'true' && s !== 'false') {
      bad.add(lineNo, `success "${s.slice(0, 20)}" is neither true nor false`);
      return;
    }
    const ts = c.timeStamp === undefined ? undefined : parseTimestamp((f[c.timeStamp] ?? '').trim());
    if (c.timeStamp !== undefined && ts === undefined) {
      bad.add(lineNo, 'timeStamp is not a time');
      return;
    }
    const elapsed = Number(elapsedRaw);
    const buf = runs.place(ts, elapsed, c.threadName === undefined ? undefined : f[c.threadName], lineNo);
    if (buf === null) {
      bad.add(lineNo, 'timeStamp goes back in time within its thread');
      return;
    }
    buf.record(f[c.label!] ?? '', elapsed, s === 'true', ts);
    if (c.allThreads !== undefined) buf.activeUsers(Number(f[c.allThreads]) || 0);
    rows++;
  };
  const reader = new CsvReader(onRecord);
  await forEachLine(
    source,
    (b, st, e, lineNo) => {
      let text = b.toString('utf8', st, e);
      if (lineNo === 1) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        reader.delimiter = jtlDelimiter(text) ?? ',';
      }
      reader.line(text, lineNo);
    },
    { signal },
  );
  reader.end();
  return { runs: runs.filled(), rows, bad, breaks: runs.splitter.breaks };
}

const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
export async function jtlXmlSamples(source: ByteSource, cap: number, signal?: AbortSignal): Promise<JtlSamples> {
  const runs = new Runs(cap);
  const bad = new BadRows();
  const decoder = new StringDecoder('utf8');
  let rows = 0;
  let depth = 0;
  let tagNo = 0;
  let carry = '';

  const handleTag = (tag: string) => {
    tagNo++;
    const closing = tag.startsWith('/');
    const name = /^\/?([A-Za-z]*)/.exec(tag)![1];
    if (name !== 'httpSample' && name !== 'sample') return;
    if (closing) {
      depth = Math.max(0, depth - 1);
      return;
    }
    const selfClosing = tag.endsWith('/');
    if (depth === 0) {
      const a: Record<string, string> = {};
      for (const m of tag.matchAll(ATTR)) a[m[1]!] = m[2] ?? m[3] ?? '';
      const ts = a.ts === undefined ? undefined : EPOCH_MS.test(a.ts) ? Number(a.ts) : NaN;
      if (a.t === undefined || !INT.test(a.t) || Number.isNaN(ts)) bad.add(null, `sample ${tagNo}: t or ts is not a number`);
      else {
        const buf = runs.place(ts, Number(a.t), a.tn === undefined ? undefined : unescapeXml(a.tn), tagNo);
        if (buf === null) bad.add(null, `sample ${tagNo}: ts goes back in time within its thread`);
        else {
          buf.record(unescapeXml(a.lb ?? ''), Number(a.t), a.s !== 'false', ts);
          if (a.na !== undefined) buf.activeUsers(Number(a.na) || 0);
          rows++;
        }
      }
    }
    if (!selfClosing) depth++;
  };

  const feed = (text: string) => {
    const s = carry + text;
    carry = '';
    let i = 0;
    for (;;) {
      const open = s.indexOf('<', i);
      if (open === -1) break;
      const close = s.indexOf('>', open + 1);
      if (close === -1) {
        carry = s.slice(open);
        if (carry.length > MAX_TAG_CHARS) throw new LineError(null, `a tag longer than ${MAX_TAG_CHARS} characters`);
        break;
      }
      if (close - open > MAX_TAG_CHARS) throw new LineError(null, `a tag longer than ${MAX_TAG_CHARS} characters`);
      handleTag(s.slice(open + 1, close));
      i = close + 1;
    }
  };

  for await (const chunk of decoded(source)) {
    signal?.throwIfAborted();
    feed(decoder.write(chunk));
  }
  feed(decoder.end());
  return { runs: runs.filled(), rows, bad, breaks: runs.splitter.breaks };
}
