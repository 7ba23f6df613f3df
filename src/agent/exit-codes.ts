/** The exit codes of `ace run`, documented in the README ("Headless and CI"). */
export const EXIT = {
  /** The report was written and `validate_report` found it valid. */
  valid: 0,
  /** The report was written but `validate_report` found violations. */
  invalid: 1,
  /** Bad arguments. */
  usage: 2,
  /** The API refused or failed (no key, bad key, retries exhausted, ...). */
  api: 3,
  /** The turn or token budget ran out: what was emitted so far is written. */
  budget: 4,
  /** SIGINT: what was emitted so far is written. */
  interrupted: 130,
} as const;

/** How a run ended, before the report is checked. */
export type StopReason =
  | { kind: 'finished' }
  | { kind: 'budget'; which: 'turns' | 'tokens'; limit: number }
  | { kind: 'interrupted' }
  | { kind: 'api-error'; message: string; status?: number }
  /** A bug in Ace: the files are still written, the exit code is 1. */
  | { kind: 'internal-error'; message: string; stack?: string };

/** The exit code of a run that got as far as writing its files. */
export function exitCodeFor(stop: StopReason, valid: boolean): number {
  switch (stop.kind) {
    case 'finished':
      return valid ? EXIT.valid : EXIT.invalid;
    case 'budget':
      return EXIT.budget;
    case 'interrupted':
      return EXIT.interrupted;
    case 'api-error':
      return EXIT.api;
    case 'internal-error':
      return EXIT.invalid;
  }
}
