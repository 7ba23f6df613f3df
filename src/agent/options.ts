/**
 * `ace run` options: parsed from argv and the environment, checked once, before anything
 * touches the network or the disk.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The current Opus model; `--model` or `ACE_MODEL` override it. */
export const DEFAULT_MODEL = 'claude-opus-5-5';
export const DEFAULT_MAX_TURNS = 200;
/** Input + output tokens summed over every request (cache reads and writes included). */
export const DEFAULT_MAX_TOKENS = 5_000_000;
export const DEFAULT_OUT_DIR = 'ace-report';

export type Language = 'fr' | 'en';

export interface RunOptions {
  target: string;
  root: string;
  out: string;
  model: string;
  maxTurns: number;
  maxTokens: number;
  lang: Language | undefined;
  json: boolean;
}

export const RUN_HELP = `Usage: ace run <target> [options]

Runs Ace headless: the model drives the persona over Ace's own tools and writes the report.
  <target>          what to analyse (a service, a path, a feature), as you would type after /ace
  --root DIR        the project the tools may read (default: the current directory)
  --out DIR         where report.md, report.json and transcript.jsonl go (default: ./${DEFAULT_OUT_DIR})
  --model ID        the model (default: $ACE_MODEL or ${DEFAULT_MODEL})
  --max-turns N     stop after N model turns (default: ${DEFAULT_MAX_TURNS})
  --max-tokens N    stop once N tokens (input + output, all turns) are used (default: ${DEFAULT_MAX_TOKENS})
  --lang fr|en      the report's language (default: the language of <target>)
  --json            print a JSON summary of the run on stdout
  -h, --help        this help

Needs ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN); ANTHROPIC_BASE_URL is honoured.
Exit codes: 0 valid report, 1 report invalid, 2 usage error, 3 API or authentication error,
4 budget exhausted (partial report written), 130 interrupted (partial report written).`;

export type ParsedArgs = { kind: 'help' } | { kind: 'error'; message: string } | { kind: 'run'; options: RunOptions };

function positiveInt(name: string, raw: string | undefined, fallback: number): number | string {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    return `${name} must be a positive integer, got '${raw}'`;
  }
  return Number(raw);
}

/** Parses `ace run` arguments. `cwd` and `env` are passed in so tests need no process state. */
export function parseRunArgs(argv: string[], env: NodeJS.ProcessEnv, cwd: string): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string' },
        out: { type: 'string' },
        model: { type: 'string' },
        'max-turns': { type: 'string' },
        'max-tokens': { type: 'string' },
        lang: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const target = positionals.join(' ').trim();
  if (!target) return { kind: 'error', message: 'missing <target>: say what to analyse, e.g. ace run "the orders API"' };
  const maxTurns = positiveInt('--max-turns', values['max-turns'], DEFAULT_MAX_TURNS);
  if (typeof maxTurns === 'string') return { kind: 'error', message: maxTurns };
  const maxTokens = positiveInt('--max-tokens', values['max-tokens'], DEFAULT_MAX_TOKENS);
  if (typeof maxTokens === 'string') return { kind: 'error', message: maxTokens };
  const lang = values.lang;
  if (lang !== undefined && lang !== 'fr' && lang !== 'en') {
    return { kind: 'error', message: `--lang must be fr or en, got '${lang}'` };
  }
  const model = values.model ?? (env.ACE_MODEL?.trim() || DEFAULT_MODEL);
  if (!model.trim()) return { kind: 'error', message: '--model must not be empty' };
  return {
    kind: 'run',
    options: {
      target,
      root: resolve(cwd, values.root ?? '.'),
      out: resolve(cwd, values.out ?? DEFAULT_OUT_DIR),
      model,
      maxTurns,
      maxTokens,
      lang,
      json: values.json === true,
    },
  };
}

export type Credential = { apiKey: string } | { authToken: string };

/** The API credential from the environment (ANTHROPIC_API_KEY first), or undefined when there is none. */
export function resolveCredential(env: NodeJS.ProcessEnv): Credential | undefined {
  const apiKey = env.ANTHROPIC_API_KEY?.trim();
  if (apiKey) return { apiKey };
  const authToken = env.ANTHROPIC_AUTH_TOKEN?.trim();
  if (authToken) return { authToken };
  return undefined;
}

export const NO_CREDENTIAL_MESSAGE =
  'ANTHROPIC_API_KEY is not set. Export your Anthropic API key (or ANTHROPIC_AUTH_TOKEN) and run again; no request was made.';
