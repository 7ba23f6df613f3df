/** The two walks (plain readdir for `**`, fast-glob for other patterns) apply the same skip rules. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { DenyPolicy } from './policy.js';
import { walk } from './walk.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await makeTree({
    'outside/o.txt': 'o',
    'root/.gitignore': '*.log\n!keep.log\nsub/deep/\n',
    'root/.env': 'SECRET=1',
    'root/.env.example': 'SECRET=',
    'root/.hidden': 'h',
    'root/a/1.txt': '1',
    'root/a/k.pem': 'key',
    'root/a/b/2.log': '2',
    'root/a/b/keep.log': 'k',
    'root/a/b/.gitignore': 'c/\n',
    'root/a/b/c/3.txt': '3',
    'root/node_modules/x/i.js': 'i',
    'root/d/node_modules/n.js': 'n',
    'root/.git/config': 'g',
    'root/.ssh/id_rsa': 'k',
    'root/f/.aws/credentials': 'c',
    'root/private/p.txt': 'p',
    'root/sub/deep/z.txt': 'z',
    'root/sub/ok.txt': 'ok',
    'root/out-link': { link: '../outside' },
    'root/file-link': { link: 'a/1.txt' },
    'root/dir-link': { link: 'a' },
    'root/dangling': { link: 'nowhere' },
  });
  root = path.join(base, 'root');
  execFileSync('mkfifo', [path.join(root, 'a', 'pipe')]);
});

afterAll(async () => {
  await removeTree(base);
});

const list = (cwd: string, patterns: string[], includeIgnored: boolean) =>
  walk({ root, policy: new DenyPolicy({ deny: ['private/'] }), cwd, patterns, includeIgnored, onlyFiles: true }).then((r) => r.sort());

describe('walk', () => {
  it('lists every allowed, not ignored regular file, entering no link', async () => {
    expect(await list('.', ['**'], false)).toEqual(['.env.example', '.gitignore', '.hidden', 'a/1.txt', 'a/b/.gitignore', 'a/b/keep.log', 'sub/ok.txt']);
    expect(await list('.', ['**'], true)).toEqual([
      '.env.example',
      '.gitignore',
      '.hidden',
      'a/1.txt',
      'a/b/.gitignore',
      'a/b/2.log',
      'a/b/c/3.txt',
      'a/b/keep.log',
      'd/node_modules/n.js',
      'node_modules/x/i.js',
      'sub/deep/z.txt',
      'sub/ok.txt',
    ]);
  });

  it.each(['.', 'a', 'a/b', 'a/b/c', 'sub', 'sub/deep', 'f', 'node_modules'])('gives the same files from %s either way', async (cwd) => {
    for (const includeIgnored of [false, true]) {
      expect(await list(cwd, ['**'], includeIgnored)).toEqual(await list(cwd, ['**/*'], includeIgnored));
    }
  });

  it('starts from no denied or linked directory', async () => {
    expect(await list('.ssh', ['**'], true)).toEqual([]);
    expect(await list('private', ['**'], true)).toEqual([]);
    expect(await list('dir-link', ['**'], true)).toEqual([]);
    expect(await list('out-link', ['**'], true)).toEqual([]);
  });
});
