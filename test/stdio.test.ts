/** The built CLI, spawned as `ace mcp --root <dir>`, serving the file tools over stdio. */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTree, removeTree } from './support/files-tree.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let root: string;
let client: Client;

beforeAll(async () => {
  root = await makeTree({ 'src/main.ts': 'export const answer = 42;\n', '.env': 'TOKEN=hidden\n' });
  client = new Client({ name: 'ace-stdio-test', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', '--root', root], stderr: 'pipe' }));
});

afterAll(async () => {
  await client.close();
  await removeTree(root);
});

it('lists the five file tools first, in order, read-only and closed-world', async () => {
  const { tools } = await client.listTools();
  expect(tools.slice(0, 5).map((t) => t.name)).toEqual(['read', 'glob', 'grep', 'wc', 'file']);
  for (const tool of tools.slice(0, 5)) {
    expect(tool.annotations).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(tool.outputSchema).toBeDefined();
  }
});

it("answers tools/list with the build's embedded list, equal to converting the registry now", async () => {
  const { tools } = await client.listTools();
  const { allTools } = await import('../src/tools/registry.js');
  const { toolDefinition } = await import('../src/server/tool-list.js');
  // Through JSON, as a client receives it: the SDK's client parses the answer again.
  expect(tools).toEqual(JSON.parse(JSON.stringify(allTools.map(toolDefinition))));
});

it('reads, searches and refuses over stdio', async () => {
  const read = (await client.callTool({ name: 'read', arguments: { path: 'src/main.ts' } })) as CallToolResult;
  expect(read.content[0]).toEqual({ type: 'text', text: '     1\texport const answer = 42;' });
  expect(read.structuredContent).toMatchObject({ path: 'src/main.ts', end_line: 1 });
  const grep = (await client.callTool({ name: 'grep', arguments: { pattern: 'answer\\s*=' } })) as CallToolResult;
  expect(grep.structuredContent).toMatchObject({ files: ['src/main.ts'] });
  const secret = (await client.callTool({ name: 'read', arguments: { path: '.env' } })) as CallToolResult;
  expect(secret.isError).toBe(true);
  expect(JSON.stringify(secret)).not.toContain('hidden');
});

it('refuses a root that does not exist', async () => {
  const { execFile } = await import('node:child_process');
  const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, [cli, 'mcp', '--root', `${root}/missing`], (err, _out, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
    child.stdin?.end();
  });
  expect(outcome.code).toBe(2);
  expect(outcome.stderr).toContain('project root not found');
});
