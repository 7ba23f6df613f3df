/**
 * What every `ace` subcommand does with its arguments: parse them (with -h/--help), print the
 * help on --help, and turn a mistake into "ace NAME: message" plus the help on stderr, exit 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine {
  /** Writes the mistake and the help to stderr; returns the usage exit status (2). */
  usageError(message: string): number;
  /**
   * The parsed options and positionals, or the exit status to return at once: 0 after
   * printing the help, 2 after a usage error.
   */
  parse<const O extends ParseArgsOptionsConfig>(argv: string[], options: O): { values: ParsedValues<O>; positionals: string[] } | number;
}

/** The values parseArgs gives for `options`: a string or boolean per option, when given. */
export type ParsedValues<O extends ParseArgsOptionsConfig> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export function commandLine(name: string, help: string): CommandLine {
  const usageError = (message: string) => {
    process.stderr.write(`ace ${name}: ${message}\n${help}\n`);
    return 2;
  };
  return {
    usageError,
    parse(argv, options) {
      let parsed: { values: Record<string, unknown>; positionals: string[] };
      try {
        parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
      } catch (err) {
        return usageError((err as Error).message);
      }
      if (parsed.values.help) {
        process.stdout.write(`${help}\n`);
        return 0;
      }
      return parsed as { values: ParsedValues<typeof options>; positionals: string[] };
    },
  };
}
