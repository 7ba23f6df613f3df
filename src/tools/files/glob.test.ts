import { utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree({
    'src/old.ts': 'old',
    'src/new.ts': 'new',
    'src/mid.ts': 'mid',
    'src/util/deep.ts': 'deep',
    'src/gen/out.ts': 'generated',
    'src/keep.log': 'kept by a nested negation',
    'src/drop.log': 'dropped',
    'src/.gitignore': '*.log\n!keep.log\n',
    '.gitignore': 'src/gen/\n',
    'node_modules/pkg/index.ts': 'dep',
    '.env': 'SECRET',
    '.env.example': 'TEMPLATE',
    'certs/server.pem': 'KEY',
    '.github/workflows/ci.yml': 'ci',
  });
  const at = (rel: string, seconds: number) => utimes(path.join(root, rel), seconds, seconds);
  await at('src/old.ts', 1_000_000);
  await at('src/mid.ts', 2_000_000);
  await at('src/new.ts', 3_000_000);
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

const files = async (args: Record<string, unknown>) => {
  const result = await ace.call('glob', args);
  expect(result.isError, ace.text(result)).toBeFalsy();
  return (result.structuredContent as { files: string[] }).files;
};

describe('glob', () => {
  it('lists matches newest first, relative to the root', async () => {
    const found = await files({ pattern: 'src/*.ts' });
    expect(found).toEqual(['src/new.ts', 'src/mid.ts', 'src/old.ts']);
  });

  it('searches under a path and keeps root-relative results', async () => {
    expect(await files({ pattern: '**/*.ts', path: 'src/util' })).toEqual(['src/util/deep.ts']);
  });

  it('honours .gitignore files, nested ones and their negations, and skips node_modules', async () => {
    const found = await files({ pattern: '**/*' });
    expect(found).toContain('src/keep.log');
    expect(found).not.toContain('src/drop.log');
    expect(found).not.toContain('src/gen/out.ts');
    expect(found).not.toContain('node_modules/pkg/index.ts');
    expect(found).toContain('.github/workflows/ci.yml');
  });

  it('includes ignored files on request, never secrets', async () => {
    const found = await files({ pattern: '**/*', include_ignored: true });
    expect(found).toContain('src/drop.log');
    expect(found).toContain('src/gen/out.ts');
    expect(found).toContain('node_modules/pkg/index.ts');
    expect(found).toContain('.env.example');
    expect(found).not.toContain('.env');
    expect(found).not.toContain('certs/server.pem');
  });

  it('limits the list and reports the total', async () => {
    const result = await ace.call('glob', { pattern: 'src/**/*.ts', limit: 2 });
    // deep.ts was written last (now); the others have old mtimes.
    expect(result.structuredContent).toEqual({ files: ['src/util/deep.ts', 'src/new.ts'], total: 4, truncated: true });
    expect(ace.text(result)).toContain('2 of 4 files shown');
  });

  it('says when nothing matches', async () => {
    const result = await ace.call('glob', { pattern: '**/*.rs' });
    expect(ace.text(result)).toBe('No files found');
    expect(result.structuredContent).toEqual({ files: [], total: 0, truncated: false });
  });

  it('refuses patterns reaching outside the root', async () => {
    for (const pattern of ['../**', '/etc/*', 'src/../../*', '{..,src}/**']) {
      const result = await ace.call('glob', { pattern });
      expect(result.isError, pattern).toBe(true);
    }
  });
});
