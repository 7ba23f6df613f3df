/**
 * Glob patterns from callers (glob, grep's glob filter, wc and analyser paths) and from the
 * project (.gitignore lines, ace.config.json's deny and allow), checked before any matcher
 * sees them. fast-glob expands braces into one pattern each (`{a,b}` twenty times is a million
 * patterns, `x{1..10000000}` ten million), and picomatch and `ignore` compile wildcards to
 * backtracking regular expressions whose cost grows as a power of the path's length with the
 * number of unbounded wildcards. Everything here is one pass over the pattern, and never
 * expands it.
 */
import { RefusedPathError, UserInputError } from '../errors.js';

/** Longer patterns are refused (a file path is at most a few hundred characters). */
export const MAX_PATTERN_CHARS = 1024;
/** Most patterns a pattern's braces may expand to. */
export const MAX_BRACE_EXPANSIONS = 1024;
/** Unbounded wildcards (`*`, extglob groups) in one path segment, and in the whole pattern. */
export const MAX_STARS_PER_SEGMENT = 2;
export const MAX_STARS = 3;
/** `**` segments in one pattern. */
export const MAX_GLOBSTARS = 2;

const RANGE = /^(?:(-?\d+)\.\.(-?\d+)|([^\\])\.\.([^\\]))(?:\.\.(-?\d+))?$/;

/** How many items a brace body that is a range (`1..10`, `a..z`, `1..100..5`) stands for; 1 if it is not a range. */
function rangeSpan(body: string): number {
  const m = RANGE.exec(body);
  if (!m) return 1;
  const step = Math.max(1, Math.abs(Number(m[5] ?? 1)) || 1);
  const from = m[1] !== undefined ? Number(m[1]) : m[3]!.codePointAt(0)!;
  const to = m[2] !== undefined ? Number(m[2]) : m[4]!.codePointAt(0)!;
  const span = Math.floor(Math.abs(to - from) / step) + 1;
  return Number.isFinite(span) ? span : Number.POSITIVE_INFINITY;
}

interface Group {
  /** Index just after the `{`. */
  start: number;
  /** Sum over the finished alternatives. */
  sum: number;
  /** Product over the groups of the alternative being read. */
  product: number;
  comma: boolean;
  nested: boolean;
}

/**
 * How many patterns the braces of `pattern` expand to, counted without expanding: a sequence
 * multiplies, alternatives add, a range counts its span, a brace with neither is literal.
 * Errs on the high side (a brace inside `[...]` or quotes counts as a group; an unclosed one
 * as if closed at the end). Stops counting past `cap`, returning `cap + 1`.
 */
export function braceExpansions(pattern: string, cap = MAX_BRACE_EXPANSIONS): number {
  const clamp = (n: number) => (n > cap ? cap + 1 : n);
  const top: Group = { start: 0, sum: 0, product: 1, comma: false, nested: false };
  const stack: Group[] = [top];
  const close = (group: Group, end: number): number => {
    if (group.comma) return clamp(group.sum + group.product);
    if (!group.nested) return clamp(Math.max(group.product, rangeSpan(pattern.slice(group.start, end))));
    return group.product;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const group = stack[stack.length - 1]!;
    if (c === '\\') i++;
    else if (c === '{') {
      group.nested = true;
      stack.push({ start: i + 1, sum: 0, product: 1, comma: false, nested: false });
    } else if (c === ',' && stack.length > 1) {
      group.sum = clamp(group.sum + group.product);
      group.product = 1;
      group.comma = true;
    } else if (c === '}' && stack.length > 1) {
      stack.pop();
      const parent = stack[stack.length - 1]!;
      parent.product = clamp(parent.product * close(group, i));
    }
  }
  while (stack.length > 1) {
    const group = stack.pop()!;
    const parent = stack[stack.length - 1]!;
    parent.product = clamp(parent.product * close(group, pattern.length));
  }
  return top.product;
}

