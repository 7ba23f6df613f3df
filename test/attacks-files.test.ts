/**
 * The files the server reads for itself and the secrets it must never show (issue 16, parts
 * 3 to 5), attacked through the same MCP client as users:
 *
 * - the scanners' secret classes (and their upper-case names) are hidden from read, glob,
 *   grep, wc, file and an analyser; templates stay readable; a private key under an innocent
 *   name is refused by its content;
 * - a .gitignore that is a link to /dev/zero, to a FIFO or out of the root, a FIFO itself,
 *   oversize, or swapped while walking, is treated as absent: no hang, no outside rule;
 * - an ace.config.json that is a FIFO, a link or not JSON stops the built CLI at once, with a
 *   message quoting nothing of it;
 * - brace bombs and costly wildcards end in a clear error, fast, through the real server.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from './support/client.js';
import { addToTree, makeTree, removeTree } from './support/files-tree.js';
import { spawnAce, textOf, type HostileServer } from './support/hostile-server.js';

const SECRET = `SECRET-${randomUUID()}`;
const OUTSIDE = `OUTSIDE-${randomUUID()}`;
const KEY = `KEYBODY${randomUUID().replaceAll('-', '')}`;
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** One file per class of secret-names.ts, and upper-case variants. */
const SECRETS = [
  'id_dsa',
  'id_ecdsa',
  'id_ecdsa_sk',
  'id_ed25519_sk',
  'keys/deploy_rsa',
  'keys/putty.ppk',
  '.git-credentials',
  '.gitconfig',
  '.yarnrc.yml',
  '.pypirc',
  'pip.conf',
  '.gem/credentials',
  '.cargo/credentials.toml',
  '.composer/auth.json',
  'auth.json',
  '.nuget/NuGet/NuGet.Config',
  'settings-security.xml',
  '.m2/settings.xml',
  '.gradle/gradle.properties',
  '.docker/config.json',
  '.dockercfg',
  'kubeconfig',
  '.kube/config',
  '.aws/config',
  '.azure/accessTokens.json',
  '.config/gcloud/application_default_credentials.json',
  '.config/gcloud/credentials.db',
  '.boto',
  '.s3cfg',
  '.vault-token',
  '.terraformrc',
  'terraform.rc',
  'credentials.tfrc.json',
  'infra/terraform.tfstate',
  'infra/terraform.tfstate.backup',
  'infra/prod.tfvars',
  'deploy/my-service-account.json',
  'keys/release.jks',
  'keys/app.keystore',
  'keys/AuthKey_X1.p8',
  'vault.kdbx',
  '.htpasswd',
  '.envrc',
  'docker/prod.env',
  '.env-prod',
  '.env.staging',
  '_netrc',
  '.my.cnf',
  'credentials',
  'config/secrets.yml',
  '.ENV',
  '.Env.Local',
  'ID_RSA',
  'keys/Secret.PEM',
  'CREDENTIALS.JSON',
];
const TEMPLATES = ['.env.example', '.env.sample', '.env.template', '.env.dist', '.env.defaults', 'sample.env', '.npmrc.example', 'credentials.json.dist'];
const KEY_FILES = ['notes.txt', 'results/k6-summary.json', 'docs/readme-key.md'];
const PRIVATE_KEY = `\n\n-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY}\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n`;

function everything(result: CallToolResult): string {
  return JSON.stringify(result);
}

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

/** The paths a listing tool returned. */
function listed(result: CallToolResult): string[] {
  const data = result.structuredContent as Record<string, unknown> | undefined;
  return [...((data?.files as unknown[]) ?? []), ...((data?.lines as unknown[]) ?? []), ...((data?.counts as unknown[]) ?? [])].map((e) =>
    typeof e === 'string' ? e : ((e as { path: string }).path ?? ''),
  );
}

