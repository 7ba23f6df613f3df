/**
 * The byte cap through real tools and a real MCP client (which checks each result against the
 * output schema it listed): an analyser fed 200k Locust failure rows answers under the cap on
 * both channels.
 */
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RESULT_CAP_BYTES } from '../src/tools/bound.js';
import { connectAce, type ConnectedAce } from './support/client.js';
import { makeTree, removeTree } from './support/files-tree.js';

const locust = fileURLToPath(new URL('./fixtures/loadtests/locust/', import.meta.url));
let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree({ 'README.md': 'load test\n' });
  await copyFile(path.join(locust, 'run_stats.csv'), path.join(root, 'run_stats.csv'));
  const rows = Array.from(
    { length: 200_000 },
    (_, i) => `GET,/items/${i},"HTTPError('500 Server Error: Internal Server Error for url: http://127.0.0.1:18080/items/${i}')",${1 + (i % 5)}`,
  );
  await writeFile(path.join(root, 'run_failures.csv'), `Method,Name,Error,Occurrences\n${rows.join('\n')}\n`);
  ace = await connectAce(root);
  await ace.client.listTools();
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

it('answers loadtest_summary over 200k Locust failure rows under the cap on both channels, valid for the client', async () => {
  const result = await ace.call('loadtest_summary', { paths: ['run_stats.csv', 'run_failures.csv'] });
  expect(result.isError, ace.text(result)).toBeFalsy();
  expect(Buffer.byteLength(ace.text(result))).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  expect(Buffer.byteLength(JSON.stringify(result.structuredContent))).toBeLessThanOrEqual(RESULT_CAP_BYTES);
  const data = result.structuredContent as { results: Array<{ errors: unknown[] }>; result_cut?: string };
  expect(data.results[0]!.errors.length).toBeGreaterThan(0);
  if (data.result_cut)
    expect(data.result_cut).toMatch(/^cut to fit the 40 KB cap: results\[0\]\.errors: \d+ of \d+ items\. To get the rest, narrow the request or page on with /);
}, 120_000);
