import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, vi } from 'vitest';
import { run } from '../src/commands/audit.js';
import { validateReport } from '../src/report/validate/index.js';

const example = fileURLToPath(new URL('../examples/api-service', import.meta.url));

it('ace audit writes the sections the example evidence supports, valid for those phases', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'ace-audit-'));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let code: number;
  let printed = '';
  try {
    code = await run([example, '--out', out, '--json']);
    printed = write.mock.calls.map((c) => String(c[0])).join('');
  } finally {
    write.mockRestore();
  }
  const summary = JSON.parse(printed) as { phases: number[]; emitted: string[]; violations: unknown[] };
  expect(code).toBe(0);
  expect(summary.violations).toEqual([]);
  expect(summary.phases.sort()).toEqual([1, 2, 3]);
  expect(summary.emitted).toEqual(expect.arrayContaining(['current_metrics', 'slos', 'findings', 'test_script']));
  const md = await readFile(path.join(out, 'report.md'), 'utf8');
  expect(md).toMatch(/measured: `results\/locust\/run_stats\.csv:5`/);
  expect(md).toMatch(/needs judgement/);
  expect(md).toMatch(/import http from 'k6\/http'/);
  expect(md).toMatch(/const BASE_URL = __ENV\.BASE_URL \|\| 'http:\/\/127\.0\.0\.1:18080'/);
  // The validator itself finds nothing wrong in what was emitted (only "not emitted" tables).
  const errors = validateReport(md, { language: 'en' }).violations.filter((v) => v.severity === 'error');
  expect(errors.every((v) => v.rule === 'missing-table' || v.rule === 'missing-phase')).toBe(true);
  await rm(out, { recursive: true, force: true });
});

it('ace audit explains a usage error', async () => {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await run([])).toBe(2);
    expect(await run([example, '--lang', 'de'])).toBe(2);
  } finally {
    err.mockRestore();
  }
});
