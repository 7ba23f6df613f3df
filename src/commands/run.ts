import { EXIT } from '../agent/exit-codes.js';
import { NO_CREDENTIAL_MESSAGE, parseRunArgs, RUN_HELP, resolveCredential } from '../agent/options.js';

/** How long a finished run waits for the event loop to drain before it exits anyway. */
const EXIT_GRACE_MS = 1000;

/**
 * The files are written and the exit code is known: a handle some module left open (a
 * keep-alive socket, a worker) must not keep a CI job waiting. The timer is unref'd, so a
 * process whose loop drains exits at once, on its own.
 */
function exitSoonIfHeld(code: number): void {
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}

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
  let code: number = EXIT.invalid;
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
    code = result.exitCode;
    return code;
  } finally {
    process.off('SIGINT', onSigint);
    exitSoonIfHeld(code);
  }
}
