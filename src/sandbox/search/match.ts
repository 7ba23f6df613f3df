/**
 * Grep's matching, on bytes already in memory: no file system, no threads, so it is tested
 * on its own. The search workers (worker.ts) run it on the files they read.
 */
import type { FileMatches, OutputLine, SearchQuery } from './protocol.js';

export interface Compiled {
  /** A literal searched as bytes (case-sensitive, one line). */
  needle?: Buffer;
  /** The pattern with 'g', to scan a whole text. */
  regex?: RegExp;
  /** The same pattern without 'g', to test one line. */
  line?: RegExp;
  /** Texts every match contains: files lacking one are skipped. */
  prefilter?: Buffer[];
  /** Only the lines holding prefilter[0] need the regex (it cannot match across lines). */
  candidateLines?: boolean;
}

/** Compiles a query once: the regex and its one-line twin share one source and one set of flags. */
export function compileQuery(q: SearchQuery): Compiled {
  const literal = q.fixed || !/[\\^$.*+?()[\]{}|]/.test(q.pattern);
  if (literal && !q.ignoreCase && q.pattern.length > 0 && !q.pattern.includes('\n')) return { needle: Buffer.from(q.pattern, 'utf8') };
  const source = q.fixed ? q.pattern.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') : q.pattern;
  const flags = `m${q.ignoreCase ? 'i' : ''}${q.multiline ? 's' : ''}`;
  const compiled: Compiled = { regex: new RegExp(source, `g${flags}`), line: new RegExp(source, flags) };
  if (q.prefilter?.length) {
    compiled.prefilter = q.prefilter.map((p) => Buffer.from(p, 'utf8'));
    compiled.candidateLines = !q.multiline && !q.prefilter[0]!.includes('\n');
  }
  return compiled;
}

/** Start offsets (in `text`) of the lines that match, in order, without duplicates. */
export function matchingLineStartsLiteral(buf: Buffer, needle: Buffer, firstOnly: boolean): number[] {
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
function matchingLinesByLine(lines: string[], single: RegExp): number[] {
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

export function searchBuffer(rel: string, buf: Buffer, q: SearchQuery, compiled: Compiled): FileMatches | null {
  const { needle, regex, line, prefilter, candidateLines } = compiled;
  const firstOnly = q.mode === 'files';
  if (needle) {
    if (q.mode === 'files') return buf.indexOf(needle) >= 0 ? { rel, count: 1 } : null;
    const starts = matchingLineStartsLiteral(buf, needle, false);
    if (starts.length === 0) return null;
    if (q.mode === 'count') return { rel, count: starts.length };
    return { rel, count: starts.length, lines: contentFromBytes(buf, starts, lineIndexes(buf, starts), q) };
  }
  if (prefilter && prefilter.some((p) => buf.indexOf(p) < 0)) return null;
  if (candidateLines) return searchCandidateLines(rel, buf, prefilter![0]!, line!, q);
  const text = buf.toString('utf8');
  const spans = matchingSpansRegex(text, regex!, q, firstOnly);
  let matched: number[];
  let lines: string[] | undefined;
  if (spans === null) {
    lines = text.split('\n');
    matched = matchingLinesByLine(lines, line!);
  } else {
    if (spans.length === 0) return null;
    if (firstOnly) return { rel, count: 1 };
    const firsts = lineIndexes(
      text,
      spans.map((s) => s[0]),
    );
    const lasts = q.multiline
      ? lineIndexes(
          text,
          spans.map((s) => s[1]),
        )
      : firsts;
    const all = new Set<number>();
    for (let i = 0; i < firsts.length; i++) for (let l = firsts[i]!; l <= lasts[i]!; l++) all.add(l);
    matched = [...all].sort((a, b) => a - b);
  }
  if (matched.length === 0) return null;
  if (q.mode !== 'content') return { rel, count: q.mode === 'files' ? 1 : matched.length };
  lines ??= text.split('\n');
  return { rel, count: matched.length, lines: contentLines(lines, matched, q) };
}
