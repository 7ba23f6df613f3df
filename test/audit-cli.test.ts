/**
 * `ace audit` as a user runs it: the built CLI in a child process. It must exit on its own
 * (a past bug: worker threads kept the process alive after the report was written), print the
 * `ace validate --phases` command that passes, and that command must fail once a covered
 * phase loses a table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const example = join(root, 'examples', 'api-service');
const tmp = mkdtempSync(join(tmpdir(), 'ace-audit-cli-'));
const out = join(tmp, 'out');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ace(...args: string[]) {
  const started = Date.now();
  const r = spawnSync('node', [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('ace audit (built CLI)', () => {
  let audit: ReturnType<typeof ace>;
  let phases: string;
  beforeAll(() => {
    audit = ace('audit', example, '--out', out);
    phases = /^check: ace validate \S+ --lang en --phases ([\d,]+)$/m.exec(audit.stdout)?.[1] ?? '';
  });

  it('exits 0 on its own and prints the phases it covered with the command that checks them', () => {
    expect(audit.signal, `killed after ${audit.ms} ms: the process did not exit by itself`).toBeNull();
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/^phases covered: 1, 3, 7; partly: 2, 6 /m);
    expect(phases).toBe('1,3,7');
    for (const file of ['report.md', 'evidence.json', 'slo-rules.yaml']) expect(existsSync(join(out, file))).toBe(true);
  });

  it('shows per-endpoint rows and both Locust’s and wrk’s figures for GET /items', () => {
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/^\| Error rate \(GET \/items\) \| 4\.4%/m);
    expect(md).toMatch(/^\| GET \/items \| Locust \| 1227 \| 54 /m);
    expect(md).toMatch(/^\| GET \/items \| wrk \| 20279 \| 1014 /m);
  });

  it('exits 1 with a clear message when nothing usable is found', () => {
    const empty = join(tmp, 'empty');
    mkdirSync(join(empty, 'notes'), { recursive: true });
    writeFileSync(join(empty, 'notes', 'todo.txt'), 'measure the latency\n');
    const r = ace('audit', empty, '--out', join(tmp, 'empty-out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ace audit: nothing usable under .*: no load-test result or profile could be read \(1 file\(s\) scanned\)$/m);
  });

  it('writes a report that `ace validate --phases <covered>` passes, in English', () => {
    const r = ace('validate', join(out, 'report.md'), '--phases', phases);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/: ok: 0 error\(s\), 0 warning\(s\); language: en; phases required: 1, 3, 7$/m);
  });

  it('fails (exit 1) when a covered phase loses a table', () => {
    const md = readFileSync(join(out, 'report.md'), 'utf8');
    const start = md.indexOf('### Alerting rules');
    const end = md.indexOf('### SLO dashboard');
    expect(start).toBeGreaterThan(0);
    const broken = join(tmp, 'broken.md');
    writeFileSync(broken, `${md.slice(0, start)}${md.slice(end)}`);
    const r = ace('validate', broken, '--phases', phases);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ missing-table phase 7 has no 'Alerting rules' table/);
    // Phases left out of --phases are not required: phase 1 alone passes as well.
    expect(ace('validate', join(out, 'report.md'), '--phases', '1').code).toBe(0);
  });

  it('refuses a bad --phases list as a usage error', () => {
    const r = ace('validate', join(out, 'report.md'), '--phases', '1,8');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--phases takes phase numbers 1 to 7/);
  });

  it.skipIf(spawnSync('promtool', ['--version']).status !== 0)('writes Prometheus rules that promtool accepts', () => {
    const r = spawnSync('promtool', ['check', 'rules', join(out, 'slo-rules.yaml')], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/SUCCESS: 11 rules found/);
  });
});
