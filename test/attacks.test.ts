/**
 * Escape attempts against the file tools, on a temporary tree:
 *
 *   <base>/app            the project root
 *   <base>/app-evil       a sibling sharing the root's prefix
 *   <base>/outside        a directory outside the root
 *
 * A unique marker is planted outside the root and in every secret; no result may contain
 * either, nor the host path of the temporary tree, and the server must keep serving.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from './support/client.js';
import { addToTree, makeTree, removeTree } from './support/files-tree.js';

const OUTSIDE = `OUTSIDE-${randomUUID()}`;
const SECRET = `SECRET-${randomUUID()}`;

const SECRETS = [
  '.env',
  '.env.local',
  'config/.env.production',
  'id_rsa',
  'id_ed25519.pub',
  'keys/server.pem',
  'keys/tls.key',
  'keys/client.p12',
  'keys/cert.pfx',
  '.npmrc',
  '.netrc',
  '.pgpass',
  '.aws/credentials',
  '.ssh/config',
  '.git/config',
  'nested/deep/.env',
];

let base: string;
let root: string;
let ace: ConnectedAce;
let socketServer: Server;

beforeAll(async () => {
  base = await makeTree({
    'outside/secret.txt': `${OUTSIDE}\n`,
    'outside/dir/x.txt': `${OUTSIDE}\n`,
    'app-evil/secret.txt': `${OUTSIDE}\n`,
    'app/README.md': '# app\nhello\n',
    'app/sub/inner.txt': 'inner\n',
    'app/.env.example': 'KEY=placeholder\n',
  });
  root = path.join(base, 'app');
  await addToTree(root, Object.fromEntries(SECRETS.map((s) => [s, `${SECRET}\n`])));
  await addToTree(root, {
    'link-out-file': { link: '../outside/secret.txt' },
    'link-out-abs': { link: path.join(base, 'outside/secret.txt') },
    'link-out-dir': { link: '../outside' },
    'link-evil': { link: '../app-evil' },
    chain1: { link: 'chain2' },
    chain2: { link: 'sub/chain3' },
    'sub/chain3': { link: '../../outside/secret.txt' },
    'loop-a': { link: 'loop-b' },
    'loop-b': { link: 'loop-a' },
    'self-loop': { link: 'self-loop' },
    dangling: { link: 'does-not-exist' },
    'dangling-out': { link: '../outside/nope' },
    'link-to-env': { link: '.env' },
    'link-to-ssh': { link: '.ssh' },
    'link-proc': { link: '/proc/self/root' },
    'link-environ': { link: '/proc/self/environ' },
    'link-zero': { link: '/dev/zero' },
    'link-stdin': { link: '/dev/stdin' },
    'link-fifo': { link: 'fifo' },
    'sub/link-up': { link: '..' },
    'sub/link-up2': { link: '../..' },
  });
  execFileSync('mkfifo', [path.join(root, 'fifo')]);
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer.listen(path.join(root, 'sock'), resolve));
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await new Promise((resolve) => socketServer.close(resolve));
  await removeTree(base);
});

interface Attack {
  name: string;
  tool: 'read' | 'glob' | 'grep' | 'wc' | 'file';
  args: () => Record<string, unknown>;
  /** The call must be refused (isError). Listing tools may instead answer without the forbidden entries. */
  refused?: boolean;
}

const read = (name: string, p: () => string): Attack => ({ name: `read ${name}`, tool: 'read', args: () => ({ path: p() }), refused: true });

