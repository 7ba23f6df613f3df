import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

const FILES = 50;
let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`src/f${i}.txt`, `file ${i}\ntoken-${i}\n`])));
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

it('answers 200 concurrent calls of every tool correctly', async () => {
  const calls = Array.from({ length: 200 }, (_, k) => {
    const i = k % FILES;
    switch (k % 5) {
      case 0:
        return ace.call('read', { path: `src/f${i}.txt` }).then((r) => expect(ace.text(r)).toBe(`     1\tfile ${i}\n     2\ttoken-${i}`));
      case 1:
        return ace.call('grep', { pattern: `token-${i}$` }).then((r) => expect((r.structuredContent as { files: string[] }).files).toEqual([`src/f${i}.txt`]));
      case 2:
        return ace.call('glob', { pattern: `src/f${i}.*` }).then((r) => expect((r.structuredContent as { files: string[] }).files).toEqual([`src/f${i}.txt`]));
      case 3:
        return ace.call('wc', { paths: [`src/f${i}.txt`] }).then((r) => expect((r.structuredContent as { total: { lines: number } }).total.lines).toBe(2));
      default:
        return ace.call('file', { path: `src/f${i}.txt` }).then((r) => expect((r.structuredContent as { kind: string }).kind).toBe('text'));
    }
  });
  const settled = await Promise.allSettled(calls);
  expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
});
