/**
 * JMeter's XML JTL: top-level <httpSample>/<sample> elements (nested sub-results are not
 * counted, as in JMeter's own aggregate report), their `na` attribute the active threads.
 * Read as bytes: a top-level sample's start tag (nearly every tag of a JTL) is read in one pass
 * from its '<' to its '>', counting newlines and locating in place the six attributes a sample
 * needs; other tags and long texts are found with Buffer.indexOf. Numbers are read from their
 * digits, and only the label and the thread name become strings (UTF-8). Decoding the whole
 * file to text would cost more than the rest; a native indexOf per tag cost a fifth of it.
 */
import { type ByteSource, decoded } from '../bytes.js';
import { digitsAt, NextByte, sameBytes, TextCache } from './byte-fields.js';
import { BadRows, LineError } from './errors.js';
import type { RawAccumulator } from './model.js';
import { RunSplitter } from './raw-runs.js';

/** Text between tags scanned byte by byte before handing over to indexOf. */
const NEAR_BYTES = 32;
/** Longest tag read; real samples' tags are a few hundred bytes. */
const MAX_TAG_BYTES = 1024 * 1024;

const LT = 60;
const GT = 62;
const NL = 10;
const SLASH = 47;
const HTTP_SAMPLE = Buffer.from('httpSample');
const SAMPLE = Buffer.from('sample');
const FALSE = Buffer.from('false');

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameStart = (c: number) => isLetter(c) || c === 95; /* _ */
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 58 || c === 46 || c === 45; /* 0-9 : . - */

/** The attributes a sample is read by (plain numbers: the build keeps enums as objects, read on every use). */
const T = 0;
const TS = 1;
const S = 2;
const LB = 3;
const TN = 4;
const NA = 5;
const ATTRS = 6;
/** An attribute by its index, T to NA. */
type Attr = number;

/** Which attribute the name buf[start, end) is; -1 for the ones not read. */
function attrOf(buf: Buffer, start: number, end: number): Attr | -1 {
  const a = buf[start];
  if (end - start === 1) return a === 116 /* t */ ? T : a === 115 /* s */ ? S : -1;
  if (end - start !== 2) return -1;
  const b = buf[start + 1];
  if (a === 116 /* t */) return b === 115 /* s */ ? TS : b === 110 /* n */ ? TN : -1;
  if (a === 108 /* l */ && b === 98 /* b */) return LB;
  return a === 110 /* n */ && b === 97 /* a */ ? NA : -1;
}

