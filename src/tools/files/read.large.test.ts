import { open } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

const LINE_BYTES = 100;
const LINES = 2_000_000; // 200 MB
let root: string;
let ace: ConnectedAce;

/** Line n (1-based), exactly LINE_BYTES bytes with its newline. */
function lineText(n: number): string {
  return `line ${String(n).padStart(9, '0')} `.padEnd(LINE_BYTES - 1, 'x');
}

beforeAll(async () => {
  root = await makeTree({});
  // A block of 10,000 lines whose numbers are patched per write: a few big writes, no per-line work.
  const handle = await open(path.join(root, 'big.log'), 'w');
  const perBlock = 10_000;
  const block = Buffer.alloc(perBlock * LINE_BYTES);
  for (let i = 0; i < perBlock; i++) block.write(`${lineText(i + 1)}\n`, i * LINE_BYTES, 'latin1');
  for (let first = 1; first <= LINES; first += perBlock) {
    for (let i = 0; i < perBlock; i++) block.write(String(first + i).padStart(9, '0'), i * LINE_BYTES + 5, 'latin1');
    await handle.write(block);
  }
  await handle.close();
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

it('reads a page near the end of a 200 MB file, bounded', async () => {
  const result = await ace.call('read', { path: 'big.log', offset: LINES - 5, limit: 3 });
  expect(result.isError, ace.text(result)).toBeFalsy();
  const expected = [LINES - 5, LINES - 4, LINES - 3].map((n) => `${String(n).padStart(6)}\t${lineText(n)}`).join('\n');
  expect(ace.text(result)).toBe(`${expected}\n[lines ${LINES - 5}-${LINES - 3} shown; the file goes on: read again with offset=${LINES - 2}]`);
  expect(result.structuredContent).toMatchObject({ start_line: LINES - 5, end_line: LINES - 3, truncated: true, next_offset: LINES - 2 });
  const last = await ace.call('read', { path: 'big.log', offset: LINES, limit: 10 });
  expect(last.structuredContent).toMatchObject({ start_line: LINES, end_line: LINES, truncated: false, total_lines: LINES });
});

it('reads the first page of the 200 MB file within the 40 KB budget', async () => {
  const result = await ace.call('read', { path: 'big.log' });
  const data = result.structuredContent as { end_line: number; truncated: boolean };
  expect(data.truncated).toBe(true);
  expect(Buffer.byteLength(ace.text(result))).toBeLessThanOrEqual(40_000);
});

it('counts the 200 MB file with wc', async () => {
  const result = await ace.call('wc', { paths: ['big.log'] });
  expect((result.structuredContent as { total: unknown }).total).toEqual({
    lines: LINES,
    words: LINES * 3, // 'line', the number, the x padding
    bytes: LINES * LINE_BYTES,
    chars: LINES * LINE_BYTES,
  });
});
