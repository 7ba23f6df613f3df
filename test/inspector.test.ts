/** The acceptance line: the MCP Inspector's CLI lists Ace's tools with their annotations. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTree, removeTree } from './support/files-tree.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
let root: string;

beforeAll(async () => {
  root = await makeTree({ 'a.txt': 'a\n' });
});

afterAll(async () => {
  await removeTree(root);
});

it('npx @modelcontextprotocol/inspector --cli ... --method tools/list lists the file tools, annotated', async () => {
  const { stdout } = await promisify(execFile)(
    'npx',
    ['--no-install', '@modelcontextprotocol/inspector', '--cli', 'node', 'dist/cli.js', 'mcp', '--root', root, '--method', 'tools/list'],
    { cwd: repo, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
  );
  const listed = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    tools: Array<{ name: string; annotations?: Record<string, unknown> }>;
  };
  expect(listed.tools.slice(0, 5).map((t) => t.name)).toEqual(['read', 'glob', 'grep', 'wc', 'file']);
  for (const tool of listed.tools) {
    // Only the Prometheus tools reach outside the project.
    expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: true, openWorldHint: tool.name.startsWith('metrics_') });
  }
}, 90_000);
