/**
 * The one place errors become MCP results, through a real MCP client: each class of the
 * caller's mistakes is an isError result with its message as written; anything else is a bug,
 * logged with its stack and shown as an internal error with no host path in it.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { DecodeLimitError } from '../analysers/bytes.js';
import { LoadTestFileError, NotAResultError } from '../analysers/loadtest/errors.js';
import { EvidenceError, RefusedPathError, UserInputError } from '../errors.js';
import { ReportShapeError } from '../report/validate/shape.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { defineTool, type AnyTool } from '../tools/define.js';
import { createAceServer } from './server.js';

let root: string;
let sandbox: Sandbox;
let client: Client;
const logged: string[] = [];

/** A tool that throws what `make` builds (given the project root). */
const throwing = (name: string, make: (root: string) => unknown): AnyTool =>
  defineTool({
    name,
    title: name,
    description: 'test',
    group: 'analyse',
    input: z.object({}),
    output: z.object({}),
    async handle() {
      throw make(sandbox.root);
    },
  });

const callerErrors: Record<string, { error: () => Error; message: string }> = {
  bad_input: { error: () => new UserInputError('give points, loadtest or little'), message: 'give points, loadtest or little' },
  refused_path: { error: () => new RefusedPathError('path escapes the project root: "../x"'), message: 'path escapes the project root: "../x"' },
  evidence: {
    error: () => new EvidenceError('results/run.jtl', 12, 'a quoted field is never closed'),
    message: 'results/run.jtl:12: a quoted field is never closed',
  },
  loadtest_file: { error: () => new LoadTestFileError('k6.json', null, 'invalid JSON'), message: 'k6.json: invalid JSON' },
  not_a_result: {
    error: () => new NotAResultError('package.json', 'no known header'),
    message: 'package.json: not a recognised load-test result (no known header)',
  },
  decode_limit: { error: () => new DecodeLimitError('larger than 64 MiB for a JSON profile'), message: 'larger than 64 MiB for a JSON profile' },
  report_shape: { error: () => new ReportShapeError('line 3: a table has 90 columns'), message: 'line 3: a table has 90 columns' },
  // A URL in a caller's message is not a host path: shown as written.
  url_in_message: { error: () => new UserInputError('no endpoint matches /api/users/{id}'), message: 'no endpoint matches /api/users/{id}' },
};

const tools: AnyTool[] = [
  ...Object.entries(callerErrors).map(([name, c]) => throwing(name, () => c.error())),
  throwing('type_error', (r) => new TypeError(`cannot read properties of undefined (reading 'x') at ${r}/src/a.ts and /etc/hosts`)),
  throwing('plain_error', (r) => new Error(`ENOENT: no such file, open '${r}/cache/x.bin'`)),
  throwing('range_error', () => new RangeError('Invalid array length at /usr/lib/node/x.js')),
  throwing('not_an_error', () => 'a thrown string from /opt/host/secret'),
];

beforeAll(async () => {
  root = await makeTree({ 'a.txt': 'a\n' });
  sandbox = await Sandbox.open(root);
  const server = createAceServer({ sandbox, tools, log: (line) => logged.push(line) });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  client = new Client({ name: 'errors-test', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
});

afterAll(async () => {
  await client.close();
  await removeTree(root);
});

const call = async (name: string) => (await client.callTool({ name, arguments: {} })) as CallToolResult;
const textOf = (r: CallToolResult) => (r.content[0]?.type === 'text' ? r.content[0].text : '');

it.each(Object.entries(callerErrors))('a caller error (%s) is an isError result with its message as written, not logged', async (name, c) => {
  logged.length = 0;
  const r = await call(name);
  expect(r.isError).toBe(true);
  expect(textOf(r)).toBe(c.message);
  expect(logged).toEqual([]);
});

it.each(['type_error', 'plain_error', 'range_error', 'not_an_error'])('a bug (%s) is an internal error with host paths scrubbed, and logged', async (name) => {
  logged.length = 0;
  const r = await call(name);
  expect(r.isError).toBe(true);
  const text = textOf(r);
  expect(text).toMatch(new RegExp(`^internal error in ${name}: .*\\(this is a bug in Ace, not in your request\\)$`));
  expect(text).not.toContain(sandbox.root);
  expect(text).not.toMatch(/\/(etc|usr|opt|tmp|home)\//);
  expect(logged).toHaveLength(1);
  expect(logged[0]).toContain(`[ace] ${name} failed`);
});

it('a bug inside the root names it as "." and other absolute paths as <path>', async () => {
  expect(textOf(await call('type_error'))).toBe(
    "internal error in type_error: cannot read properties of undefined (reading 'x') at ./src/a.ts and <path> (this is a bug in Ace, not in your request)",
  );
});

it('an error is recognised by class, not by name: a plain Error named like a caller error is a bug', async () => {
  const impostor = defineTool({
    name: 'impostor',
    title: 'impostor',
    description: 'test',
    group: 'analyse',
    input: z.object({}),
    output: z.object({}),
    async handle() {
      const err = new Error('looks like the caller');
      err.name = 'UserInputError';
      throw err;
    },
  });
  const server = createAceServer({ sandbox, tools: [impostor], log: () => {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const other = new Client({ name: 'errors-test-2', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), other.connect(clientSide)]);
  const r = (await other.callTool({ name: 'impostor', arguments: {} })) as CallToolResult;
  expect(textOf(r)).toMatch(/^internal error in impostor: looks like the caller/);
  await other.close();
});
