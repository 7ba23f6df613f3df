/**
 * A mistake the caller can fix (bad path, denied file, bad pattern, rule violation).
 * The registry turns it into an `isError` tool result carrying `message` as is, so the
 * message must name paths relative to the project root and say what to do instead.
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(
    message: string,
    /** Optional structured detail (e.g. the violations of a table's rules). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isUserInputError(err: unknown): err is UserInputError {
  return err instanceof UserInputError;
}