const attacks: Attack[] = [
  read('parent traversal', () => '../outside/secret.txt'),
  read('deep parent traversal', () => '../../../../../../etc/passwd'),
  read('traversal after a real directory', () => 'sub/../../outside/secret.txt'),
  read('URL-encoded dots', () => '%2e%2e/outside/secret.txt'),
  read('URL-encoded separators', () => '%2e%2e%2foutside%2fsecret.txt'),
  read('backslash separators', () => '..\\outside\\secret.txt'),
  read('file URL', () => 'file:///etc/passwd'),
  read('home tilde', () => '~/.ssh/id_rsa'),
  read('absolute path outside the root', () => path.join(base, 'outside/secret.txt')),
  read('absolute /etc/passwd', () => '/etc/passwd'),
  read('absolute sibling sharing the prefix', () => `${root}-evil/secret.txt`),
  read('relative sibling sharing the prefix', () => '../app-evil/secret.txt'),
  read('absolute path through the root then out', () => `${root}/../outside/secret.txt`),
  read('NUL byte', () => 'README.md\0../outside/secret.txt'),
  read('symlinked file pointing out (relative)', () => 'link-out-file'),
  read('symlinked file pointing out (absolute)', () => 'link-out-abs'),
  read('symlinked directory pointing out', () => 'link-out-dir/secret.txt'),
  read('symlinked directory into the sibling', () => 'link-evil/secret.txt'),
  read('link chain ending outside', () => 'chain1'),
  read('link loop', () => 'loop-a'),
  read('self link', () => 'self-loop'),
  read('dangling link', () => 'dangling'),
  read('dangling link pointing out', () => 'dangling-out'),
  read('link inside a link climbing out', () => 'sub/link-up2/outside/secret.txt'),
  read('FIFO (must not hang)', () => 'fifo'),
  read('link to a FIFO', () => 'link-fifo'),
  read('unix socket', () => 'sock'),
  read('/proc/self/root', () => '/proc/self/root/etc/passwd'),
  read('link to /proc/self/root', () => 'link-proc/etc/passwd'),
  read('/proc/self/environ', () => '/proc/self/environ'),
  read('link to /proc/self/environ', () => 'link-environ'),
  read('/dev/zero', () => '/dev/zero'),
  read('link to /dev/zero', () => 'link-zero'),
  read('/dev/stdin', () => '/dev/stdin'),
  read('link to /dev/stdin', () => 'link-stdin'),
  ...SECRETS.map((s) => read(`secret ${s}`, () => s)),
  read('secret through ./', () => './.env'),
  read('secret through a detour', () => 'sub/../.env'),
  read('secret through a link inside', () => 'link-to-env'),
  read('secret through a linked directory', () => 'link-to-ssh/config'),
  read('secret through a link back to the root', () => 'sub/link-up/.env'),
  read('secret as an absolute path', () => `${root}/.env`),
  read('the .git directory', () => '.git'),

  { name: 'glob ../**', tool: 'glob', args: () => ({ pattern: '../**' }), refused: true },
  { name: 'glob /**', tool: 'glob', args: () => ({ pattern: '/**' }), refused: true },
  { name: 'glob {..,x}/**', tool: 'glob', args: () => ({ pattern: '{..,x}/**' }), refused: true },
  { name: 'glob **/../**', tool: 'glob', args: () => ({ pattern: '**/../**' }), refused: true },
  { name: 'glob absolute sibling', tool: 'glob', args: () => ({ pattern: `${root}-evil/*` }), refused: true },
  { name: 'glob with path ..', tool: 'glob', args: () => ({ pattern: '**', path: '..' }), refused: true },
  { name: 'glob with path through a link out', tool: 'glob', args: () => ({ pattern: '**', path: 'link-out-dir' }), refused: true },
  { name: 'glob into a linked directory', tool: 'glob', args: () => ({ pattern: 'link-out-dir/**' }) },
  { name: 'glob a static path through a link', tool: 'glob', args: () => ({ pattern: 'link-out-dir/secret.txt' }) },
  { name: 'glob everything, ignored included', tool: 'glob', args: () => ({ pattern: '**', include_ignored: true, limit: 5000 }) },
  { name: 'glob secrets by name', tool: 'glob', args: () => ({ pattern: '**/.env*', include_ignored: true }) },
  { name: 'glob a secret by exact name', tool: 'glob', args: () => ({ pattern: '.env' }) },
  { name: 'glob .git internals', tool: 'glob', args: () => ({ pattern: '.git/**' }) },
  { name: 'glob .ssh through a link', tool: 'glob', args: () => ({ pattern: 'link-to-ssh/*' }) },
  { name: 'glob keys', tool: 'glob', args: () => ({ pattern: '**/*.{pem,key,p12,pfx}' }) },

  { name: 'grep path ..', tool: 'grep', args: () => ({ pattern: 'OUTSIDE-', path: '..' }), refused: true },
  { name: 'grep path /', tool: 'grep', args: () => ({ pattern: 'OUTSIDE-', path: '/' }), refused: true },
  { name: 'grep path through a link out', tool: 'grep', args: () => ({ pattern: 'OUTSIDE-', path: 'link-out-dir' }), refused: true },
  { name: 'grep a linked file out', tool: 'grep', args: () => ({ pattern: 'OUTSIDE-', path: 'link-out-file' }), refused: true },
  { name: 'grep /proc/self/environ', tool: 'grep', args: () => ({ pattern: '=', path: '/proc/self/environ' }), refused: true },
  { name: 'grep a FIFO', tool: 'grep', args: () => ({ pattern: 'x', path: 'fifo' }), refused: true },
  { name: 'grep a secret file', tool: 'grep', args: () => ({ pattern: 'SECRET-', path: '.env', output_mode: 'content' }), refused: true },
  { name: 'grep glob ../**', tool: 'grep', args: () => ({ pattern: 'OUTSIDE-', glob: '../**' }), refused: true },
  {
    name: 'grep everything for secrets, ignored included',
    tool: 'grep',
    args: () => ({ pattern: 'SECRET-|OUTSIDE-', output_mode: 'content', include_ignored: true }),
  },
  { name: 'grep secrets with a glob', tool: 'grep', args: () => ({ pattern: '.', glob: '.env*', output_mode: 'content' }) },
  { name: 'grep the .git directory', tool: 'grep', args: () => ({ pattern: '.', path: '.git' }), refused: true },

  { name: 'wc outside', tool: 'wc', args: () => ({ paths: ['../outside/secret.txt'] }), refused: true },
  { name: 'wc a secret', tool: 'wc', args: () => ({ paths: ['.env'] }), refused: true },
  { name: 'wc /dev/zero (must not hang)', tool: 'wc', args: () => ({ paths: ['/dev/zero'] }), refused: true },
  { name: 'wc a FIFO (must not hang)', tool: 'wc', args: () => ({ paths: ['fifo'] }), refused: true },
  { name: 'wc a glob over everything', tool: 'wc', args: () => ({ paths: ['**/*'] }) },
  { name: 'wc a glob through a link', tool: 'wc', args: () => ({ paths: ['link-out-dir/**'] }) },

  { name: 'file a FIFO (must not hang)', tool: 'file', args: () => ({ path: 'fifo' }), refused: true },
  { name: 'file /dev/zero', tool: 'file', args: () => ({ path: '/dev/zero' }), refused: true },
  { name: 'file outside', tool: 'file', args: () => ({ path: '../outside/secret.txt' }), refused: true },
  { name: 'file a secret', tool: 'file', args: () => ({ path: '.env' }), refused: true },
  { name: 'file through a linked directory', tool: 'file', args: () => ({ path: 'link-out-dir/secret.txt' }), refused: true },
  { name: 'file a link pointing out', tool: 'file', args: () => ({ path: 'link-out-abs' }) },
  { name: 'file a link to a secret', tool: 'file', args: () => ({ path: 'link-to-env' }) },
];

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

