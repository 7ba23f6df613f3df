/**
 * The body of a search worker thread. It is shipped to the thread as source text
 * (`workerSource`), so it must be self-contained: no imports, only require() of node
 * built-ins inside the function.
 */
import { startsWithPrivateKey } from '../private-key.js';
import type { BatchReply, BatchRequest, FileMatches, OutputLine, SearchQuery } from './protocol.js';

function searchWorkerMain(isPrivateKey: (head: Buffer) => boolean): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const fs = require('node:fs') as typeof import('node:fs');
  const { parentPort } = require('node:worker_threads') as typeof import('node:worker_threads');
  const FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW;
  const SNIFF = 8192;

  interface Compiled {
    needle?: Buffer;
    regex?: RegExp;
    prefilter?: Buffer[];
    /** The regex without 'g', to test one candidate line. */
    single?: RegExp;
  }
  let cachedKey = '';
  let cached: Compiled = {};

  function compile(q: SearchQuery): Compiled {
    const key = `${q.fixed}\u0000${q.ignoreCase}\u0000${q.multiline}\u0000${q.pattern}`;
    if (key === cachedKey) return cached;
    const literal = q.fixed || !/[\\^$.*+?()[\]{}|]/.test(q.pattern);
    if (literal && !q.ignoreCase && q.pattern.length > 0 && !q.pattern.includes('\n')) {
      cached = { needle: Buffer.from(q.pattern, 'utf8') };
    } else {
      const source = q.fixed ? q.pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') : q.pattern;
      cached = { regex: new RegExp(source, `gm${q.ignoreCase ? 'i' : ''}${q.multiline ? 's' : ''}`) };
      if (q.prefilter?.length) {
        cached.prefilter = q.prefilter.map((p) => Buffer.from(p, 'utf8'));
        if (!q.multiline && !q.prefilter[0]!.includes('\n')) cached.single = new RegExp(source, `m${q.ignoreCase ? 'i' : ''}`);
      }
    }
    cachedKey = key;
    return cached;
  }

  /** One buffer reused for every file: allocating (and collecting) one per file costs more than the search. */
  const KEEP_SCRATCH_BYTES = 16 * 1024 * 1024;
  let scratch = Buffer.allocUnsafeSlow(1024 * 1024);
  /** The first read: the binary sniff and most files in one call. */
  const FIRST_READ_BYTES = 256 * 1024;
  /** Later reads when a search may stop early (files mode, literal). */
  const NEXT_READ_BYTES = 1024 * 1024;

  interface OpenFile {
    fd: number;
    size: number;
  }

  /** Opens a walked file without following a link or blocking; only a regular file within the size limit. */
  function openFile(abs: string, maxBytes: number): OpenFile | 'large' | 'unreadable' {
    let fd: number;
    try {
      fd = fs.openSync(abs, FLAGS);
    } catch {
      return 'unreadable';
    }
    try {
      const info = fs.fstatSync(fd);
      if (info.isFile() && info.size <= maxBytes) {
        if (info.size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.min(maxBytes, Math.max(info.size, scratch.length * 2)));
        else if (scratch.length > KEEP_SCRATCH_BYTES && info.size < KEEP_SCRATCH_BYTES) scratch = Buffer.allocUnsafeSlow(Math.max(1024 * 1024, info.size));
        return { fd, size: info.size };
      }
      fs.closeSync(fd);
      return info.isFile() ? 'large' : 'unreadable';
    } catch {
      fs.closeSync(fd);
      return 'unreadable';
    }
  }

  /** Reads the file's bytes [from, to) into the scratch buffer; returns the end reached (short at end of file). */
  function fill(file: OpenFile, from: number, to: number): number {
    let filled = from;
    while (filled < to) {
      const n = fs.readSync(file.fd, scratch, filled, to - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return filled;
  }

  /** Files mode with a literal: reads on only until the first occurrence (chunks overlap by the needle's length). */
  function containsLiteral(file: OpenFile, filled: number, needle: Buffer): boolean {
    let from = 0;
    for (;;) {
      if (scratch.subarray(0, filled).indexOf(needle, from) >= 0) return true;
      if (filled >= file.size) return false;
      from = Math.max(0, filled - needle.length + 1);
      const next = fill(file, filled, Math.min(file.size, filled + NEXT_READ_BYTES));
      if (next === filled) return false;
      filled = next;
    }
  }

  /**
   * Whether an open descriptor is still the file at `abs`. O_NOFOLLOW guards only the last
   * component: a directory on the path swapped for a link to outside the root during the
   * search would land the open elsewhere, and /proc/self/fd says where it landed. Checked only
   * for files that match, the only ones whose content is returned; where the system has no
   * /proc, the walk's own checks are all there is.
   */
  function stillAt(fd: number, abs: string): boolean {
    let real: string;
    try {
      real = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return true;
    }
    return real === abs;
  }

  /** Searches one file: sniffs its head for binary content, then reads on as far as the search needs. */
  function searchPath(abs: string, rel: string, q: SearchQuery, reply: BatchReply): void {
    const file = openFile(abs, q.maxFileBytes);
    if (file === 'large') reply.skippedLarge++;
    if (typeof file === 'string') {
      if (file === 'unreadable') reply.unreadable++;
      return;
    }
    try {
      let filled = fill(file, 0, Math.min(file.size, FIRST_READ_BYTES));
      if (scratch.subarray(0, Math.min(filled, SNIFF)).includes(0)) {
        reply.skippedBinary++;
        return;
      }
      if (isPrivateKey(scratch.subarray(0, filled))) {
        reply.unreadable++; // a private key under any name: neither content nor name
        return;
      }
      const { needle } = compile(q);
      let found: FileMatches | null;
      if (needle && q.mode === 'files') found = containsLiteral(file, filled, needle) ? { rel, count: 1 } : null;
      else {
        filled = fill(file, filled, file.size);
        found = searchFile(rel, scratch.subarray(0, filled), q);
      }
      if (!found) return;
      if (stillAt(file.fd, abs)) reply.matches.push(found);
      else reply.unreadable++;
    } catch {
      reply.unreadable++;
    } finally {
      fs.closeSync(file.fd);
    }
  }

  /** Start offsets (in `text`) of the lines that match, in order, without duplicates. */
  function matchingLineStartsLiteral(buf: Buffer, needle: Buffer, firstOnly: boolean): number[] {
    const starts: number[] = [];
    let from = 0;
    for (;;) {
      const at = buf.indexOf(needle, from);
      if (at < 0) break;
      const lineStart = buf.lastIndexOf(10, at) + 1;
      starts.push(lineStart);
      if (firstOnly) break;
      const lineEnd = buf.indexOf(10, at + needle.length);
      if (lineEnd < 0) break;
      from = lineEnd + 1;
    }
    return starts;
  }

  /** Matching [firstLineStart, lastLineStart] spans of a regex over the decoded text, or null when a match crossed a newline without multiline. */
  function matchingSpansRegex(text: string, regex: RegExp, q: SearchQuery, firstOnly: boolean): Array<[number, number]> | null {
    const spans: Array<[number, number]> = [];
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(text)) !== null) {
      const start = m.index;
      // After a final newline there is no line left: an empty match there is not a line.
      if (start === text.length && (text.length === 0 || text.endsWith('\n'))) break;
      const end = start + m[0].length;
      if (!q.multiline && m[0].includes('\n')) return null;
      const firstStart = text.lastIndexOf('\n', start - 1) + 1;
      const lastStart = m[0].length > 0 ? text.lastIndexOf('\n', end - 1) + 1 : firstStart;
      const lastStartFixed = lastStart < firstStart ? firstStart : lastStart;
      spans.push([firstStart, lastStartFixed]);
      if (firstOnly) break;
      const lineEnd = text.indexOf('\n', Math.max(end, lastStartFixed));
      if (lineEnd < 0) break;
      regex.lastIndex = lineEnd + 1;
    }
    return spans;
  }

  /** Fallback when a non-multiline pattern could match a newline: test each line on its own. */
  function matchingLinesByLine(lines: string[], regex: RegExp): number[] {
    const single = new RegExp(regex.source, regex.flags.replace('g', ''));
    const found: number[] = [];
    const count = lines.length > 0 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    for (let i = 0; i < count; i++) if (single.test(lines[i]!)) found.push(i);
    return found;
  }

  function cut(line: string, max: number): string {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    return clean.length > max ? `${clean.slice(0, max)}… [line cut at ${max} characters]` : clean;
  }

  /** Builds output lines (with context) from 0-based matching line indexes. */
  function contentLines(lines: string[], matched: number[], q: SearchQuery): OutputLine[] {
    const out: OutputLine[] = [];
    const isMatch = new Set(matched);
    let next = 0;
    for (const index of matched) {
      const from = Math.max(next, index - q.before);
      const to = Math.min(lines.length - 1, index + q.after);
      for (let i = from; i <= to; i++) {
        if (out.length >= q.maxLinesPerFile) return out;
        if (i < next) continue;
        out.push({ n: i + 1, text: cut(lines[i]!, q.maxLineChars), match: isMatch.has(i) });
      }
      next = Math.max(next, to + 1);
    }
    return out;
  }

  /**
   * Content lines straight from the bytes: only the matching lines and their context are
   * decoded. `starts` are the byte offsets of the matching lines, `indexes` their numbers.
   */
  function contentFromBytes(buf: Buffer, starts: number[], indexes: number[], q: SearchQuery): OutputLine[] {
    const out: OutputLine[] = [];
    const matched = new Set(indexes);
    const lineAt = (start: number, index: number, match: boolean): OutputLine => {
      let end = buf.indexOf(10, start);
      if (end < 0) end = buf.length;
      return { n: index + 1, text: cut(buf.toString('utf8', start, end), q.maxLineChars), match };
    };
    let emitted = -1;
    for (let k = 0; k < starts.length && out.length < q.maxLinesPerFile; k++) {
      const index = indexes[k]!;
      if (index <= emitted) continue;
      const before: OutputLine[] = [];
      let start = starts[k]!;
      for (let i = index - 1; i > emitted && before.length < q.before && start > 0; i--) {
        start = start >= 2 ? buf.lastIndexOf(10, start - 2) + 1 : 0; // a negative offset would count from the end
        before.unshift(lineAt(start, i, false));
      }
      out.push(...before, lineAt(starts[k]!, index, true));
      emitted = index;
      start = starts[k]!;
      for (let a = 1; a <= q.after && !matched.has(index + a); a++) {
        const nl = buf.indexOf(10, start);
        if (nl < 0 || nl + 1 >= buf.length) break;
        start = nl + 1;
        out.push(lineAt(start, index + a, false));
        emitted = index + a;
      }
    }
    return out.slice(0, q.maxLinesPerFile);
  }

  /**
   * Converts line start offsets into 0-based line indexes by counting newlines once. Offsets
   * into a Buffer are byte offsets (they differ from string offsets with multi-byte text).
   */
  function lineIndexes(text: string | Buffer, starts: number[]): number[] {
    const indexes: number[] = [];
    let line = 0;
    let pos = 0;
    for (const start of starts) {
      while (pos < start) {
        const nl = text.indexOf('\n', pos);
        if (nl < 0 || nl >= start) break;
        line++;
        pos = nl + 1;
      }
      pos = start;
      indexes.push(line);
    }
    return indexes;
  }

  /**
   * Line-by-line matching restricted to the lines holding `literal` (which every match
   * contains): only those lines are decoded and given to the regex.
   */
  function searchCandidateLines(rel: string, buf: Buffer, literal: Buffer, single: RegExp, q: SearchQuery): FileMatches | null {
    const starts: number[] = [];
    let from = 0;
    for (;;) {
      const at = buf.indexOf(literal, from);
      if (at < 0) break;
      const lineStart = buf.lastIndexOf(10, at) + 1;
      let lineEnd = buf.indexOf(10, at + literal.length);
      if (lineEnd < 0) lineEnd = buf.length;
      if (single.test(buf.toString('utf8', lineStart, lineEnd))) {
        starts.push(lineStart);
        if (q.mode === 'files') return { rel, count: 1 };
      }
      from = lineEnd + 1;
    }
    if (starts.length === 0) return null;
    if (q.mode === 'count') return { rel, count: starts.length };
    return { rel, count: starts.length, lines: contentFromBytes(buf, starts, lineIndexes(buf, starts), q) };
  }


  function searchFile(rel: string, buf: Buffer, q: SearchQuery): FileMatches | null {
    const { needle, regex, prefilter, single } = compile(q);
    const firstOnly = q.mode === 'files';
    if (needle) {
      if (q.mode === 'files') return buf.indexOf(needle) >= 0 ? { rel, count: 1 } : null;
      const starts = matchingLineStartsLiteral(buf, needle, false);
      if (starts.length === 0) return null;
      if (q.mode === 'count') return { rel, count: starts.length };
      return { rel, count: starts.length, lines: contentFromBytes(buf, starts, lineIndexes(buf, starts), q) };
    }
    if (prefilter && prefilter.some((p) => buf.indexOf(p) < 0)) return null;
    if (single) return searchCandidateLines(rel, buf, prefilter![0]!, single, q);
    const text = buf.toString('utf8');
    const spans = matchingSpansRegex(text, regex!, q, firstOnly);
    let matched: number[];
    let lines: string[] | undefined;
    if (spans === null) {
      lines = text.split('\n');
      matched = matchingLinesByLine(lines, regex!);
    } else {
      if (spans.length === 0) return null;
      if (firstOnly) return { rel, count: 1 };
      const firsts = lineIndexes(text, spans.map((s) => s[0]));
      const lasts = q.multiline ? lineIndexes(text, spans.map((s) => s[1])) : firsts;
      const all = new Set<number>();
      for (let i = 0; i < firsts.length; i++) for (let l = firsts[i]!; l <= lasts[i]!; l++) all.add(l);
      matched = [...all].sort((a, b) => a - b);
    }
    if (matched.length === 0) return null;
    if (q.mode !== 'content') return { rel, count: q.mode === 'files' ? 1 : matched.length };
    lines ??= text.split('\n');
    return { rel, count: matched.length, lines: contentLines(lines, matched, q) };
  }

  parentPort!.on('message', (request: BatchRequest) => {
    const reply: BatchReply = { id: request.id, matches: [], skippedBinary: 0, skippedLarge: 0, unreadable: 0 };
    const base = request.root.endsWith('/') ? request.root : `${request.root}/`;
    for (const rel of request.files) searchPath(base + rel, rel, request.query, reply);
    parentPort!.postMessage(reply);
  });
}

/** The worker's source text, for `new Worker(source, { eval: true })`. */
export const workerSource = `(${searchWorkerMain.toString()})(${startsWithPrivateKey.toString()});`;
