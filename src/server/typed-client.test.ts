/**
 * Typed tool calls through the real in-memory server: the structured content comes back
 * parsed by the tool's output schema, and an isError result throws ToolCallError carrying the
 * tool's message (the analysers' and the sandbox's caller errors, as written).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';
import type { AceConnection } from './in-memory.js';
import { connectChecked } from '../../test/support/client.js';
import { callTool, ToolCallError, toolCaller } from './typed-client.js';

let root: string;
let ace: AceConnection;

beforeAll(async () => {
  root = await makeTree({ 'notes.txt': 'one\ntwo\nthree\n', 'profile.cpuprofile': '{"startTime": 0}' });
  ace = await connectChecked(await Sandbox.open(root), new Session(), () => {});
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

it('returns the parsed structured content, typed from the output schema', async () => {
  const wc = await callTool(ace.client, 'wc', { paths: ['notes.txt'] });
  expect(wc.files.map((f) => [f.path, f.lines])).toEqual([['notes.txt', 3]]);
  const little = await toolCaller(ace.client)('capacity_fit', { little: { throughput: 250, latency_ms: 40 } });
  expect(little.little?.concurrency).toBeCloseTo(10, 9);
  expect(little.usl).toBeNull();
});

it('throws ToolCallError with the tool and its message on an isError result', async () => {
  const err = await callTool(ace.client, 'read', { path: '../outside.txt' }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ToolCallError);
  expect((err as ToolCallError).tool).toBe('read');
  expect((err as ToolCallError).message).toMatch(/path escapes the project root/);
  await expect(callTool(ace.client, 'capacity_fit', { little: { throughput: 250 } })).rejects.toThrow(/^Little's law needs exactly two of/);
  await expect(callTool(ace.client, 'profile_top', { path: 'profile.cpuprofile' })).rejects.toThrow(
    /^profile\.cpuprofile: not a V8 CPU profile: expected "nodes"/,
  );
});
