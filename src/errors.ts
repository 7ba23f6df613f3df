/**
 * Ace's error taxonomy. A `CallerError` is a mistake the caller can fix; the server turns it
 * into an `isError` tool result carrying its message as written (src/server/errors.ts), so the
 * message must name paths relative to the project root and say what to do instead. Any other
 * error is a bug in Ace: logged, and reported as an internal error scrubbed of host paths.
 *
 * - UserInputError: bad input (a parameter out of range, a bad pattern, a missing file).
 * - EvidenceError: unreadable evidence (a file that is not what the tool expects), with the
 *   file (root-relative) and line when known.
 * - RefusedPathError: a path the sandbox refuses (outside the root, a secret, a special file).
 */
export abstract class CallerError extends Error {}

/** Bad input: a parameter, pattern or path the caller can correct. */
export class UserInputError extends CallerError {
  override readonly name: string = 'UserInputError';
}

/** A path the sandbox will not read: outside the root, denied as a secret, a special file. */
export class RefusedPathError extends CallerError {
  override readonly name: string = 'RefusedPathError';
}

/**
 * A file that is not what the tool expects (not the format, cut short, over a decoding cap).
 * A parser that does not know the file's name throws it with `path` null; the tool (or
 * `inFile`) names the file with `withPath`.
 */
export class EvidenceError extends CallerError {
  override readonly name: string = 'EvidenceError';
  constructor(
    readonly path: string | null,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(evidenceMessage(path, line, detail));
  }

  /** The same complaint naming `path` (a no-op when it already names a file). */
  withPath(path: string): EvidenceError {
    return this.path === null ? new EvidenceError(path, this.line, this.detail) : this;
  }
}

function evidenceMessage(path: string | null, line: number | null, detail: string): string {
  if (path === null) return line === null ? detail : `line ${line}: ${detail}`;
  return line === null ? `${path}: ${detail}` : `${path}:${line}: ${detail}`;
}

export function isCallerError(err: unknown): err is CallerError {
  return err instanceof CallerError;
}
