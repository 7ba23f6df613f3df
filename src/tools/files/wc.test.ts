import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree({
    'a.txt': 'hello world\nsecond line here\n',
    'b.txt': 'café\n',
    'src/x.ts': 'one\n',
    'src/y.ts': '  two  three\n\tfour',
    '.env': 'SECRET=1\n',
  });
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

describe('wc', () => {
  it('counts lines, words, bytes and characters like wc, per file and in total', async () => {
    const result = await ace.call('wc', { paths: ['a.txt', 'b.txt'] });
    expect(result.structuredContent).toEqual({
      files: [
        { path: 'a.txt', lines: 2, words: 5, bytes: 29, chars: 29 },
        { path: 'b.txt', lines: 1, words: 1, bytes: 6, chars: 5 },
      ],
      total: { lines: 3, words: 6, bytes: 35, chars: 34 },
      errors: [],
      truncated: false,
    });
    expect(ace.text(result)).toMatch(/\s+3\s+6\s+35\s+34 total/);
  });

  it('expands globs, in path order', async () => {
    const result = await ace.call('wc', { paths: ['src/*.ts'] });
    const data = result.structuredContent as { files: Array<{ path: string; words: number; lines: number }> };
    expect(data.files.map((f) => [f.path, f.lines, f.words])).toEqual([
      ['src/x.ts', 1, 1],
      ['src/y.ts', 1, 3],
    ]);
  });

  it('reports paths it cannot count, and fails when nothing could be counted', async () => {
    const mixed = await ace.call('wc', { paths: ['a.txt', 'missing.txt'] });
    expect(mixed.isError).toBeFalsy();
    expect((mixed.structuredContent as { errors: unknown[] }).errors).toEqual([{ path: 'missing.txt', error: 'not found: missing.txt' }]);
    const secret = await ace.call('wc', { paths: ['.env'] });
    expect(secret.isError).toBe(true);
    expect(ace.text(secret)).toContain('denied');
  });
});