describe('secrets by name and by content', () => {
  let base: string;
  let ace: ConnectedAce;

  beforeAll(async () => {
    base = await makeTree({ 'app/README.md': '# app\n' });
    const root = path.join(base, 'app');
    await addToTree(root, Object.fromEntries(SECRETS.map((s) => [s, `${SECRET}\n`])));
    await addToTree(root, Object.fromEntries(TEMPLATES.map((s) => [s, 'TEMPLATE=placeholder\n'])));
    await addToTree(root, Object.fromEntries(KEY_FILES.map((s) => [s, PRIVATE_KEY])));
    await addToTree(root, { 'results/ok.txt': 'plain\n', 'bom-key.txt': Buffer.from(`\uFEFF${PRIVATE_KEY}`) });
    ace = await connectAce(root);
  });

  afterAll(async () => {
    await ace.close();
    await removeTree(base);
  });

  const expectClean = (result: CallToolResult) => {
    const all = everything(result);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(base);
    for (const entry of listed(result)) expect(SECRETS).not.toContain(entry);
  };

  it.each(SECRETS)('read, file and wc refuse %s', async (secret) => {
    for (const [tool, args] of [
      ['read', { path: secret }],
      ['file', { path: secret }],
      ['wc', { paths: [secret] }],
      ['grep', { pattern: '.', path: secret, output_mode: 'content' }],
      ['loadtest_summary', { paths: [secret] }],
    ] as const) {
      const result = await ace.call(tool, args);
      expectClean(result);
      const counted = (result.structuredContent as { files?: unknown[] } | undefined)?.files;
      if (tool === 'wc' && !result.isError) expect(counted).toEqual([]);
      else expect(result.isError, `${tool} ${secret}`).toBe(true);
    }
  });

  it.each([...KEY_FILES, 'bom-key.txt'])('refuses a private key under the innocent name %s', async (file) => {
    for (const [tool, args] of [
      ['read', { path: file }],
      ['read', { path: file, offset: 3 }],
      ['file', { path: file }],
      ['loadtest_summary', { paths: [file] }],
    ] as const) {
      const result = await ace.call(tool, args);
      expectClean(result);
      expect(result.isError, `${tool} ${file}`).toBe(true);
      expect(textOf(result)).toMatch(/private key/);
    }
    const counted = await ace.call('wc', { paths: [file] });
    expectClean(counted);
    expect(everything(counted)).toMatch(/private key/);
  });

  it('lists, greps, counts and analyses everything without a secret name or content', async () => {
    const calls: Array<[string, Record<string, unknown>]> = [
      ['glob', { pattern: '**', include_ignored: true, limit: 5000 }],
      ['glob', { pattern: '**/.*', include_ignored: true }],
      ['glob', { pattern: '**/*.{pem,PEM,json,JSON,env,ENV,toml,tfstate,p8,jks,keystore}' }],
      ['grep', { pattern: 'SECRET-', output_mode: 'content', include_ignored: true, '-i': true }],
      ['grep', { pattern: 'SECRET-', output_mode: 'files_with_matches', include_ignored: true }],
      ['grep', { pattern: 'SECRET-', output_mode: 'count', glob: '*.{json,toml,env,yml}' }],
      ['wc', { paths: ['**/*', '.*', '**/.*'] }],
      ['loadtest_summary', { paths: ['**/*.json'] }],
    ];
    for (const [tool, args] of calls) expectClean(await ace.call(tool, args));
  });

  // The search worker (src/sandbox/search/worker.ts, owned elsewhere) reads files itself: until
  // it applies startsWithPrivateKey to the head it reads, grep shows a key under an innocent
  // name. Flip to it() when it does.
  it('grep shows nothing of a private key under an innocent name', async () => {
    for (const mode of ['content', 'files_with_matches', 'count']) {
      const result = await ace.call('grep', { pattern: 'KEYBODY|PRIVATE KEY', output_mode: mode, include_ignored: true });
      expectClean(result);
      expect(listed(result)).toEqual([]);
    }
  });

  it('keeps templates readable', async () => {
    for (const file of TEMPLATES) {
      const result = await ace.call('read', { path: file });
      expect(result.isError, file).toBeFalsy();
      expect(textOf(result)).toContain('TEMPLATE=placeholder');
    }
    const listing = await ace.call('glob', { pattern: '**/*', include_ignored: true, limit: 5000 });
    expect(listing.structuredContent).toMatchObject({ files: expect.arrayContaining(TEMPLATES) });
  });
});

