/**
 * `ace diff` and `ace check` through the built CLI, on real runs cut in halves
 * (test/fixtures/compare/README.md): the --json contract, the exit codes, the JUnit and
 * Markdown outputs of the CI gate.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeXml } from '../src/analysers/compare/ci-report.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'compare');
const out = mkdtempSync(join(tmpdir(), 'ace-check-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function ace(...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { cwd: fixtures, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ace diff', () => {
  it('--json prints exactly the contract, and exits 0 on a regression', () => {
    const r = ace('diff', 'jmeter/first-half.jtl', 'jmeter/second-half-slow.jtl', '--json');
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { verdict: string; metrics: Record<string, unknown>[]; notes: string[] };
    expect(Object.keys(json).sort()).toEqual(['metrics', 'notes', 'verdict']);
    expect(json.verdict).toBe('regressed');
    for (const m of json.metrics) {
      expect(Object.keys(m).sort()).toEqual(['after', 'before', 'change_pct', 'ci_pct', 'endpoint', 'metric', 'verdict']);
      expect(['p50', 'p90', 'p95', 'p99', 'max', 'error_rate', 'throughput']).toContain(m.metric);
    }
    expect(json.metrics.some((m) => m.endpoint === '*' && m.verdict === 'regressed')).toBe(true);
    expect(json.notes.some((n) => n.startsWith('inconclusive on'))).toBe(true);
  });

  it('prints a table; --threshold and --alpha are passed on', () => {
    const r = ace('diff', 'jmeter/first-half.jtl', 'jmeter/second-half.jtl', '--threshold', '50', '--alpha', '0.1');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^endpoint\s+metric\s+before\s+after/m);
    expect(r.stdout).toContain('alpha 0.1, threshold 50 %');
    expect(r.stdout).toMatch(/^verdict: (unchanged|inconclusive|improved) /);
    expect(r.stdout).not.toMatch(/ regressed$/m);
  });

  it('exits 2 on usage and evidence errors', () => {
    expect(ace('diff', 'jmeter/first-half.jtl').code).toBe(2);
    expect(ace('diff', 'a', 'b', '--alpha', 'x').code).toBe(2);
    const r = ace('diff', 'README.md', 'jmeter/second-half.jtl');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/README\.md/);
  });
});

describe('ace check', () => {
  it('passes when every budget holds and nothing regressed against the baseline', () => {
    const r = ace('check', 'jmeter/second-half.jtl', '--baseline', 'jmeter/first-half.jtl', '--budgets', 'budgets-hold.json');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/passed/);
  });

  it('a broken budget exits 1, and the JUnit file lists the failure', () => {
    const junit = join(out, 'budget.xml');
    const md = join(out, 'budget.md');
    const r = ace('check', 'jmeter/second-half.jtl', '--budgets', 'budgets-broken.json', '--junit', junit, '--markdown', md);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuite name="ace check: budgets" tests="2" failures="1"/);
    expect(xml).toMatch(/<testcase classname="ace.check.budgets" name="http_req_duration\{name:\/slow\}: p\(95\)&lt;30"><failure message="budget broken/);
    expect(readFileSync(md, 'utf8')).toMatch(/❌ broken/);
  });

  it('a real regression against the baseline exits 1, and the JUnit file lists it', () => {
    const junit = join(out, 'regression.xml');
    const r = ace('check', 'jmeter/second-half-slow.jtl', '--baseline', 'jmeter/first-half.jtl', '--junit', junit, '--json');
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as { passed: boolean; comparison: { verdict: string } };
    expect(json).toMatchObject({ passed: false, comparison: { verdict: 'regressed' } });
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testcase classname="ace.check.baseline" name="\* p95"><failure message="regressed: \* p95: 42 → 52/);
    expect(xml).not.toMatch(/name="GET \/(fast|items) [^"]*"><failure/);
  });

  it('exits 2 without anything to check, on a budget k6 would refuse, and on an unmeasurable one', () => {
    expect(ace('check', 'jmeter/second-half.jtl').code).toBe(2);
    const bad = join(out, 'bad.json');
    spawnSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(bad)}, JSON.stringify({thresholds: {http_req_duration: ['p95 < 200']}}))`]);
    const r = ace('check', 'jmeter/second-half.jtl', '--budgets', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid k6/);
    const missing = join(out, 'missing.json');
    spawnSync('node', [
      '-e',
      `require('fs').writeFileSync(${JSON.stringify(missing)}, JSON.stringify({thresholds: {'http_req_duration{name:/nope}': ['p(95)<200']}}))`,
    ]);
    const m = ace('check', 'jmeter/second-half.jtl', '--budgets', missing);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/cannot be measured/);
  });
});

it('escapeXml leaves no markup and no character XML forbids', () => {
  expect(escapeXml(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\uFFFD');
});

it("ace check takes its budgets from ace.config.json's thresholds when --budgets is not given", () => {
  const project = mkdtempSync(join(tmpdir(), 'ace-check-config-'));
  try {
    cpSync(join(fixtures, 'jmeter'), join(project, 'jmeter'), { recursive: true });
    const run = (thresholds: Record<string, string[]>) => {
      writeFileSync(join(project, 'ace.config.json'), JSON.stringify({ thresholds }));
      return spawnSync('node', [cli, 'check', 'jmeter/second-half.jtl'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    };
    const held = run({ http_req_failed: ['rate<0.9'] });
    expect(held.status, held.stderr).toBe(0);
    expect(held.stdout).toMatch(/budget ok\s+http_req_failed rate<0\.9/);
    const broken = run({ 'http_req_duration{name:/slow}': ['p(95)<1'] });
    expect(broken.status, broken.stderr).toBe(1);
    expect(broken.stdout).toMatch(/budget BROKEN http_req_duration\{name:\/slow\} p\(95\)<1/);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
