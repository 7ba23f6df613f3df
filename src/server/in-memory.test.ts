/**
 * The product's in-process client (`ace run`, `ace audit`) leaves the check of structured
 * results to the server in the same process; the tests' client adds the JSON Schema check an
 * external client makes.
 */
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { connectChecked } from '../../test/support/client.js';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { LazyOutputValidator } from '../../test/support/lazy-validator.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';
import { type AceConnection, connectInMemory } from './in-memory.js';
import { callTool } from './typed-client.js';

let root: string;
beforeAll(async () => {
  root = await makeTree({ 'notes.txt': 'one\ntwo\nthree\n' });
});
afterAll(() => removeTree(root));

/** Lists the tools and calls `wc` on a fresh connection, counting the JSON Schema checks set up and the schemas ajv compiles. */
async function checksMade(connect: typeof connectInMemory): Promise<{ checks: number; compiled: number; lines: number | undefined }> {
  const checks = vi.spyOn(LazyOutputValidator.prototype, 'getValidator');
  const compile = vi.spyOn(AjvJsonSchemaValidator.prototype, 'getValidator');
  let conn: AceConnection | undefined;
  try {
    conn = await connect(await Sandbox.open(root), new Session(), () => {});
    const { tools } = await conn.client.listTools();
    const { files } = await callTool(conn.client, 'wc', { paths: ['notes.txt'] });
    const checked = checks.mock.calls.length;
    return { checks: checked === 0 ? 0 : checked / tools.filter((t) => t.outputSchema).length, compiled: compile.mock.calls.length, lines: files[0]?.lines };
  } finally {
    checks.mockRestore();
    compile.mockRestore();
    await conn?.close();
  }
}

it("sets up no JSON Schema check in the product's client: the server's zod check and the typed parse stand for it", async () => {
  expect(await checksMade(connectInMemory)).toEqual({ checks: 0, compiled: 0, lines: 3 });
});

it("checks the tests' results against each tool's published JSON Schema, as an external client does", async () => {
  const made = await checksMade(connectChecked);
  // One check per tool with an output schema; ajv compiles wc's unless this worker already has.
  expect(made.checks).toBe(1);
  expect(made.compiled).toBeLessThanOrEqual(1);
  expect(made.lines).toBe(3);
});
