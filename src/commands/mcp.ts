import { parseArgs } from 'node:util';
import { Sandbox } from '../sandbox/sandbox.js';
import { createAceServer } from '../server/server.js';
import { AceStdioTransport } from '../server/stdio.js';

/**
 * How long a server whose client closed stdin may take to wind down before it exits anyway:
 * a call still running (a search in the workers, a read blocked on a slow device) must not
 * keep the process alive after its client is gone.
 */
const EXIT_GRACE_MS = 200;

const HELP = `Usage: ace mcp [--root DIR]

Serves Ace's tools, the 'ace' prompt and its resources over stdio (MCP).
  --root DIR   the project the tools may read (default: the current directory)`;

export async function run(argv: string[]): Promise<number> {
  let values: { root?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ args: argv, options: { root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    process.stderr.write(`ace mcp: ${(err as Error).message}\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open(values.root ?? process.cwd());
  } catch (err) {
    process.stderr.write(`ace mcp: ${(err as Error).message}\n`);
    return 2;
  }
  sandbox.warmSearch();
  const server = createAceServer({ sandbox });
  // Serve until the client closes stdin (the transport then closes the server).
  const closed = new Promise<void>((resolve) => (server.server.onclose = () => resolve()));
  await server.connect(new AceStdioTransport());
  await closed;
  await server.close();
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
  return 0;
}
