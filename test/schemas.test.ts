/**
 * The public face of every tool — name, title, description, input and output JSON schemas,
 * annotations — as a real client sees it through tools/list, compared with a committed
 * snapshot. A change here is a change clients and the skill text depend on: review it, then
 * regenerate with `npx vitest run test/schemas.test.ts -u`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from './support/client.js';

let dir: string;
let ace: ConnectedAce;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ace-schemas-'));
  ace = await connectAce(dir);
});

afterAll(async () => {
  await ace.close();
  await rm(dir, { recursive: true, force: true });
});

it('every tool schema matches the committed snapshot', async () => {
  const { tools } = await ace.client.listTools();
  const shown = tools.map((t) => ({
    name: t.name,
    title: t.title,
    description: t.description,
    inputSchema: t.inputSchema,
    outputSchema: t.outputSchema,
    annotations: t.annotations,
  }));
  await expect(`${JSON.stringify(shown, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/tools.json');
});

it('every tool is annotated read-only and closed-world, with an output schema', async () => {
  const { tools } = await ace.client.listTools();
  expect(tools.length).toBeGreaterThanOrEqual(5);
  for (const tool of tools) {
    expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: true, openWorldHint: false });
    expect(tool.outputSchema, tool.name).toBeDefined();
  }
});
