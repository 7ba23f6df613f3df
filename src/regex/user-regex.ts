/**
 * The one way to run a caller's regular expression on the main thread: RE2 semantics (re2js,
 * a pure-JavaScript port of RE2) match in time linear in the input, so no pattern can
 * backtrack catastrophically. `(a+)+$` against 100k characters takes milliseconds, not ages.
 *
 * Linear is not free: the cost grows with the pattern's size times the text's length. The
 * pattern's length is capped, and one compiled matcher has a total work budget (about a second
 * of matching at worst; a text seen before costs nothing) past which `test` throws a
 * UserInputError, so a filter applied to many strings cannot freeze the process either. For text files, grep's worker pool runs JavaScript
 * regexes off the main thread under a deadline instead.
 */
import { RE2JS } from 're2js';
import { UserInputError } from '../errors.js';

/** Longest pattern accepted. */
export const USER_REGEX_MAX_CHARS = 1_000;
/** Work one matcher may do, in program instructions times characters matched. */
export const USER_REGEX_WORK_BUDGET = 300_000_000;
/** Answers remembered per matcher (for texts up to CACHED_TEXT_CHARS), so repeated texts cost nothing. */
const CACHE_ENTRIES = 10_000;
const CACHED_TEXT_CHARS = 1_000;

export interface UserRegex {
  /** The pattern as given. */
  readonly source: string;
  /** Whether the pattern matches anywhere in `text` (like RegExp.prototype.test, without state). */
  test(text: string): boolean;
}

export interface UserRegexOptions {
  /** 'i' case-insensitive, 's' dot matches newline, 'm' ^ and $ match at line breaks. */
  flags?: string;
  /** What the pattern is, for error messages (default "regular expression"). */
  what?: string;
  /** Overrides USER_REGEX_WORK_BUDGET. */
  workBudget?: number;
}

const FLAG_BITS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, s: RE2JS.DOTALL, m: RE2JS.MULTILINE };

function flagBits(flags: string): number {
  let bits = 0;
  for (const f of flags) {
    const bit = FLAG_BITS[f];
    if (bit === undefined) throw new Error(`unsupported regex flag '${f}' (use i, s or m)`);
    bits |= bit;
  }
  return bits;
}

/** Instructions in the compiled program (re2js keeps it on an internal field; the pattern length stands in if it moves). */
function programSize(re: RE2JS, pattern: string): number {
  const prog = (re.re2() as { prog?: { numInst?: () => number } }).prog;
  const n = typeof prog?.numInst === 'function' ? prog.numInst() : NaN;
  return Number.isFinite(n) && n > 0 ? n : pattern.length + 2;
}

/**
 * Compiles a caller's pattern (RE2 syntax: JavaScript's without look-around or
 * back-references). Throws a UserInputError for a pattern that is too long or invalid.
 */
export function compileUserRegex(pattern: string, options: UserRegexOptions = {}): UserRegex {
  const what = options.what ?? 'regular expression';
  if (pattern.length > USER_REGEX_MAX_CHARS) {
    throw new UserInputError(`${what} too long (${pattern.length} characters, at most ${USER_REGEX_MAX_CHARS})`);
  }
  const bits = flagBits(options.flags ?? '');
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, bits);
  } catch (err) {
    const detail = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    throw new UserInputError(`invalid ${what} (RE2 syntax, no look-around or back-references): ${detail}`);
  }
  const cost = programSize(re, pattern);
  let budget = options.workBudget ?? USER_REGEX_WORK_BUDGET;
  const seen = new Map<string, boolean>();
  return {
    source: pattern,
    test(text: string): boolean {
      const known = seen.get(text);
      if (known !== undefined) return known;
      budget -= cost * (text.length + 1);
      if (budget < 0) {
        throw new UserInputError(`${what} too costly for this much text: simplify it (fewer and smaller repetitions) or narrow the input`);
      }
      const found = re.test(text);
      if (text.length <= CACHED_TEXT_CHARS && seen.size < CACHE_ENTRIES) seen.set(text, found);
      return found;
    },
  };
}
