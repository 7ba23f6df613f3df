/**
 * Folded stacks (Brendan Gregg's stackcollapse output, also py-spy --format raw, async-profiler
 * collapsed): one line per stack, frames root first separated by ';', then a space and a count.
 * Streamed line by line; linear in the input (no backtracking pattern runs on a frame).
 */
import { type ByteSource, type DecodeOptions } from '../bytes.js';
import { forEachLine } from '../lines.js';
import { foldedOrigin } from './origin.js';
import { CallTreeBuilder } from './call-tree.js';
import { StackAggregator, type Frame, type ProfileTop } from './top.js';
import { EvidenceError } from '../../errors.js';
import { grouped } from '../../numbers.js';

/** Frames in one stack (async-profiler's default is 2048, perf's 127). */
export const FOLDED_MAX_STACK = 100_000;
/** Distinct frames in one profile. */
export const FOLDED_MAX_FUNCTIONS = 500_000;
/** Longest line. */
export const FOLDED_MAX_LINE_BYTES = 8 * 1024 * 1024;

/** "file:line" or "file:line:col": a file without brackets, then digits. */
function isFileLine(s: string): boolean {
  if (s.length === 0 || /[()[\]]/.test(s)) return false;
  let end = s.length;
  let colons = 0;
  while (colons < 2) {
    const c = s.lastIndexOf(':', end - 1);
    if (c <= 0 || c === end - 1 || !/^\d+$/.test(s.slice(c + 1, end))) break;
    colons++;
    end = c;
  }
  return colons > 0;
}

/** Splits "name (file:line)" / "name [file:line]" frames when possible; keeps the first line's location. */
function frameOf(raw: string): Frame {
  const close = raw[raw.length - 1];
  const open = close === ')' ? raw.lastIndexOf('(') : close === ']' ? raw.lastIndexOf('[') : -1;
  if (open > 0) {
    const inner = raw.slice(open + 1, -1);
    const name = raw.slice(0, open).trimEnd();
    if (name && isFileLine(inner)) {
      // Drop a trailing ":col" so one function keeps one row.
      const parts = inner.split(':');
      const location = parts.length > 2 && /^\d+$/.test(parts[parts.length - 2]!) ? parts.slice(0, -1).join(':') : inner;
      return { name, location, origin: foldedOrigin(name, location) };
    }
  }
  return { name: raw, location: null, origin: foldedOrigin(raw, null) };
}

/** The count at the end of a folded line, or NaN. */
function countOf(line: string, sp: number): number {
  const tail = line.slice(sp + 1);
  if (!/^\d+(\.\d+)?$/.test(tail)) return NaN;
  return Number(tail);
}

export async function foldedTop(source: ByteSource, limit: number, options?: DecodeOptions, callTree = false): Promise<ProfileTop & { malformed: number }> {
  const agg = new StackAggregator(FOLDED_MAX_FUNCTIONS, callTree ? new CallTreeBuilder() : undefined);
  const keys = new Map<string, string>();
  let malformed = 0;
  await forEachLine(
    source,
    (buf, s, e, lineNo) => {
      const line = buf.toString('utf8', s, e).trimEnd();
      if (line === '' || line.startsWith('#')) return;
      const sp = line.lastIndexOf(' ');
      const count = sp === -1 ? NaN : countOf(line, sp);
      if (!Number.isFinite(count)) {
        malformed++;
        return;
      }
      const frames = line.slice(0, sp).split(';', FOLDED_MAX_STACK + 1);
      if (frames.length > FOLDED_MAX_STACK)
        throw new EvidenceError(null, lineNo, `a stack deeper than ${grouped(FOLDED_MAX_STACK)} frames (cap for folded stacks)`);
      const stack: string[] = [];
      for (let i = frames.length - 1; i >= 0; i--) {
        const raw = frames[i]!;
        let k = keys.get(raw);
        if (k === undefined) {
          k = agg.key(frameOf(raw));
          keys.set(raw, k);
        }
        stack.push(k);
      }
      agg.add(stack, count);
    },
    { ...options, maxLineBytes: FOLDED_MAX_LINE_BYTES },
  );
  const tree = callTree ? { callNodes: agg.callNodes()!, callTreeCut: agg.treeCut } : {};
  return { ...agg.top('samples', limit), ...tree, malformed };
}

/** A folded line: something, a space, a count; judged without a backtracking pattern. */
function isFoldedLine(line: string): boolean {
  const l = line.trimEnd();
  const sp = l.lastIndexOf(' ');
  return sp > 0 && !/\s/.test(l[0]!) && Number.isFinite(countOf(l, sp));
}

/**
 * True when the lines look like folded stacks: every non-blank line (at most 200 looked at)
 * is `frames count`, and unless `trustName`, at least one has a ';' (a stack of several frames)
 * so that any list of "word number" lines is not taken for a profile.
 */
export function looksFolded(lines: readonly string[], trustName = false): boolean {
  const seen = lines.filter((l) => l.trim() !== '').slice(0, 200);
  if (seen.length === 0 || !seen.every(isFoldedLine)) return false;
  return trustName || seen.some((l) => l.includes(';'));
}
