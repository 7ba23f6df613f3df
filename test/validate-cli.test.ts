import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'reports');
const tmp = mkdtempSync(join(tmpdir(), 'ace-validate-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ace(...args: string[]) {
  const r = spawnSync('node', [cli, 'validate', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ace validate', () => {
  it('exits 0 on a clean report and says so', () => {
    const file = join(fixtures, 'clean.en.md');
    const r = ace(file, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${file}: ok: 0 error(s)`);
  });

  it('exits 1 with FILE:LINE rule-id lines and a summary', () => {
    const file = join(fixtures, 'seed-tables.md');
    const r = ace(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+ unquantified-placeholder `, 'm'));
    expect(r.stdout).toMatch(/: FAILED: \d+ error\(s\), \d+ warning\(s\)/);
  });

  it('prints the result object with --json', () => {
    const file = join(tmp, 'mixed.md');
    writeFileSync(file, '# Rapport\n\nLe cache rend la page plus rapide pour tous les clients du site.\n');
    const r = ace(file, '--json', '--lang', 'fr');
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { ok: boolean; violations: Array<{ rule: string; line: number }> };
    expect(result.ok).toBe(false);
    expect(result.violations).toContainEqual(expect.objectContaining({ rule: 'unquantified-comparative', line: 3 }));
  });

  it('is listed by ace --help and has its own --help', () => {
    expect(spawnSync('node', [cli, '--help'], { encoding: 'utf8' }).stdout).toMatch(/ace validate /);
    const r = ace('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ace validate FILE');
  });

  it.each([
    [[], 'missing FILE'],
    [[join(tmp, 'nope.md')], 'no such file'],
    [[join(fixtures, 'clean.en.md'), '--lang', 'de'], '--lang must be fr or en'],
    [[join(fixtures, 'clean.en.md'), '--bogus'], "Unknown option '--bogus'"],
    [[tmp], 'is a directory'],
  ])('exits 2 on a usage error: %j', (args, message) => {
    const r = ace(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