describe('hostile .gitignore files', () => {
  let base: string;
  const roots: Record<string, string> = {};
  const servers: ConnectedAce[] = [];

  /** Each case is its own project: a root holding `visible.txt` and `sub/deep.txt`, plus the hostile .gitignore. */
  const CASES: Record<string, (root: string) => void> = {
    'root .gitignore linked to /dev/zero': (root) => symlinkSync('/dev/zero', path.join(root, '.gitignore')),
    'root .gitignore that is a FIFO': (root) => execFileSync('mkfifo', [path.join(root, '.gitignore')]),
    'root .gitignore linked to a FIFO': (root) => {
      execFileSync('mkfifo', [path.join(root, 'pipe')]);
      symlinkSync('pipe', path.join(root, '.gitignore'));
    },
    'nested .gitignore linked to /dev/zero': (root) => symlinkSync('/dev/zero', path.join(root, 'sub/.gitignore')),
    'nested .gitignore linked to a FIFO': (root) => {
      execFileSync('mkfifo', [path.join(root, 'pipe')]);
      symlinkSync('../pipe', path.join(root, 'sub/.gitignore'));
    },
    'root .gitignore linked outside (its rules would hide every file)': (root) => symlinkSync('../outside/rules', path.join(root, '.gitignore')),
    'nested .gitignore linked outside': (root) => symlinkSync('../../outside/rules', path.join(root, 'sub/.gitignore')),
    'oversize .gitignore': (root) => writeFileSync(path.join(root, '.gitignore'), `*\n${'#'.repeat(1024 * 1024)}\n`),
    '.gitignore of costly patterns': (root) => writeFileSync(path.join(root, '.gitignore'), '**/a/**/a/**/a/**/b\n*a*a*a*a*b\n'),
  };

  beforeAll(async () => {
    base = await makeTree({ 'outside/rules': `*\n!.gitignore\n# ${OUTSIDE}\n` });
    for (const [name, make] of Object.entries(CASES)) {
      const root = path.join(base, `p${Object.keys(roots).length}`);
      await addToTree(root, { 'visible.txt': 'v\n', 'sub/deep.txt': 'd\n' });
      make(root);
      roots[name] = root;
    }
  });

  afterAll(async () => {
    for (const s of servers) await s.close();
    await removeTree(base);
  });

  it.each(Object.keys(CASES))('%s: treated as absent, no hang, nothing of it shown', async (name) => {
    const ace = await connectAce(roots[name]!);
    servers.push(ace);
    for (const [tool, args] of [
      ['glob', { pattern: '**' }],
      ['glob', { pattern: '**/*.txt', path: 'sub' }],
      ['grep', { pattern: '.', output_mode: 'files_with_matches' }],
      ['grep', { pattern: '.', path: 'sub' }],
      ['wc', { paths: ['**/*.txt'] }],
    ] as const) {
      const started = performance.now();
      const result = await withDeadline(ace.call(tool, args), 10_000, `${tool} in ${name}`);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(everything(result)).not.toContain(OUTSIDE);
      expect(result.isError, textOf(result)).toBeFalsy();
      if ('path' in args) expect(listed(result)).toContain('sub/deep.txt');
      else expect(listed(result)).toEqual(expect.arrayContaining(['sub/deep.txt', 'visible.txt']));
    }
  });

  it('a .gitignore swapped for a link to /dev/zero or a FIFO while walking', async () => {
    const root = path.join(base, 'swap');
    await addToTree(root, { 'visible.txt': 'v\n', 'sub/deep.txt': 'd\n', 'sub/.gitignore': 'nothing\n' });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const ace = await connectAce(root);
    servers.push(ace);
    const target = path.join(root, 'sub/.gitignore');
    let n = 0;
    const swapper = setInterval(() => {
      const tmp = path.join(root, `.swap-${n++}`);
      const kind = n % 3;
      if (kind === 0) writeFileSync(tmp, 'nothing\n');
      else symlinkSync(kind === 1 ? '/dev/zero' : '../pipe', tmp);
      renameSync(tmp, target);
    }, 1);
    try {
      const until = performance.now() + 1500;
      while (performance.now() < until) {
        const result = await withDeadline(ace.call('glob', { pattern: '**/*.txt' }), 5000, 'glob while swapping');
        expect(listed(result)).toEqual(expect.arrayContaining(['sub/deep.txt', 'visible.txt']));
      }
    } finally {
      clearInterval(swapper);
    }
  });
});

