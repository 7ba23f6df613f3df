/** Messages between the search pool and its worker threads. */

export interface SearchQuery {
  /** A JavaScript regular expression source, or the literal text when `fixed` is true. */
  pattern: string;
  fixed: boolean;
  ignoreCase: boolean;
  /** `.` matches newlines and a match may span lines. */
  multiline: boolean;
  mode: 'files' | 'count' | 'content';
  before: number;
  after: number;
  /** Content mode: at most this many output lines per file (the rest are only counted). */
  maxLinesPerFile: number;
  /** Content mode: longer lines are cut. */
  maxLineChars: number;
  /**
   * Texts every match contains, longest first, if known: files lacking one are skipped, and
   * without multiline only the lines holding the first are given to the regex.
   */
  prefilter?: string[];
  /** Files over this size are skipped. */
  maxFileBytes: number;
}

export interface OutputLine {
  /** 1-based line number. */
  n: number;
  text: string;
  /** False for a context line. */
  match: boolean;
}

export interface FileMatches {
  rel: string;
  /** Matching lines in the file. */
  count: number;
  /** Content mode only. */
  lines?: OutputLine[];
}

export interface BatchRequest {
  id: number;
  query: SearchQuery;
  /** The real root; each file is `root/rel`. */
  root: string;
  /** Root-relative paths. */
  files: string[];
}

export interface BatchReply {
  id: number;
  matches: FileMatches[];
  skippedBinary: number;
  skippedLarge: number;
  unreadable: number;
}