/** Counts the unbounded wildcards of a pattern: single `*` runs and extglob groups per segment, and `**` segments. */
function wildcards(pattern: string): { stars: number; maxSegmentStars: number; globstars: number; nestedExtglob: boolean } {
  let stars = 0;
  let segmentStars = 0;
  let maxSegmentStars = 0;
  let globstars = 0;
  let extglobDepth = 0;
  let nestedExtglob = false;
  // A leading '!' negates the pattern (rg, fast-glob): the first segment starts after it.
  let segmentStart = pattern.startsWith('!') && pattern[1] !== '(' ? 1 : 0;
  const endSegment = () => {
    maxSegmentStars = Math.max(maxSegmentStars, segmentStars);
    segmentStars = 0;
  };
  for (let i = segmentStart; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '/') {
      endSegment();
      segmentStart = i + 1;
      continue;
    }
    if ('@!?*+'.includes(c) && pattern[i + 1] === '(') {
      if (extglobDepth > 0) nestedExtglob = true;
      extglobDepth++;
      stars++;
      segmentStars++;
      i++;
      continue;
    }
    if (c === ')' && extglobDepth > 0) {
      extglobDepth--;
      continue;
    }
    if (c === '*') {
      let end = i;
      while (pattern[end + 1] === '*') end++;
      const wholeSegment = i === segmentStart && (end + 1 === pattern.length || pattern[end + 1] === '/');
      if (end > i && wholeSegment) globstars++;
      else {
        stars++;
        segmentStars++;
      }
      i = end;
    }
  }
  endSegment();
  return { stars, maxSegmentStars, globstars, nestedExtglob };
}

/**
 * What makes a pattern too costly to match, in words for the caller, or undefined when it is
 * fine. Says nothing of the pattern itself (it may come from a file the caller cannot read).
 */
export function patternCostProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_CHARS) return `longer than ${MAX_PATTERN_CHARS} characters`;
  const expansions = braceExpansions(pattern);
  if (expansions > MAX_BRACE_EXPANSIONS) {
    return `braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns: use fewer {a,b} groups or a shorter {1..n} range, or a wildcard`;
  }
  const w = wildcards(pattern);
  if (w.nestedExtglob) return 'nested extglob groups are refused (each level multiplies the matching cost)';
  if (w.globstars > MAX_GLOBSTARS) return `more than ${MAX_GLOBSTARS} '**' segments: each one multiplies the matching cost; narrow the pattern`;
  if (w.maxSegmentStars > MAX_STARS_PER_SEGMENT || w.stars > MAX_STARS) {
    return `too many wildcards (at most ${MAX_STARS_PER_SEGMENT} '*' or extglob groups per path segment, ${MAX_STARS} in all): each one multiplies the matching cost; narrow the pattern`;
  }
  return undefined;
}

/**
 * Refuses a caller's glob pattern that could reach outside the root (absolute ones and any
 * `..` segment, braces included) or cost too much to match (see patternCostProblem).
 */
export function checkPattern(pattern: string): void {
  if (pattern.includes('\0')) throw new UserInputError('pattern contains a NUL byte');
  if (pattern.startsWith('/') || pattern.startsWith('~') || /^[A-Za-z]:[\\/]/.test(pattern)) {
    throw new RefusedPathError(`absolute patterns are refused: give a pattern relative to the root (and 'path' for a sub-directory)`);
  }
  const problem = patternCostProblem(pattern);
  if (problem) throw new UserInputError(`pattern refused: ${problem}`);
  if (/(^|[/{,(|@!+*?\\])\.\.($|[/},)|\\])/.test(pattern)) {
    throw new RefusedPathError(`pattern reaches outside its directory ('..' is refused): ${pattern}`);
  }
}

/** Most patterns one call may give (grep's glob filter takes several, space-separated). */
export const MAX_PATTERNS = 100;

/** checkPattern for each of one call's patterns, and the expansion cap over them all. */
export function checkPatterns(patterns: readonly string[]): void {
  if (patterns.length > MAX_PATTERNS) throw new UserInputError(`pattern refused: more than ${MAX_PATTERNS} patterns in one call`);
  let total = 0;
  for (const p of patterns) {
    checkPattern(p);
    total += braceExpansions(p);
  }
  if (total > MAX_BRACE_EXPANSIONS) {
    throw new UserInputError(`pattern refused: braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns in all: use fewer {a,b} groups or patterns`);
  }
}
