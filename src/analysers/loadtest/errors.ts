/**
 * The errors a load-test file can cause, each an EvidenceError naming the file (root-relative)
 * and, where it applies, the line. `NotAResultError` says the file is not a load-test result at
 * all (an audit skips it with the reason); `LoadTestFileError` says it is one, but one a tool
 * could not have written, or that cannot be read.
 */
import { EvidenceError } from '../../errors.js';

export class LoadTestFileError extends EvidenceError {
  override readonly name: string = 'LoadTestFileError';
  constructor(path: string, line: number | null, detail: string) {
    super(path, line, detail);
  }
}

export class NotAResultError extends EvidenceError {
  override readonly name: string = 'NotAResultError';
  constructor(
    path: string,
    readonly reason: string,
  ) {
    super(path, null, `not a recognised load-test result (${reason})`);
  }
}

/** A parser's complaint about one line, before the caller knows the file's name. */
export class LineError extends EvidenceError {
  override readonly name: string = 'LineError';
  constructor(line: number | null, detail: string) {
    super(null, line, detail);
  }
}

/**
 * Gives a parser's complaint the file's name (and keeps its line). Anything that is not the
 * caller's (a bug, an abort) passes through unchanged.
 */
export function inFile(path: string, err: unknown): unknown {
  return err instanceof EvidenceError && err.path === null ? new LoadTestFileError(path, err.line, err.detail) : err;
}

/**
 * Rows of a raw file that no tool could have written (a value out of range, a number that is
 * not one, a timestamp out of order): skipped and counted, as JMeter's report generator skips
 * a row it cannot read, unless they are more than a few, when the file is refused.
 */
export class BadRows {
  count = 0;
  private readonly first: string[] = [];
  /** Refuse the file beyond this many bad rows, and beyond this share of all rows. */
  static readonly MAX_COUNT = 10;
  static readonly MAX_SHARE = 0.01;

  add(line: number | null, reason: string): void {
    this.count++;
    if (this.first.length < 3) this.first.push(line === null ? reason : `line ${line}: ${reason}`);
  }

  /** Throws when the file has too many bad rows; else returns the note to add (or null). */
  verdict(path: string, goodRows: number, what = 'rows'): string | null {
    if (this.count === 0) return null;
    const total = goodRows + this.count;
    if (goodRows === 0 || (this.count > BadRows.MAX_COUNT && this.count > total * BadRows.MAX_SHARE)) {
      throw new LoadTestFileError(path, null, `${this.count} of ${total} ${what} could not have been written by the tool (${this.first.join('; ')})`);
    }
    return `${path}: ${this.count} of ${total} ${what} skipped as unreadable (${this.first.join('; ')})`;
  }
}
