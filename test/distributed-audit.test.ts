/**
 * `ace audit --runners N` (the built CLI) on the example service: next to report.md it writes
 * the distributed-run files for the audit's own test script, and names them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'ace-audit-runners-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ace = (...args: string[]) => spawnSync('node', [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 90_000 });

it('writes distributed/ (k6-operator, Locust, budgets, runbook) for the test script of report.md', () => {
  const out = join(tmp, 'out');
  const r = ace('audit', join(root, 'examples', 'api-service'), '--out', out, '--runners', '4');
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^distributed run: 9 files for 4 generators/m);
  const dir = join(out, 'distributed');
  expect(readdirSync(dir).sort()).toEqual(['RUNBOOK.md', 'budgets.json', 'k6-operator', 'locust']);
  expect(r.stdout).toContain(join(dir, 'k6-operator', 'testrun.yaml'));
  const testRun = parseAllDocuments(readFileSync(join(dir, 'k6-operator', 'testrun.yaml'), 'utf8'))
    .map((d) => d.toJS() as { kind: string; spec: { parallelism: number } })
    .find((d) => d.kind === 'TestRun')!;
  expect(testRun.spec.parallelism).toBe(4);
  // The per-runner script is the report's script without its thresholds, which became budgets.
  const report = readFileSync(join(out, 'report.md'), 'utf8');
  const script = readFileSync(join(dir, 'k6-operator', 'script.js'), 'utf8');
  const endpoints = [...script.matchAll(/tags: \{ name: '([^']+)' \}/g)].map((m) => m[1]!);
  expect(endpoints.length).toBeGreaterThan(0);
  for (const e of endpoints) expect(report).toContain(`tags: { name: '${e}' }`);
  const budgets = JSON.parse(readFileSync(join(dir, 'budgets.json'), 'utf8')) as { thresholds: Record<string, string[]> };
  for (const [metric, expressions] of Object.entries(budgets.thresholds)) {
    expect(metric).toMatch(/^http_req/);
    for (const e of expressions) expect(report).toContain(e);
  }
});

it('refuses --runners below 2 with a usage error', () => {
  const r = ace('audit', join(root, 'examples', 'api-service'), '--out', join(tmp, 'bad'), '--runners', '1');
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/--runners must be a whole number from 2 to 500/);
});
