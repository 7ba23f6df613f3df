import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { createAceServer } from '../server/server.js';

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
  const server = createAceServer({ sandbox });
  await server.connect(new StdioServerTransport());
  // Serve until the client closes stdin.
  await new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.close();
  return 0;
}
