import { EXIT } from '../agent/exit-codes.js';
import { NO_CREDENTIAL_MESSAGE, parseRunArgs, RUN_HELP, resolveCredential } from '../agent/options.js';

/** `ace run <target>`: a headless analysis through the Anthropic API. */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseRunArgs(argv, process.env, process.cwd());
  if (parsed.kind === 'help') {
    process.stdout.write(`${RUN_HELP}\n`);
    return EXIT.valid;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`ace run: ${parsed.message}\n\n${RUN_HELP}\n`);
    return EXIT.usage;
  }
  const { options } = parsed;
  // Checked before the SDK and the server are even loaded: no key, no request, no wait.
  const credential = resolveCredential(process.env);
  if (!credential) {
    process.stderr.write(`ace run: ${NO_CREDENTIAL_MESSAGE}\n`);
    if (options.json) process.stdout.write(`${JSON.stringify({ exitCode: EXIT.api, stop: { kind: 'no-credentials' } })}\n`);
    return EXIT.api;
  }

  // First SIGINT: stop the run and write what was emitted. A second one: leave at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(EXIT.interrupted);
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  // A crash below is reported by the CLI with exit code 1.
  try {
    const { runHeadless } = await import('../agent/runner.js');
    const result = await runHeadless(options, credential, { stderr: process.stderr, env: process.env, signal: interrupt.signal });
    if (options.json) {
      const summary = {
        exitCode: result.exitCode,
        stop: result.stop,
        valid: result.valid ?? false,
        turns: result.turns,
        tokens: result.tokens,
        model: options.model,
        files: result.files ?? null,
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
    return result.exitCode;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
