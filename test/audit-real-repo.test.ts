/**
 * `ace audit` on a realistic repository: source files, a configuration JSON with latency /
 * requests / throughput keys, a vitest snapshot, 500 notes that come before the results in a
 * naive walk, a broken JTL, a binary `.cpuprofile`, and real result files deep in the tree.
 * No file can stop the audit: every real result is used, every file that looks like evidence
 * and cannot be used is listed with its reason. With nothing usable the audit exits 1.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Caller } from '../src/audit/context.js';
import { findEvidence } from '../src/audit/evidence.js';
import { run } from '../src/commands/audit.js';
import { connectChecked } from './support/client.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { Session } from '../src/session/session.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(repo, 'test', 'fixtures', 'loadtests');
const tmp = mkdtempSync(join(tmpdir(), 'ace-audit-repo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function put(root: string, rel: string, content: string | Buffer): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

function copy(root: string, from: string, rel: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  copyFileSync(from, join(root, rel));
}

/** The real results, where they sit in the tree. */
const DEEP = 'services/orders/zz-ops/load';
const REAL = {
  [`${DEEP}/locust/run_stats.csv`]: join(fixtures, 'locust', 'run_stats.csv'),
  [`${DEEP}/locust/run_stats_history.csv`]: join(fixtures, 'locust', 'run_stats_history.csv'),
  [`${DEEP}/locust/run_failures.csv`]: join(fixtures, 'locust', 'run_failures.csv'),
  [`${DEEP}/wrk/items.txt`]: join(fixtures, 'wrk', 'items.txt'),
  [`${DEEP}/autocannon/items.json`]: join(fixtures, 'autocannon', 'items.json'),
  [`${DEEP}/jmeter/results.jtl`]: join(repo, 'examples', 'api-service', 'results', 'jmeter', 'results.jtl'),
  [`${DEEP}/k6/summary-export-ticket-reserve.json`]: join(fixtures, 'k6', 'summary-export-ticket-reserve.json'),
  'services/orders/zz-ops/profiles/server.cpuprofile': join(repo, 'examples', 'api-service', 'profiles', 'server.cpuprofile'),
};
const BROKEN_JTL = 'services/orders/perf/broken.jtl';
const BINARY_PROFILE = 'services/orders/perf/crash.cpuprofile';

function realisticRepo(root: string): void {
  put(root, 'package.json', JSON.stringify({ name: 'orders', version: '1.0.0', scripts: { test: 'vitest' } }, null, 2));
  put(root, 'tsconfig.json', JSON.stringify({ compilerOptions: { strict: true, outDir: 'dist' } }, null, 2));
  put(root, 'services/orders/src/server.ts', "import http from 'node:http';\nhttp.createServer((_, res) => res.end('ok')).listen(8080);\n");
  put(root, 'services/orders/src/routes/items.ts', 'export const items = () => [{ id: 1 }];\n');
  put(
    root,
    'config/slo.json',
    JSON.stringify({ latency: { p95: 200, p99: 500 }, requests: { perSecond: 300 }, throughput: { min: 250 }, errors: { rate: 0.001 } }, null, 2),
  );
  copy(root, join(repo, 'test', '__snapshots__', 'tools', 'loadtest_summary.json'), 'test/__snapshots__/tools.json');
  // 500 notes that a naive alphabetical walk meets before anything else.
  for (let i = 0; i < 500; i++) {
    put(root, `aaa-notes/${String(i).padStart(3, '0')}.${i % 2 ? 'md' : 'txt'}`, `Meeting notes ${i}: latency was discussed, requests and throughput too.\n`);
  }
  // A JTL of another run (a year earlier, so that it is not merged with the real one) with a bad row.
  const jtl = readFileSync(REAL[`${DEEP}/jmeter/results.jtl`]!, 'utf8').replace(/^1795/gm, '1764').split('\n');
  put(root, BROKEN_JTL, [...jtl.slice(0, 3), '1764749809790,abc,GET /fast,200,OK,Users 1-1,text,true,210,3,3,86', ...jtl.slice(3, 6)].join('\n'));
  put(root, BINARY_PROFILE, randomBytes(4096));
  for (const [rel, from] of Object.entries(REAL)) copy(root, from, rel);
}

interface Summary {
  evidence: {
    used: string[];
    skipped: Array<{ path: string; tried: string | null; reason: string }>;
    scanned: number;
    unrelated: string[];
    limit: unknown;
  };
  cross_checks: Array<{ endpoint: string; tools: string[] }>;
  violations: unknown[];
}

