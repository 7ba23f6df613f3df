/**
 * Load-test analysers under hostile and unusual real inputs: high-cardinality endpoints, a
 * caller's backtracking regex, huge failure lists, garbage values, Windows line endings, other
 * delimiters, several runs in one file, and look-alike files that are not results.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseLoadTests, classifyLoadTestFile, LoadTestFileError, NotAResultError, type LoadTestInput } from '../src/analysers/loadtest/index.js';
import { routeTemplate } from '../src/analysers/loadtest/route.js';

const FIX = new URL('./fixtures/loadtests/', import.meta.url);
const read = (rel: string) => readFileSync(new URL(rel, FIX));

function mem(path: string, bytes: Buffer | string, chunk = 64 * 1024): LoadTestInput {
  const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  return {
    path,
    head: b.subarray(0, 65536),
    open: () =>
      (async function* () {
        for (let i = 0; i < b.length; i += chunk) yield b.subarray(i, i + chunk);
      })(),
  };
}

const k6Line = (name: string, value: number, sec: number, expected = true) =>
  `{"metric":"http_req_duration","type":"Point","data":{"time":"2024-01-01T00:00:${String(sec % 60).padStart(2, '0')}Z","value":${value},"tags":{${expected ? '"expected_response":"true",' : ''}"method":"GET","name":"${name}","status":"200"}}}`;

describe('route templates', () => {
  it('folds numeric ids, UUIDs, hex hashes and tokens in paths and query values', () => {
    expect(routeTemplate('GET /items/123')).toBe('GET /items/{id}');
    expect(routeTemplate('GET http://h:8080/users/550e8400-e29b-41d4-a716-446655440000/orders/9f86d081884c7d65?page=2&sort=asc')).toBe(
      'GET http://h:8080/users/{id}/orders/{id}?page={id}&sort=asc',
    );
    expect(routeTemplate('POST /t/eyJhbGciOiJIUzI1NiJ9abc123')).toBe('POST /t/{id}');
    expect(routeTemplate('GET /api/v2/boards')).toBe('GET /api/v2/boards');
    expect(routeTemplate('Login page')).toBe('Login page');
  });
});

describe('high-cardinality endpoints', () => {
  it('k6 NDJSON with 100k distinct names: grouped by route template, the raw count stated, no recursion', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) lines.push(k6Line(i % 2 ? `http://api/items/${i}` : `http://api/users/${i}/cart`, 1 + (i % 50), i));
    const [r] = await analyseLoadTests([mem('ids.json', lines.join('\n'))]);
    expect(r!.overall.requests.value).toBe(100_000);
    expect(r!.endpoints.map((e) => [e.name, e.requests.value]).sort()).toEqual([
      ['GET http://api/items/{id}', 50_000],
      ['GET http://api/users/{id}/cart', 50_000],
    ]);
    expect(r!.endpoint_names).toEqual({ distinct: 100_000, more: false });
    expect(r!.notes.join(' ')).toMatch(/100000 distinct endpoint names, grouped into 2 route templates/);
  });

  it('JTL with 100k distinct labels that are not routes: 200 kept, the rest in one bucket, counts exact', async () => {
    const rows = ['timeStamp,elapsed,label,responseCode,success,threadName'];
    for (let i = 0; i < 100_000; i++) rows.push(`${1_700_000_000_000 + i},${5 + (i % 7)},label ${i},200,true,t-${i % 10}`);
    const [r] = await analyseLoadTests([mem('many.jtl', rows.join('\n'))]);
    expect(r!.overall.requests.value).toBe(100_000);
    expect(r!.endpoints).toHaveLength(201);
    expect(r!.endpoints.reduce((n, e) => n + e.requests.value, 0)).toBe(100_000);
    expect(r!.endpoints[0]!.name).toBe('(other endpoints)');
    expect(r!.endpoint_names!.distinct).toBe(100_000);
  });
});

describe('endpoint_filter', () => {
  it('a backtracking pattern against a 50k-character endpoint name returns promptly', async () => {
    const long = `/${'a'.repeat(50_000)}!`;
    const input = mem('long.json', [k6Line(long, 5, 1), k6Line('/b', 6, 2)].join('\n'));
    const t0 = performance.now();
    const [r] = await analyseLoadTests([input], { endpointFilter: '(a+)+$' });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r!.endpoints).toEqual([]);
    const [s] = await analyseLoadTests([input], { endpointFilter: '^GET /b$' });
    expect(s!.endpoints.map((e) => e.name)).toEqual(['GET /b']);
  });
});

describe('bounded answers', () => {
  it('200k Locust failure rows: the 20 most frequent kinds, with the totals and how many were left out', async () => {
    const rows = ['Method,Name,Error,Occurrences'];
    for (let i = 0; i < 200_000; i++) rows.push(`GET,/items/${i},"HTTPError('500 for url: /items/${i}')",${(i % 3) + 1}`);
    const stats = read('locust/run_stats.csv');
    const results = await analyseLoadTests([mem('big_stats.csv', stats), mem('big_failures.csv', rows.join('\n'))]);
    const r = results[0]!;
    expect(r.errors).toHaveLength(20);
    expect(r.errors[0]!.count).toBe(3);
    expect(r.errors_total).toEqual({ kinds: 200_000, occurrences: 399_999 });
    expect(r.notes.join(' ')).toMatch(/200000 kinds .* 199980 left out/);
    expect(JSON.stringify(results).length).toBeLessThan(100_000);
  });
});

describe('linear, cancellable parsing', () => {
  it('an aborted call stops reading', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(analyseLoadTests([mem('a.json', k6Line('/a', 1, 1))], { signal: ac.signal })).rejects.toThrow(/abort/i);
  });

  it('a quoted field left open is refused at its line, not read to the end of memory', async () => {
    const csv = `timeStamp,elapsed,label,success\n1700000000000,5,a,true\n1700000000001,5,"unterminated,true\n${'x,1,2,3\n'.repeat(200_000)}`;
    await expect(analyseLoadTests([mem('q.jtl', csv)])).rejects.toThrow(/q\.jtl:3: a quoted field runs over/);
  });
});

describe('what a tool could not have written', () => {
  const stats = read('locust/run_stats.csv').toString();
  const lines = stats.trim().split('\n');

  it('a Locust Aggregated row reading -5,NaN is refused with the file and line', async () => {
    const agg = lines.at(-1)!.split(',');
    agg[2] = '-5';
    agg[3] = 'NaN';
    const bad = [...lines.slice(0, -1), agg.join(',')].join('\n');
    await expect(analyseLoadTests([mem('results/bad_stats.csv', bad)])).rejects.toThrow(`results/bad_stats.csv:${lines.length}: Request Count is "-5"`);
  });

  it('Locust percentiles out of order are refused', async () => {
    const row = lines[1]!.split(',');
    [row[11], row[16]] = ['500', '57'];
    await expect(analyseLoadTests([mem('p_stats.csv', [lines[0], row.join(','), ...lines.slice(2)].join('\n'))])).rejects.toThrow(
      /p_stats\.csv:2: percentiles out of order/,
    );
  });

  it('one bad JTL row is skipped with a note naming the file and line; many refuse the file', async () => {
    const jtl = read('jmeter/jmeter213/mix/results.jtl').toString().trim().split('\n');
    const one = [...jtl.slice(0, 2), jtl[2]!.replace(/^(\d+),\d+,/, '$1,abc,'), ...jtl.slice(3)].join('\n');
    const [r] = await analyseLoadTests([mem('results/one.jtl', one)]);
    expect(r!.overall.requests.value).toBe(599);
    expect(r!.notes.join(' ')).toMatch(/results\/one\.jtl: 1 of 600 samples skipped as unreadable \(line 3: elapsed "abc"/);
    const many = jtl.map((l, i) => (i > 0 && i < 40 ? l.replace(/^(\d+),\d+,/, '$1,-4,') : l)).join('\n');
    await expect(analyseLoadTests([mem('results/many.jtl', many)])).rejects.toThrow(
      /results\/many\.jtl: 39 of 600 samples could not have been written by the tool \(line 2: elapsed "-4"/,
    );
  });

  it('a JTL timestamp going back within its thread beyond the tolerance is a bad row', async () => {
    const jtl =
      'timeStamp,elapsed,label,success,threadName\n1700000010000,5,a,true,t1\n1700000010500,5,a,true,t2\n1700000020000,5,a,true,t1\n1700000015000,5,a,true,t1\n';
    const [r] = await analyseLoadTests([mem('back.jtl', jtl)]);
    expect(r!.overall.requests.value).toBe(3);
    expect(r!.notes.join(' ')).toMatch(/back\.jtl: 1 of 4 samples skipped as unreadable \(line 5: timeStamp goes back in time within thread "t1"/);
  });

  it('a k6 summary whose http_req_failed rate disagrees with its passes is refused (the k6-summary example file)', async () => {
    const example = {
      version: '1.0.0',
      metadata: { generatedAt: '2025-01-15T10:30:45.123Z', k6Version: '1.1.0' },
      config: { execution: 'local', script: 'test-script.js', duration: 60.0 },
      results: {
        passed: true,
        metrics: [
          { name: 'http_reqs', type: 'counter', contains: 'default', category: 'http', values: { count: 1500, rate: 24.79 } },
          { name: 'http_req_failed', type: 'rate', contains: 'default', category: 'http', values: { rate: 0.02, passes: 1470, fails: 30 } },
        ],
      },
    };
    await expect(analyseLoadTests([mem('summary.json', JSON.stringify(example))])).rejects.toThrow(
      /summary\.json: http_req_failed: rate 0\.02 but passes \/ \(passes \+ fails\) = 0\.98/,
    );
  });
});

describe('formats read right', () => {
  it('k6 machine-readable summary, as k6’s writer emits it (matches/total) and as the schema names it (passes/fails)', async () => {
    const doc = (failed: object) => ({
      version: '1.0.0',
      metadata: { generatedAt: '2026-01-01T00:00:00Z', k6Version: '1.5.0' },
      config: { execution: 'local', script: 's.js', duration: 10.5 },
      results: {
        passed: true,
        metrics: [
          { name: 'http_reqs', type: 'counter', contains: 'default', values: { count: 200, rate: 19.047619 } },
          { name: 'http_req_duration', type: 'trend', contains: 'time', values: { avg: 12.5, min: 1.2, med: 10.1, max: 80.3, 'p(90)': 20.2, 'p(95)': 30.3 } },
          { name: 'http_req_failed', type: 'rate', contains: 'default', values: failed },
        ],
      },
    });
    for (const failed of [
      { matches: 5, total: 200, rate: 0.025 },
      { passes: 5, fails: 195, rate: 0.025 },
    ]) {
      const [r] = await analyseLoadTests([mem('summary.json', JSON.stringify(doc(failed), null, 2))]);
      expect(r!.files[0]).toMatchObject({ format: 'k6-summary', variant: 'v1.0.0' });
      expect([r!.overall.requests.value, r!.overall.errors.value, r!.overall.duration!.value]).toEqual([200, 5, 10.5]);
      expect([r!.overall.latency.p50!.value, r!.overall.latency.p95!.value, r!.overall.latency.max!.value]).toEqual([10.1, 30.3, 80.3]);
    }
  });

  it('a Locust CSV written on Windows (\\r\\r\\n): same figures, citations at the real line', async () => {
    const win = read('locust/run_stats.csv').toString().replace(/\n/g, '\r\r\n');
    const [r] = await analyseLoadTests([mem('w/run_stats.csv', win)]);
    const [u] = await analyseLoadTests([mem('u/run_stats.csv', read('locust/run_stats.csv'))]);
    expect(r!.overall.requests.value).toBe(u!.overall.requests.value);
    expect(r!.overall.latency.p99!.value).toBe(u!.overall.latency.p99!.value);
    expect(r!.overall.latency.p50!.source).toEqual({ kind: 'measured', ref: 'w/run_stats.csv:5' });
  });

  it.each([
    ['tab', '\t'],
    ['semicolon', ';'],
    ['pipe', '|'],
  ])('a JTL written with a %s delimiter (the real JMeter 2.13 run, re-delimited)', async (_n, d) => {
    const text = read('jmeter/jmeter213/mix/results.jtl').toString();
    expect(text).not.toMatch(/"/); // no quoted field: a plain re-delimiting is the file JMeter would write
    const input = mem('d.jtl', text.replace(/,/g, d).replace(/\n/g, '\r\n'));
    expect(classifyLoadTestFile('d.jtl', input.head).format).toBe('jmeter-csv');
    const [r] = await analyseLoadTests([input]);
    const [c] = await analyseLoadTests([mem('c.jtl', text)]);
    expect([r!.overall.requests.value, r!.overall.errors.value, r!.overall.latency.p95!.value]).toEqual([
      c!.overall.requests.value,
      c!.overall.errors.value,
      c!.overall.latency.p95!.value,
    ]);
  });

  it('a wrk file holding two runs (the real outputs appended, as `>>` writes them): each run on its own', async () => {
    const both = Buffer.concat([read('wrk/slow.txt'), read('wrk/items.txt')]);
    const results = await analyseLoadTests([mem('wrk/both.txt', both)]);
    expect(results.map((r) => [r.endpoints[0]!.name, r.overall.requests.value, r.overall.errors.value, r.overall.throughput!.value])).toEqual([
      ['http://127.0.0.1:18080/slow', 2502, 0, 310.99],
      ['http://127.0.0.1:18080/items', 20279, 1014, 2530.13],
    ]);
    const slowLines = read('wrk/slow.txt').toString().split('\n').length - 1;
    expect(results[1]!.overall.latency.p99!.source).toEqual({ kind: 'measured', ref: `wrk/both.txt:${slowLines + 10}` });
  });

  it('a JTL whose listener appended three runs hours apart: three results, not one half-day run', async () => {
    const [header, ...rows] = read('jmeter/jmeter213/mix/results.jtl').toString().trim().split('\n');
    const shifted = (h: number) => rows.map((l) => l.replace(/^(\d+)/, (t) => String(Number(t) + h * 3_600_000)));
    const [single] = await analyseLoadTests([mem('one.jtl', [header, ...rows].join('\n'))]);
    const results = await analyseLoadTests([mem('three.jtl', [header, ...rows, ...shifted(5), ...shifted(9)].join('\n'))]);
    expect(results).toHaveLength(3);
    for (const r of results) {
      expect(r.overall.requests.value).toBe(600);
      expect(r.overall.duration!.value).toBe(single!.overall.duration!.value);
      expect(r.overall.latency.p95!.value).toBe(single!.overall.latency.p95!.value);
    }
    expect(results[0]!.notes.join(' ')).toMatch(/three\.jtl holds 3 runs appended one after another/);
  });
});

describe('strict detection', () => {
  it('autocannon’s console table (real, autocannon 9) is refused with a pointer to --json, not read as wrk', async () => {
    const i = mem('autocannon/items-console.txt', read('autocannon/items-console.txt'));
    const d = classifyLoadTestFile(i.path, i.head);
    expect(d.format).toBeNull();
    await expect(analyseLoadTests([i])).rejects.toThrow(NotAResultError);
    await expect(analyseLoadTests([i])).rejects.toThrow(/autocannon console output .* run autocannon with --json/);
  });

  it('a config/slo.json with latency, requests and throughput keys is not a result; nor is a snapshot JSON', async () => {
    const slo = JSON.stringify({ latency: { p95_ms: 300 }, requests: { per_second: 100 }, throughput: { min: 50 } }, null, 2);
    expect(classifyLoadTestFile('config/slo.json', Buffer.from(slo))).toMatchObject({ format: null });
    const snapshot = readFileSync(new URL('./__snapshots__/tools/loadtest_summary.json', import.meta.url));
    expect(classifyLoadTestFile('test/__snapshots__/tools.json', snapshot.subarray(0, 65536), snapshot.length < 65536)).toMatchObject({ format: null });
    const jest = '// Jest Snapshot v1\nexports[`x 1`] = `{"metrics": {"http_reqs": 1}}`;\n';
    expect(classifyLoadTestFile('__snapshots__/a.test.ts.snap', Buffer.from(jest)).format).toBeNull();
  });

  it('a bad result file’s error is a LoadTestFileError naming file and line, apart from “not a result”', async () => {
    const err = await analyseLoadTests([mem('r/x_stats.csv', 'Type,Name,Request Count,Failure Count\nGET,/a,abc,0\n')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoadTestFileError);
    expect(err).toMatchObject({ path: 'r/x_stats.csv', line: 2 });
  });
});
