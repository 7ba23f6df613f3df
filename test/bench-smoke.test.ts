/**
 * The file-tools benchmark still runs end to end: bench/files.mjs in quick mode (a generated
 * 200-file tree, few repetitions) against the built `ace mcp`, and prints every row of its
 * table with a figure. Behaviour only: timings are not judged here (that is `npm run bench`).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));

it('npm run bench (quick mode) completes and prints the table with figures', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['bench/files.mjs'], {
    cwd: REPO,
    env: { ...process.env, ACE_BENCH_QUICK: '1', ACE_BENCH_STRICT: '', ACE_BENCH_TREE: '', ACE_BENCH_NODE_FLAGS: '' },
    maxBuffer: 16 << 20,
  });
  const rows = stdout.split('\n').filter((line) => line.startsWith('| '));
  const aceCell = (figure: string): string => {
    const line = rows.find((r) => r.includes(figure));
    expect(line, `row '${figure}' in:\n${stdout}`).toBeDefined();
    return (line ?? '').split('|')[2]?.trim() ?? '';
  };
  for (const figure of [
    'start → first tools/list',
    "grep literal 'deprecated'",
    "grep literal 'XMLHttpRequest'",
    'grep regex',
    "glob '**/*.d.ts'",
    'small reads p50',
    'small reads p99',
    ': time',
  ]) {
    expect(aceCell(figure), figure).toMatch(/^\d+(\.\d+)? ms$/);
  }
  expect(aceCell('RSS growth')).toMatch(/^-?\d+(\.\d+)? MB$/);
  expect(aceCell('page size')).toMatch(/^\d+(\.\d+)? KB$/);
  // Ace and fast-glob found the same .d.ts files: the glob figure compares equal work.
  expect(stdout).toMatch(/glob '\*\*\/\*\.d\.ts' files: Ace (\d+), fast-glob \1 \(equal\)/);
}, 60_000);
