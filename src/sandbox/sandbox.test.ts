import { execFileSync } from 'node:child_process';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToTree, makeTree, removeTree } from '../../test/support/files-tree.js';
import { Sandbox, SearchTimeout, type SearchQuery } from './sandbox.js';

let base: string;
let root: string;
let sandbox: Sandbox;

beforeAll(async () => {
  base = await makeTree({ 'outside.txt': 'outside\n', 'app/a.txt': 'alpha\nbeta\ngamma\n', 'app/dir/b.txt': 'b\n' });
  root = path.join(base, 'app');
  await addToTree(root, {
    'link-a': { link: 'a.txt' },
    'link-dir': { link: 'dir' },
    'link-out': { link: '../outside.txt' },
    'secret.pem': 'KEY',
    'fixtures/test.pem': 'FIXTURE KEY',
    'private/notes.txt': 'private',
    'ace.config.json': JSON.stringify({ deny: ['private/'], allow: ['fixtures/*.pem'], limits: { grepTimeoutMs: 500 } }),
  });
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  sandbox = await Sandbox.open(path.join(base, 'app', '.', 'dir', '..'));
});

afterAll(async () => {
  await removeTree(base);
});

const query = (pattern: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({
  pattern,
  fixed: false,
  ignoreCase: false,
  multiline: false,
  mode: 'files',
  before: 0,
  after: 0,
  maxLinesPerFile: 100,
  maxLineChars: 200,
  maxFileBytes: 1 << 20,
  ...extra,
});

describe('Sandbox.open', () => {
  it('realpaths the root once and reads ace.config.json', () => {
    expect(sandbox.root).toBe(root);
    expect(sandbox.limits.grepTimeoutMs).toBe(500);
  });

  it('refuses a missing root', async () => {
    await expect(Sandbox.open(path.join(base, 'nope'))).rejects.toThrow('project root not found');
  });
});

describe('Sandbox.resolve', () => {
  it('follows symlinks whose target is inside, and says so', async () => {
    expect(await sandbox.resolve('link-a', 'file')).toMatchObject({ rel: 'a.txt', requested: 'link-a', viaSymlink: true, size: 17 });
    expect(await sandbox.resolve('link-dir/b.txt')).toMatchObject({ rel: 'dir/b.txt', kind: 'file', viaSymlink: true });
    expect(await sandbox.resolve('.', 'directory')).toMatchObject({ rel: '.', kind: 'directory' });
  });

  it('refuses links out, special files, kinds not expected and config-denied paths', async () => {
    await expect(sandbox.resolve('link-out')).rejects.toThrow('escapes the project root through a symbolic link: link-out');
    await expect(sandbox.resolve('pipe')).rejects.toThrow('special file refused (fifo): pipe');
    await expect(sandbox.resolve('dir', 'file')).rejects.toThrow('is a directory');
    await expect(sandbox.resolve('a.txt', 'directory')).rejects.toThrow('not a directory');
    await expect(sandbox.resolve('private/notes.txt')).rejects.toThrow('denied');
    await expect(sandbox.resolve('secret.pem')).rejects.toThrow('denied');
    expect((await sandbox.resolve('fixtures/test.pem')).rel).toBe('fixtures/test.pem');
  });
});

describe('reading', () => {
  it('reads a head and a byte range', async () => {
    const file = await sandbox.resolve('a.txt');
    expect((await sandbox.readHead(file, 5)).toString()).toBe('alpha');
    const chunks: Buffer[] = [];
    for await (const chunk of sandbox.openRead(file, { start: 6, end: 9 })) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('beta');
  });

  it('refuses a file swapped after it was resolved', async () => {
    await writeFile(path.join(root, 'swap.txt'), 'original\n');
    const file = await sandbox.resolve('swap.txt');
    await writeFile(path.join(root, 'other.txt'), 'replacement\n');
    await rename(path.join(root, 'other.txt'), path.join(root, 'swap.txt'));
    await expect(sandbox.readHead(file, 100)).rejects.toThrow('changed');
  });
});

describe('Sandbox.list', () => {
  it('lists without following links, without denied files', async () => {
    const rels = (await sandbox.list({ patterns: ['**'] })).map((e) => e.rel).sort();
    expect(rels).toEqual(['a.txt', 'ace.config.json', 'dir/b.txt', 'fixtures/test.pem', 'swap.txt']);
  });
});

describe('Sandbox.inspect', () => {
  it('describes a link without following it', async () => {
    expect(await sandbox.inspect('link-a')).toMatchObject({ kind: 'symlink', linkTarget: 'a.txt', linkState: 'ok' });
    expect(await sandbox.inspect('link-out')).toMatchObject({ kind: 'symlink', linkTarget: null, linkState: 'outside' });
    expect(await sandbox.inspect('pipe')).toMatchObject({ kind: 'fifo' });
  });
});

describe('Sandbox.search', () => {
  it('searches listed files and a walk', async () => {
    const listed = await sandbox.search(['a.txt', 'dir/b.txt'], query('^b'));
    expect(listed.matches.map((m) => m.rel).sort()).toEqual(['a.txt', 'dir/b.txt']);
    const walked = await sandbox.search({ patterns: ['**'] }, query('gamma', { mode: 'content' }));
    expect(walked.matches).toEqual([{ rel: 'a.txt', count: 1, lines: [{ n: 3, text: 'gamma', match: true }] }]);
  });

  it('gives up past the deadline and serves the next search', async () => {
    await writeFile(path.join(root, 'evil.txt'), `${'a'.repeat(50)}!\n`);
    await expect(sandbox.search(['evil.txt'], query('(a+)+$'))).rejects.toBeInstanceOf(SearchTimeout);
    expect((await sandbox.search(['a.txt'], query('alpha'))).matches).toHaveLength(1);
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    const pending = sandbox.search(['evil.txt'], query('(a+)+$'), controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow('cancelled');
  });
});