const XML_ENTITY = /&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (s.indexOf('&') === -1) return s;
  return s.replace(XML_ENTITY, (_, e: string) => {
    const named = NAMED_ENTITIES[e];
    if (named !== undefined) return named;
    const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

/** What a JTL gives: one accumulator per run it holds, and the rows read or skipped. */
export interface JtlRead {
  runs: RawAccumulator[];
  rows: number;
  bad: BadRows;
  breaks: string[];
}

/** Where each read attribute's value lies in one tag; starts at -1 when it is absent. */
class SampleTag {
  private buf: Buffer = Buffer.alloc(0);
  private readonly starts = new Int32Array(ATTRS);
  private readonly ends = new Int32Array(ATTRS);
  private readonly texts = new TextCache();

  /** Newlines inside the tag last read. */
  newlines = 0;

  /**
   * Reads the attributes from `from` up to the tag's '>' (the first, as XML has none inside a
   * tag's markup), or up to `to` when the tag goes on past it, in one pass with no regular
   * expression to backtrack. Returns the position of the '>', or -1 when `to` came first.
   */
  read(buf: Buffer, from: number, to: number): number {
    this.buf = buf;
    this.starts.fill(-1);
    this.newlines = 0;
    let i = from;
    while (i < to) {
      for (let c = buf[i]!; !isNameStart(c); c = buf[i]!) {
        if (c === GT) return i;
        if (c === NL) this.newlines++;
        if (++i === to) return -1;
      }
      const nameStart = i;
      while (i < to && isNameChar(buf[i]!)) i++;
      const nameEnd = i;
      while (i < to && buf[i] === 32) i++;
      if (i >= to || buf[i] !== 61 /* = */) continue;
      i++;
      while (i < to && buf[i] === 32) i++;
      if (i >= to) break; // read no byte past the chunk: the optimised code would start over
      const quote = buf[i];
      if (quote !== 34 && quote !== 39) continue;
      let close = i + 1;
      for (; close < to; close++) {
        const c = buf[close];
        if (c === quote) break;
        if (c === GT) return close; // an unterminated value: the tag ends here, without it
        if (c === NL) this.newlines++;
      }
      if (close >= to) return -1;
      const attr = attrOf(buf, nameStart, nameEnd);
      if (attr !== -1) {
        this.starts[attr] = i + 1;
        this.ends[attr] = close;
      }
      i = close + 1;
    }
    return -1;
  }

  has(a: Attr): boolean {
    return this.starts[a] !== -1;
  }

  text(a: Attr): string {
    return this.has(a) ? this.texts.text(this.buf, this.starts[a]!, this.ends[a]!) : '';
  }

  /** The value as a whole number of 1 to `maxDigits` digits and nothing else; -1 otherwise (or absent). */
  digits(a: Attr, maxDigits: number): number {
    return this.has(a) ? digitsAt(this.buf, this.starts[a]!, this.ends[a]!, maxDigits) : -1;
  }

  is(a: Attr, word: Uint8Array): boolean {
    return this.has(a) && sameBytes(this.buf, this.starts[a]!, this.ends[a]!, word);
  }
}

export async function parseJmeterXml(source: ByteSource, options: { signal?: AbortSignal } = {}): Promise<JtlRead> {
  const runs = new RunSplitter();
  const bad = new BadRows();
  const attrs = new SampleTag();
  let depth = 0; // depth inside sample elements
  let rows = 0;
  let line = 1; // line of the next unread byte
  let tagParts: Buffer[] | null = null; // an open tag cut by a chunk boundary
  let tagSize = 0;
  let tagLine = 0;

  const newlines = new NextByte(NL);
  const countLines = (buf: Buffer, from: number, to: number) => {
    for (let i = newlines.from(buf, from); i < to; i = newlines.from(buf, i + 1)) line++;
  };

  /** A top-level sample: its attributes checked, then counted in its run. */
  const handleSample = (at: number) => {
    const t = attrs.digits(T, 12);
    if (t < 0) {
      bad.add(at, `t="${attrs.text(T).slice(0, 20)}" is not a non-negative integer`);
      return;
    }
    let ts: number | undefined;
    if (attrs.has(TS)) {
      ts = attrs.digits(TS, 15);
      if (ts < 0) {
        bad.add(at, `ts="${attrs.text(TS).slice(0, 20)}" is not a time`);
        return;
      }
    }
    const acc = runs.place(ts, t, attrs.has(TN) ? unescapeXml(attrs.text(TN)) : undefined, at);
    if (acc === null) {
      bad.add(at, 'ts goes back in time within its thread');
      return;
    }
    acc.endpoint(unescapeXml(attrs.text(LB))).record(t, !attrs.is(S, FALSE), ts);
    if (ts !== undefined && attrs.has(NA)) {
      const na = attrs.digits(NA, 15);
      const users = na >= 0 ? na : Number(attrs.text(NA)); // na: active threads, all groups
      if (users >= 0) acc.timeline.activeUsers(ts, users);
    }
    rows++;
  };

  /** Where the name of a tag starting at buf[start] ends (letters only), or -1 when it is not a sample's. */
  const sampleNameEnd = (buf: Buffer, start: number, end: number): number => {
    let nameEnd = start;
    while (nameEnd < end && isLetter(buf[nameEnd]!)) nameEnd++;
    return sameBytes(buf, start, nameEnd, HTTP_SAMPLE) || sameBytes(buf, start, nameEnd, SAMPLE) ? nameEnd : -1;
  };

  /** The tag buf[start, end): the bytes between '<' and '>'. */
  const handleTag = (buf: Buffer, start: number, end: number, at: number) => {
    const closing = buf[start] === SLASH;
    const nameEnd = sampleNameEnd(buf, closing ? start + 1 : start, end);
    if (nameEnd === -1) return;
    if (closing) {
      depth = Math.max(0, depth - 1);
      return;
    }
    if (depth === 0) {
      attrs.read(buf, nameEnd, end);
      handleSample(at);
    }
    if (!(end > start && buf[end - 1] === SLASH)) depth++;
  };

  const feed = (chunk: Buffer) => {
    let i = 0;
    if (tagParts !== null) {
      const close = chunk.indexOf(GT);
      if (close === -1) {
        tagParts.push(Buffer.from(chunk));
        tagSize += chunk.length;
        countLines(chunk, 0, chunk.length);
        if (tagSize > MAX_TAG_BYTES) throw new LineError(tagLine, `a tag longer than ${MAX_TAG_BYTES} bytes`);
        return;
      }
      tagParts.push(chunk.subarray(0, close));
      const tag = Buffer.concat(tagParts);
      tagParts = null;
      countLines(chunk, 0, close);
      handleTag(tag, 0, tag.length, tagLine);
      i = close + 1;
    }
    const n = chunk.length;
    for (;;) {
      // The text between tags is usually one newline: scanned here, a long text left to indexOf.
      let open = i;
      const near = Math.min(n, i + NEAR_BYTES);
      for (; open < near; open++) {
        const c = chunk[open];
        if (c === LT) break;
        if (c === NL) line++;
      }
      if (open === near) {
        open = near === n ? -1 : chunk.indexOf(LT, near);
        if (open === -1) {
          countLines(chunk, near, n);
          return;
        }
        countLines(chunk, near, open);
      }
      const at = line;
      // A top-level sample's start tag, the usual tag, is read to its '>' in the same pass.
      const nameEnd = depth === 0 ? sampleNameEnd(chunk, open + 1, n) : -1;
      if (nameEnd !== -1) {
        const close = attrs.read(chunk, nameEnd, n);
        if (close !== -1) {
          line += attrs.newlines;
          handleSample(at);
          if (chunk[close - 1] !== SLASH) depth++;
          i = close + 1;
          continue;
        }
      }
      const close = chunk.indexOf(GT, open + 1);
      if (close === -1) {
        tagParts = [Buffer.from(chunk.subarray(open + 1))];
        tagSize = chunk.length - open;
        tagLine = at;
        countLines(chunk, open, chunk.length);
        return;
      }
      countLines(chunk, open, close);
      handleTag(chunk, open + 1, close, at);
      i = close + 1;
    }
  };

  for await (const chunk of decoded(source)) {
    options.signal?.throwIfAborted();
    feed(chunk);
  }
  return { runs: runs.filled(), rows, bad, breaks: runs.breaks };
}