describe('hostile ace.config.json (the built CLI)', () => {
  let base: string;

  beforeAll(async () => {
    base = await makeTree({ 'outside/config.json': `{"deny": ["${OUTSIDE}"]}\n` });
  });

  afterAll(async () => {
    await removeTree(base);
  });

  function runCli(args: string[]): Promise<{ code: number | null; stderr: string; ms: number }> {
    const started = performance.now();
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [cli, ...args], { timeout: 15_000 }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr, ms: performance.now() - started });
      });
      child.stdin?.end();
    });
  }

  const CONFIGS: Record<string, (file: string) => void> = {
    'a FIFO': (file) => execFileSync('mkfifo', [file]),
    'a link to /dev/zero': (file) => symlinkSync('/dev/zero', file),
    'a link pointing outside': (file) => symlinkSync('../../outside/config.json', file),
    'not JSON, holding a marker': (file) => writeFileSync(file, `{"deny": [${OUTSIDE}]}`),
    'of the wrong shape, holding a marker': (file) => writeFileSync(file, `{"${OUTSIDE}": ["${OUTSIDE}"], "deny": "${OUTSIDE}"}`),
  };

  it.each(Object.keys(CONFIGS))('ace mcp stops at once on a config that is %s, quoting nothing', async (name) => {
    const root = path.join(base, `mcp-${Object.keys(CONFIGS).indexOf(name)}`, 'app');
    await addToTree(root, { 'README.md': 'x\n' });
    CONFIGS[name]!(path.join(root, 'ace.config.json'));
    const { code, stderr, ms } = await runCli(['mcp', '--root', root]);
    expect(code, stderr).toBe(2);
    expect(ms).toBeLessThan(10_000);
    expect(stderr).toMatch(/^ace mcp: ace\.config\.json /);
    expect(stderr).not.toContain(OUTSIDE);
    expect(stderr).not.toContain('/dev/zero');
  });

  it('ace audit stops the same way', async () => {
    const root = path.join(base, 'audit', 'app');
    await addToTree(root, { 'README.md': 'x\n' });
    execFileSync('mkfifo', [path.join(root, 'ace.config.json')]);
    const { code, stderr, ms } = await runCli(['audit', root, '--out', path.join(base, 'audit-out')]);
    expect(code, stderr).toBe(2);
    expect(ms).toBeLessThan(10_000);
    expect(stderr).toMatch(/ace\.config\.json is not a regular file/);
  });
});

describe('brace bombs and costly wildcards (the real server)', () => {
  let base: string;
  let server: HostileServer;

  beforeAll(async () => {
    base = await makeTree({ 'app/probe.txt': 'probe\n', 'app/results/a.csv': 'x\n' });
    server = await spawnAce(path.join(base, 'app'));
  });

  afterAll(async () => {
    await server.close();
    await removeTree(base);
  });

  const bombs = ['{a,b}'.repeat(20), 'x{1..10000000}', `**/*.{${'a,'.repeat(2000)}b}`, '*a*a*a*a*a*a*b', '**/a/**/a/**/a/**/b', '+(+(+(a)))*'];
  const calls = bombs.flatMap((bomb) => [
    { tool: 'glob', args: { pattern: bomb } },
    { tool: 'grep', args: { pattern: 'x', glob: bomb } },
    { tool: 'wc', args: { paths: [bomb] } },
    { tool: 'loadtest_summary', args: { paths: [`results/${bomb}`] } },
  ]);

  calls.push({ tool: 'grep', args: { pattern: 'x', glob: Array(50).fill('{a,b}'.repeat(9)).join(' ') } });

  it.each(calls)('$tool with $args ends in a clear error, fast', async ({ tool, args }) => {
    const outcome = await server.underLoad(tool, args, 'probe.txt');
    const text = everything(outcome.result);
    expect(text).toMatch(/pattern refused: (braces expand|too many wildcards|more than 2 '\*\*'|nested extglob|longer than)/);
    if (tool !== 'wc') expect(outcome.result.isError).toBe(true);
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    expect(outcome.maxReadMs).toBeLessThan(1000);
    expect(outcome.peakRssBytes).toBeLessThan(512 * 1024 * 1024);
  });
});
