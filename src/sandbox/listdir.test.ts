import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { listDirectory } from './listdir.js';

let outside: string;
let root: string;

beforeAll(async () => {
  outside = await makeTree({ 'secret.txt': 'OUTSIDE', 'sub/deep.txt': 'OUTSIDE' }, 'ace-outside-');
  root = await makeTree({ 'dir/a.txt': 'a', 'dir/.gitignore': 'build/\n', link: { link: outside } });
});
afterAll(async () => {
  await removeTree(root);
  await removeTree(outside);
});

describe('listDirectory', () => {
  it('lists a real directory and reads the file asked for through the same descriptor', () => {
    const listing = listDirectory(`${root}/dir`, (entries) => (entries.some((e) => e.name === '.gitignore') ? '.gitignore' : undefined));
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['.gitignore', 'a.txt']);
    expect(listing.text).toBe('build/\n');
  });

  it('refuses a directory that is a link (swapped in after the walk saw a directory)', () => {
    expect(() => listDirectory(`${root}/link`)).toThrow(/ELOOP|ENOTDIR/);
  });

  it.runIf(existsSync('/proc/self/fd'))('refuses a directory reached through a link higher on its path', () => {
    expect(() => listDirectory(`${root}/link/sub`)).toThrow(/no longer where it was listed from/);
  });
});