function everything(result: CallToolResult): string {
  return JSON.stringify(result);
}

describe('attack suite', () => {
  it('has at least 40 distinct attempts', () => {
    expect(new Set(attacks.map((a) => a.name)).size).toBe(attacks.length);
    expect(attacks.length).toBeGreaterThanOrEqual(40);
  });

  it.each(attacks)('$name', async (attack) => {
    const result = await withDeadline(ace.call(attack.tool, attack.args()), 10_000, attack.name);
    const all = everything(result);
    expect(all).not.toContain(OUTSIDE);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(base);
    if (attack.refused) expect(result.isError, ace.text(result)).toBe(true);
    const data = result.structuredContent as Record<string, unknown> | undefined;
    const listed = [
      ...((data?.files as unknown[] | undefined) ?? []),
      ...((data?.lines as unknown[] | undefined) ?? []),
      ...((data?.counts as unknown[] | undefined) ?? []),
    ].map((entry) => (typeof entry === 'string' ? entry : ((entry as { path: string }).path ?? '')));
    for (const entry of listed) {
      expect(SECRETS).not.toContain(entry);
      expect(entry).not.toMatch(/^(link-out|link-evil|link-proc|sub\/link-up)/);
    }
  });

  it('still serves after the suite', async () => {
    const result = await ace.call('read', { path: 'README.md' });
    expect(ace.text(result)).toBe('     1\t# app\n     2\thello');
    const listing = await ace.call('glob', { pattern: '**/*.md' });
    expect((listing.structuredContent as { files: string[] }).files).toEqual(['README.md']);
  });
});
