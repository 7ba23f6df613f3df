/**
 * The public face of every tool — name, title, description, input and output JSON schemas,
 * annotations, _meta — as a real client sees it through tools/list, compared with a committed
 * snapshot, one file per tool (so a change reviews as the tool it touches) and the list of
 * names in order. A change here is a change clients and the skill text depend on: review it,
 * then regenerate with `npx vitest run test/schemas.test.ts -u`.
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

it('every tool schema matches its committed snapshot, and the list of tools matches', async () => {
  const { tools } = await ace.client.listTools();
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await expect(json(tools.map((t) => t.name))).toMatchFileSnapshot('__snapshots__/tools/index.json');
  for (const t of tools) {
    const shown = {
      name: t.name,
      title: t.title,
      description: t.description,
      inputSchema: t.inputSchema,
      outputSchema: t.outputSchema,
      annotations: t.annotations,
      _meta: t._meta,
    };
    await expect(json(shown)).toMatchFileSnapshot(`__snapshots__/tools/${t.name}.json`);
  }
});

it('every tool is annotated read-only, closed-world but for the Prometheus tools, with an output schema', async () => {
  const { tools } = await ace.client.listTools();
  expect(tools.length).toBeGreaterThanOrEqual(5);
  for (const tool of tools) {
    const openWorld = tool.name === 'metrics_query' || tool.name === 'metrics_red_baseline';
    expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: true, openWorldHint: openWorld });
    expect(tool.outputSchema, tool.name).toBeDefined();
  }
});
