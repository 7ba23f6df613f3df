/**
 * Raw results split across runners merge back exactly. Real result files (k6 NDJSON of the
 * ticket-reserve run, JMeter 2.13's JTL of the example service; provenance in
 * test/fixtures/loadtests/README.md) are cut into N runner files as the runners would have written
 * them: each JMeter thread to one runner (threads belong to one engine), each k6 request to one
 * runner in turn (k6 spreads iterations over execution segments; its NDJSON carries no VU tag),
 * every file with its own header or metric declarations. loadtest_summary over the N files must
 * give exactly the figures of the whole file, and `ace check` (the built CLI) must judge the
 * budgets on the merged result: a budget every runner but one keeps alone fails on the merge.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from './support/client.js';

const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const fixtures = join(root, 'test', 'fixtures', 'loadtests');
const RUNNERS = 3;
const dir = mkdtempSync(join(tmpdir(), 'ace-merge-'));

/** JTL: the header on every file, each thread's rows to one runner (threads in order of appearance). */
function splitJtl(text: string): string[] {
  const [header, ...rows] = text.split('\n').filter((l) => l !== '');
  const thread = header!.split(',').indexOf('threadName');
  const threads: string[] = [];
  const files = Array.from({ length: RUNNERS }, () => [header!]);
  for (const row of rows) {
    const name = row.split(',')[thread]!;
    if (!threads.includes(name)) threads.push(name);
    files[threads.indexOf(name) % RUNNERS]!.push(row);
  }
  return files.map((f) => `${f.join('\n')}\n`);
}

/**
 * k6 NDJSON: the points of one request (same time and URL) to one runner, requests dealt in turn;
 * each runner declares a metric (its "Metric" line) before its first point of it, as k6 does.
 */
function splitNdjson(text: string): string[] {
  const declarations = new Map<string, string>();
  const requests: string[] = [];
  const files = Array.from({ length: RUNNERS }, () => ({ lines: [] as string[], declared: new Set<string>() }));
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const entry = JSON.parse(line) as { type: string; metric: string; data: { time?: string; tags?: { url?: string } } };
    if (entry.type === 'Metric') {
      declarations.set(entry.metric, line);
      continue;
    }
    const request = `${entry.data.time} ${entry.data.tags?.url}`;
    if (!requests.includes(request)) requests.push(request);
    const file = files[requests.indexOf(request) % RUNNERS]!;
    if (!file.declared.has(entry.metric)) {
      file.declared.add(entry.metric);
      file.lines.push(declarations.get(entry.metric)!);
    }
    file.lines.push(line);
  }
  return files.map((f) => `${f.lines.join('\n')}\n`);
}

const CASES = [
  { format: 'JTL', source: 'jmeter/jmeter213/mix/results.jtl', ext: 'jtl', split: splitJtl },
  { format: 'k6 NDJSON', source: 'k6/ndjson-ticket-reserve.json', ext: 'json', split: splitNdjson },
] as const;

let ace: ConnectedAce;
beforeAll(async () => {
  for (const c of CASES) {
    const text = readFileSync(join(fixtures, c.source), 'utf8');
    mkdirSync(join(dir, c.ext, 'runners'), { recursive: true });
    writeFileSync(join(dir, c.ext, `whole.${c.ext}`), text);
    c.split(text).forEach((content, i) => writeFileSync(join(dir, c.ext, 'runners', `runner-${i + 1}.${c.ext}`), content));
  }
  ace = await connectAce(dir);
});
afterAll(async () => {
  await ace?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A result without what names its files (sources "file:line", the file list) and without the
 * history's users: a JTL row's allThreads counts its own engine's threads, so Ace adds the
 * runners' counts up; rows cut from one engine's file each carry the whole test's count.
 */
function figures(result: Record<string, unknown>): unknown {
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => k !== 'source')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  const { files: _files, notes: _notes, history, ...rest } = result as { history: Array<Record<string, unknown>>; [key: string]: unknown };
  return strip({ ...rest, history: history.map(({ users: _users, ...point }) => point) });
}

describe.each(CASES)('$format split across runners', ({ ext, split, source }) => {
  it('the runner files hold every sample once, and each runner has a share', () => {
    const whole = readFileSync(join(fixtures, source), 'utf8');
    const parts = split(whole);
    expect(parts).toHaveLength(RUNNERS);
    const samples = (t: string) => t.split('\n').filter((l) => l !== '' && !l.startsWith('timeStamp') && !l.includes('"type":"Metric"'));
    expect(parts.flatMap(samples).sort()).toEqual(samples(whole).sort());
    for (const p of parts) expect(samples(p).length).toBeGreaterThan(0);
  });

  it('loadtest_summary on the N runner files gives exactly the whole run: counts, errors, percentiles, per endpoint', async () => {
    const whole = await ace.tool('loadtest_summary', { paths: [`${ext}/whole.${ext}`], limit: 100 });
    const merged = await ace.tool('loadtest_summary', { paths: [`${ext}/runners/*.${ext}`], limit: 100 });
    expect(merged.results).toHaveLength(1);
    expect(merged.results[0]!.files).toHaveLength(RUNNERS);
    expect(merged.results[0]!.mergeable).toBe(true);
    expect(figures(merged.results[0]!)).toEqual(figures(whole.results[0]!));
    // and not by accident: one runner alone is a different run
    const alone = await ace.tool('loadtest_summary', { paths: [`${ext}/runners/runner-1.${ext}`], limit: 100 });
    expect(alone.results[0]!.overall.requests.value).toBeLessThan(whole.results[0]!.overall.requests.value);
  });
});

describe('ace check judges the budgets on the merged runners', () => {
  function check(budgets: object, target: string) {
    const file = join(dir, 'budgets.json');
    writeFileSync(file, JSON.stringify({ thresholds: budgets }));
    const r = spawnSync('node', [cli, 'check', '--budgets', file, '--json', target], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
    return { code: r.status, result: JSON.parse(r.stdout) as { passed: boolean; budgets: Array<{ ok: boolean; detail: string }> } };
  }

  it.each([
    // JTL: 10 failures in 600; the runners' rates are 2.5 %, 1.25 % and 0.83 %, the merged 1.67 %.
    { ext: 'jtl', budget: { http_req_failed: ['rate<0.015'] }, passingAlone: ['runner-2', 'runner-3'] },
    // k6: one HTTP 500 in 100 requests (runner-3 got it); the two others never saw it.
    { ext: 'json', budget: { http_req_failed: ['rate<0.01'] }, passingAlone: ['runner-1', 'runner-2'] },
    // k6: the runners' p(95) are 4107.3, 4080.6 and 4100.2 ms (their mean 4096 would pass); the run's is 4101.8.
    { ext: 'json', budget: { http_req_duration: ['p(95)<4101'] }, passingAlone: ['runner-2', 'runner-3'] },
  ])('$ext: $budget holds on $passingAlone alone, and fails on the merge', ({ ext, budget, passingAlone }) => {
    for (const runner of passingAlone) {
      const alone = check(budget, `${ext}/runners/${runner}.${ext}`);
      expect(alone.code, JSON.stringify(alone.result)).toBe(0);
    }
    const merged = check(budget, `${ext}/runners`);
    expect(merged.code).toBe(1);
    expect(merged.result.passed).toBe(false);
    expect(merged.result.budgets).toHaveLength(1);
    expect(merged.result.budgets[0]!.ok).toBe(false);
    const whole = check(budget, `${ext}/whole.${ext}`);
    expect(whole.result.budgets[0]!.detail).toBe(merged.result.budgets[0]!.detail);
  });
});