async function audit(target: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (stdout.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
  try {
    const code = await run([target, '--out', out, '--json']);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

describe('ace audit on a realistic repository', () => {
  const root = join(tmp, 'repo');
  const out = join(tmp, 'out');
  let code: number;
  let summary: Summary;
  let md: string;
  let stderr: string;
  beforeAll(async () => {
    realisticRepo(root);
    const r = await audit(root, out);
    code = r.code;
    stderr = r.stderr;
    summary = JSON.parse(r.stdout) as Summary;
    md = readFileSync(join(out, 'report.md'), 'utf8');
  });

  it('exits 0 with a valid report', () => {
    expect(code, stderr).toBe(0);
    expect(summary.violations).toEqual([]);
  });

  it('uses every real result and profile, however deep', () => {
    expect(summary.evidence.used).toEqual(expect.arrayContaining(Object.keys(REAL)));
    expect(summary.evidence.limit).toBeNull();
  });

  it('uses no configuration, snapshot or note as a result', () => {
    const used = summary.evidence.used.join('\n');
    expect(used).not.toMatch(/config\/slo\.json|__snapshots__|aaa-notes|package\.json|tsconfig/);
    expect(summary.evidence.unrelated.filter((p) => p.startsWith('aaa-notes/'))).toHaveLength(250); // the .txt ones; .md is never sniffed
  });

  it('lists every skipped file with the format tried and the parser’s message, in the report too', () => {
    const skipped = new Map(summary.evidence.skipped.map((s) => [s.path, s]));
    const notes = md.slice(md.indexOf('## Evidence read by ace audit'));
    // The bad row is named by file and line: the file refused, or read without that row.
    if (skipped.has(BROKEN_JTL)) {
      expect(skipped.get(BROKEN_JTL)).toMatchObject({ tried: 'jmeter-csv' });
      expect(skipped.get(BROKEN_JTL)!.reason).toMatch(/line \d+/);
    } else {
      expect(notes).toMatch(/`services\/orders\/perf\/broken\.jtl`: 1 of \d+ (rows|samples) skipped as unreadable \(line 4: /);
    }
    expect(skipped.get(BINARY_PROFILE)).toMatchObject({ tried: 'cpuprofile' });
    expect(skipped.get(BINARY_PROFILE)!.reason.length).toBeGreaterThan(5);
    // A file sniffed as a result but refused by its parser is listed, never silently dropped.
    for (const rel of ['config/slo.json', 'test/__snapshots__/tools.json']) {
      expect(skipped.has(rel) || summary.evidence.unrelated.includes(rel), rel).toBe(true);
    }
    expect(notes).toMatch(/Files skipped \(\d+\):/);
    for (const s of summary.evidence.skipped) {
      const row = notes.split('\n').find((l) => l.startsWith(`| \`${s.path}\` |`));
      expect(row, s.path).toBeDefined();
      expect(row).toContain(s.tried ?? 'none matched');
    }
    expect(notes).toMatch(/\d+ of the \d+ files scanned hold no load-test or profile format/);
  });

  it('cross-checks the tools that measured the same endpoint', () => {
    const items = summary.cross_checks.find((c) => c.endpoint === 'GET /items');
    expect(items?.tools).toEqual(expect.arrayContaining(['Locust', 'wrk', 'autocannon', 'JMeter']));
  });
});

describe('discovery', () => {
  it('looks at likely result files first and says when its limit is reached', async () => {
    const root = join(tmp, 'limit');
    realisticRepo(root);
    const conn = await connectChecked(await Sandbox.open(root), new Session(), () => {});
    const evidence = await findEvidence(new Caller(conn), { maxSniffed: 12 }).finally(() => conn.close());
    expect(evidence.limit).toEqual({ sniffed: 12, matched: expect.any(Number) });
    expect(evidence.limit!.matched).toBeGreaterThan(250);
    expect(evidence.loadtests).toEqual(expect.arrayContaining([`${DEEP}/locust/run_stats.csv`, `${DEEP}/jmeter/results.jtl`, `${DEEP}/wrk/items.txt`]));
    expect(evidence.profiles).toContain('services/orders/zz-ops/profiles/server.cpuprofile');
  });
});

it('exits 1 with a clear message when nothing usable is found', async () => {
  const root = join(tmp, 'nothing');
  put(root, 'README.md', '# nothing here\n');
  put(root, 'notes/todo.txt', 'measure latency one day\n');
  put(root, 'perf/broken.jtl', 'timeStamp,elapsed,label,responseCode,success\n1795749809790,abc,GET /x,200,true\n');
  put(root, 'perf/crash.cpuprofile', randomBytes(512));
  const r = await audit(root, join(tmp, 'nothing-out'));
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^ace audit: nothing usable under .*: no load-test result or profile could be read/m);
  expect(r.stderr).toMatch(/^ {2}perf\/broken\.jtl \(tried jmeter-csv\): .+/m);
  expect(r.stderr).toMatch(/^ {2}perf\/crash\.cpuprofile \(tried cpuprofile\): .+/m);
});
