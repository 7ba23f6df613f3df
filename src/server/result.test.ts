/**
 * Results over the byte cap, through a real MCP client (which checks structured content
 * against the output schema it listed): cut on both channels, valid, and pointing at the
 * tool's own paging parameters or saying it has none.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { RESULT_CAP_BYTES } from '../tools/bound.js';
import { defineTool, type AnyTool } from '../tools/define.js';
import { createAceServer } from './server.js';

const many = (n: number) => Array.from({ length: n }, (_, i) => `entry number ${i} of a long listing`);

const pagedTool = defineTool({
  name: 'big_page',
  title: 'A paged tool with too much to say',
  description: 'test',
  group: 'files',
  paging: { params: ['offset', 'head_limit'] },
  input: z.object({ offset: z.number().optional(), head_limit: z.number().optional() }),
  output: z.object({ entries: z.array(z.string()), total: z.number(), truncated: z.boolean() }),
  async handle() {
    const entries = many(20_000);
    return { data: { entries, total: entries.length, truncated: false }, text: entries.join('\n') };
  },
});

const unpagedTool = defineTool({
  name: 'big_none',
  title: 'A tool without paging',
  description: 'test',
  group: 'report',
  paging: 'none',
  input: z.object({}),
  output: z.object({ markdown: z.string(), rows: z.array(z.object({ name: z.string(), n: z.number() })) }),
  async handle() {
    const markdown = `# Report\n\n${'A sentence of the report. '.repeat(4_000)}`;
    const rows = Array.from({ length: 3_000 }, (_, i) => ({ name: `row ${i}`, n: i }));
    return { data: { markdown, rows }, text: markdown };
  },
});

const inferredTool = defineTool({
  name: 'big_inferred',
  title: 'Paging taken from the input',
  description: 'test',
  group: 'analyse',
  input: z.object({ path: z.string().optional(), limit: z.number().optional() }),
  output: z.object({ items: z.array(z.string()) }),
  async handle() {
    return { data: { items: many(5_000) }, text: 'short' };
  },
});

const rigidTool = defineTool({
  name: 'big_rigid',
  title: 'A result whose lists may not shrink',
  description: 'test',
  group: 'analyse',
  input: z.object({}),
  output: z.object({ items: z.array(z.string()).min(5_000) }),
  async handle() {
    return { data: { items: many(5_000) }, text: 'short' };
  },
});

const tools: AnyTool[] = [pagedTool, unpagedTool, inferredTool, rigidTool];
let root: string;
let client: Client;

beforeAll(async () => {
  root = await makeTree({ 'a.txt': 'a\n' });
  const server = createAceServer({ sandbox: await Sandbox.open(root), tools, log: () => {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'result-cap-test', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  // Listing the tools makes the client check each result against its output schema.
  const { tools: listed } = await client.listTools();
  for (const t of listed) {
    expect(t.outputSchema).toMatchObject({ additionalProperties: false, properties: { result_cut: { type: 'string' } } });
  }
});

afterAll(async () => {
  await client.close();
  await removeTree(root);
});

const call = async (name: string) => (await client.callTool({ name, arguments: {} })) as CallToolResult;
const textOf = (r: CallToolResult) => (r.content[0] as { text: string }).text;
const bytes = (v: unknown) => Buffer.byteLength(typeof v === 'string' ? v : JSON.stringify(v));

it('cuts both channels of a paged tool to the cap, each note naming its paging parameters', async () => {
  const result = await call('big_page');
  expect(result.isError).toBeFalsy();
  expect(bytes(textOf(result))).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  expect(textOf(result)).toMatch(/\n\[output cut at 40 KB: narrow the request or page on with offset\/head_limit\]$/);
  const data = result.structuredContent as { entries: string[]; total: number; truncated: boolean; result_cut: string };
  expect(bytes(data)).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  expect(data.entries.length).toBeGreaterThan(100);
  expect(data.entries).toEqual(many(data.entries.length));
  expect(data.total).toBe(20_000);
  expect(data.truncated).toBe(true);
  expect(data.result_cut).toBe(
    `cut to fit the 40 KB cap: entries: ${data.entries.length} of 20000 items. To get the rest, narrow the request or page on with offset/head_limit`,
  );
});

it('says so when the tool has no paging parameters', async () => {
  const result = await call('big_none');
  expect(bytes(textOf(result))).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  expect(textOf(result)).toMatch(/\[output cut at 40 KB: big_none has no paging parameters: narrow the request\]$/);
  const data = result.structuredContent as { markdown: string; rows: unknown[]; result_cut: string };
  expect(bytes(data)).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  expect(data.markdown.startsWith('# Report\n\nA sentence')).toBe(true);
  expect(data.result_cut).toContain('big_none has no paging parameters: narrow the request');
});

it("takes a tool's paging parameters from its input when it declares none", async () => {
  const data = (await call('big_inferred')).structuredContent as { items: string[]; result_cut: string };
  expect(bytes(data)).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  expect(data.result_cut).toMatch(/^cut to fit the 40 KB cap: items: \d+ of 5000 items\. To get the rest, narrow the request or page on with limit$/);
});

it('answers with an error, not an invalid result, when the cut would break the output schema', async () => {
  const result = await call('big_rigid');
  expect(result.isError).toBe(true);
  expect(textOf(result)).toBe('big_rigid: the result is over the 40 KB cap and cannot be shortened; big_rigid has no paging parameters: narrow the request');
});
