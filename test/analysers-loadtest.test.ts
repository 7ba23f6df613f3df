import { createReadStream, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyseLoadTests, detectLoadTestFormat, type LoadTestInput } from '../src/analysers/loadtest/index.js';

const FIX = new URL('./fixtures/loadtests/', import.meta.url);
const file = (rel: string) => new URL(rel, FIX);

function input(rel: string): LoadTestInput {
  const path = `test/fixtures/loadtests/${rel}`;
  return { path, head: readFileSync(file(rel)).subarray(0, 65536), open: () => createReadStream(file(rel)) };
}

function memInput(path: string, bytes: Buffer, chunk = 7): LoadTestInput {
  return {
    path,
    head: bytes.subarray(0, 65536),
    open: () =>
      (async function* () {
        for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
      })(),
  };
}

/** The exact percentile of the sorted samples, interpolated between closest ranks as k6 does. */
function exact(sorted: number[], p: number): number {
  const i = (p / 100) * (sorted.length - 1);
  const below = Math.floor(i);
  return sorted[below]! + ((sorted[Math.ceil(i)] ?? sorted[below]!) - sorted[below]!) * (i - below);
}

function within(actual: number | undefined, expected: number, rel = 0.001) {
  expect(actual).toBeDefined();
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);
}

describe('format detection', () => {
  it.each([
    ['wrk/items.txt', 'wrk'],
    ['autocannon/items.json', 'autocannon'],
    ['locust/run_stats.csv', 'locust-stats'],
    ['locust/run_stats_history.csv', 'locust-history'],
    ['locust/run_failures.csv', 'locust-failures'],
    ['jmeter/jmeter5-HTMLReportTestFile.head.csv', 'jmeter-csv'],
    ['jmeter/jmeter213/mix/results.jtl', 'jmeter-csv'],
    ['jmeter/jmeter-xml-sample_log1.head.jtl', 'jmeter-xml'],
    ['gatling/global_stats.json', 'gatling-stats'],
    ['gatling/stats.json', 'gatling-stats'],
    ['k6/handle-summary-k6-example-circleci-orb.json', 'k6-handle-summary'],
    ['k6/ndjson-centminmod.json', 'k6-ndjson'],
    ['k6/summary-export-ticket-reserve.json', 'k6-summary-export'],
    ['k6/summary-export-qr-code-generator.json', 'k6-summary-export'],
    ['k6/csv-trello-cypress.csv', 'k6-csv'],
    ['k6/ndjson-ticket-reserve.json', 'k6-ndjson'],
  ])('%s is %s', (rel, format) => {
    const i = input(rel);
    expect(detectLoadTestFormat(i.path, i.head)).toBe(format);
  });

  it('sniffs through gzip', () => {
    const gz = gzipSync(readFileSync(file('k6/ndjson-centminmod.json')));
    expect(detectLoadTestFormat('run.json.gz', gz)).toBe('k6-ndjson');
  });
});

describe('wrk (real output, --latency)', () => {
  it('reports the figures wrk printed', async () => {
    const [r] = await analyseLoadTests([input('wrk/items.txt')]);
    expect(r!.mergeable).toBe(false);
    expect(r!.overall.requests.value).toBe(20279);
    expect(r!.overall.errors.value).toBe(1014);
    expect(r!.overall.throughput!.value).toBe(2530.13);
    expect(r!.overall.duration!.value).toBe(8.02);
    expect(r!.overall.latency.p50!.value).toBeCloseTo(6.14, 10);
    expect(r!.overall.latency.p90!.value).toBeCloseTo(7.32, 10);
    expect(r!.overall.latency.p99!.value).toBeCloseTo(10.07, 10);
    expect(r!.overall.latency.max!.value).toBeCloseTo(35.47, 10);
    expect(r!.overall.latency.p95).toBeNull();
    expect(r!.overall.latency.p99!.source).toEqual({ kind: 'measured', ref: 'test/fixtures/loadtests/wrk/items.txt:10' });
  });
});

describe('autocannon (real --json output)', () => {
  it('reports autocannon’s own counts and percentiles', async () => {
    const raw = JSON.parse(readFileSync(file('autocannon/items.json'), 'utf8'));
    const [r] = await analyseLoadTests([input('autocannon/items.json')]);
    expect(r!.overall.requests.value).toBe(raw.requests.total + raw.errors);
    expect(r!.overall.errors.value).toBe(raw.non2xx + raw.errors);
    expect(r!.overall.latency.p50!.value).toBe(raw.latency.p50);
    expect(r!.overall.latency.p90!.value).toBe(raw.latency.p90);
    expect(r!.overall.latency.p99!.value).toBe(raw.latency.p99);
    expect(r!.overall.latency.max!.value).toBe(raw.latency.max);
    expect(r!.overall.duration!.value).toBe(raw.duration);
  });
});

describe('Locust (real --csv output)', () => {
  it('reads the stats, history and failures of one run together', async () => {
    const results = await analyseLoadTests([input('locust/run_stats.csv'), input('locust/run_stats_history.csv'), input('locust/run_failures.csv')]);
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.files.map((f) => f.format)).toEqual(['locust-stats', 'locust-history', 'locust-failures']);
    // The Aggregated row of run_stats.csv, as Locust wrote it.
    const agg = readFileSync(file('locust/run_stats.csv'), 'utf8').trim().split('\n').at(-1)!.split(',');
    expect(r.overall.requests.value).toBe(Number(agg[2]));
    expect(r.overall.errors.value).toBe(Number(agg[3]));
    expect(r.overall.latency.p50!.value).toBe(Number(agg[11]));
    expect(r.overall.latency.p90!.value).toBe(Number(agg[15]));
    expect(r.overall.latency.p95!.value).toBe(Number(agg[16]));
    expect(r.overall.latency.p99!.value).toBe(Number(agg[18]));
    // ...and the percentiles Locust printed at the end of the run agree.
    const printed = readFileSync(file('locust/printed-summary.txt'), 'utf8').split('\n');
    const pctRow = printed
      .filter((l) => /^\s+Aggregated/.test(l))
      .at(-1)!
      .trim()
      .split(/\s+/);
    expect([r.overall.latency.p50!.value, r.overall.latency.p90!.value, r.overall.latency.p95!.value, r.overall.latency.p99!.value]).toEqual(
      [pctRow[1], pctRow[5], pctRow[6], pctRow[8]].map(Number),
    );
    expect(r.endpoints.map((e) => e.name).sort()).toEqual(['GET /fast', 'GET /items', 'GET /slow']);
    expect(r.errors).toEqual([
      { endpoint: 'GET /items', message: "HTTPError('500 Server Error: Internal Server Error for url: http://127.0.0.1:18080/items')", count: 54 },
    ]);
    expect(r.history.length).toBeGreaterThan(5);
    expect(Math.max(...r.history.map((h) => h.users))).toBe(20);
    expect(r.overall.latency.p50!.source).toEqual({ kind: 'measured', ref: 'test/fixtures/loadtests/locust/run_stats.csv:5' });
  });
});

describe('JMeter 2.13 JTL (real, Debian jmeter 2.13 against the example service)', () => {
  const rel = 'jmeter/jmeter213/mix/results.jtl';
  const rows = readFileSync(file(rel), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  // The line JMeter's own Summariser printed at the end of the run.
  const printed = /summary =\s+(\d+) in .*Avg:\s+(\d+) Min:\s+(\d+) Max:\s+(\d+) Err:\s+(\d+)/.exec(
    readFileSync(file('jmeter/jmeter213/mix/printed-summary.txt'), 'utf8'),
  )!;
  const [count, avg, , max, err] = printed.slice(1).map(Number);

  it('detects the 2.x column set and reports the Summariser’s count, errors, mean and max', async () => {
    const [r] = await analyseLoadTests([input(rel)]);
    expect(r!.files[0]).toMatchObject({ format: 'jmeter-csv', variant: 'jmeter-2' });
    expect(r!.overall.requests.value).toBe(count);
    expect(r!.overall.errors.value).toBe(err);
    expect(r!.overall.latency.max!.value).toBe(max);
    expect(Math.round(r!.overall.latency.mean!.value)).toBe(avg); // the Summariser prints a rounded mean
    const elapsed = rows.map((f) => Number(f[1])).sort((a, b) => a - b);
    for (const p of [50, 90, 95, 99] as const) within(r!.overall.latency[`p${p}`]!.value, exact(elapsed, p));
    expect(r!.endpoints.map((e) => [e.name, e.requests.value, e.errors.value])).toEqual([
      ['GET /fast', 200, 0],
      ['GET /slow', 200, 0],
      ['GET /items', 200, err],
    ]);
  });
});

describe('load over time from raw files', () => {
  it('JMeter 2.13 (real): allThreads per second as users, samples started per second as throughput', async () => {
    const rel = 'jmeter/jmeter213/mix/results.jtl';
    const rows = readFileSync(file(rel), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const first = Math.floor(Math.min(...rows.map((f) => Number(f[0]))) / 1000);
    const perSecond = new Map<number, { n: number; users: number }>();
    for (const f of rows) {
      const s = Math.floor(Number(f[0]) / 1000) - first;
      const cur = perSecond.get(s) ?? { n: 0, users: -1 };
      perSecond.set(s, { n: cur.n + 1, users: Math.max(cur.users, Number(f[10])) });
    }
    const [r] = await analyseLoadTests([input(rel)]);
    // Every whole second, the first and the last (cut short) left out.
    expect(r!.history.map((h) => h.t)).toEqual([...Array(Math.max(...perSecond.keys()) - 1).keys()].map((i) => i + 1));
    for (const h of r!.history) {
      expect(h.rps).toBe(perSecond.get(h.t)?.n ?? 0);
      if (perSecond.has(h.t)) expect(h.users).toBe(perSecond.get(h.t)!.users);
    }
  });

  it('k6 CSV: vus rows, whole-second timestamps', async () => {
    const csv = [
      'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata',
      'vus,1700000000,2.000000,,,,,,,,,,,,,,,,',
      'http_req_duration,1700000000,12.500000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
      'vus,1700000001,4.000000,,,,,,,,,,,,,,,,',
      'http_req_duration,1700000001,7.000000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
      'http_req_duration,1700000001,9.000000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
      'http_req_duration,1700000002,8.000000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
      'vus,1700000003,1.000000,,,,,,,,,,,,,,,,',
      'http_req_duration,1700000003,8.000000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
    ].join('\n');
    const [r] = await analyseLoadTests([memInput('k6.csv', Buffer.from(csv))]);
    expect(r!.history.map((h) => [h.t, h.users, h.rps])).toEqual([
      [1, 4, 2],
      [2, 4, 1],
    ]);
  });

  it('no user count, no history: a JTL without allThreads', async () => {
    const jtl = 'timeStamp,elapsed,label,success\n1700000000000,5,a,true\n1700000001000,6,a,true\n';
    const [r] = await analyseLoadTests([memInput('old.jtl', Buffer.from(jtl))]);
    expect(r!.history).toEqual([]);
  });
});

describe('JMeter JTL (real JMeter 5 output from apache/jmeter test files)', () => {
  const rel = 'jmeter/jmeter5-HTMLReportTestFile.head.csv';
  const rows = readFileSync(file(rel), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

  it('counts and exact percentiles (within 0.1%) from the CSV form', async () => {
    const [r] = await analyseLoadTests([input(rel)]);
    expect(r!.mergeable).toBe(true);
    expect(r!.files[0]!.variant).toBe('jmeter-5');
    const elapsed = rows.map((f) => Number(f[1])).sort((a, b) => a - b);
    expect(r!.overall.requests.value).toBe(rows.length);
    expect(r!.overall.errors.value).toBe(rows.filter((f) => f[7] === 'false').length);
    for (const [p, key] of [
      [50, 'p50'],
      [90, 'p90'],
      [95, 'p95'],
      [99, 'p99'],
    ] as const)
      within(r!.overall.latency[key]!.value, exact(elapsed, p));
    expect(r!.overall.latency.max!.value).toBe(elapsed.at(-1));
    expect(r!.endpoints.map((e) => [e.name, e.requests.value])).toEqual([
      ['JR-OK', rows.length - 1],
      ['JR-KO', 1],
    ]);
  });

  it('merges files from several runners exactly: the same figures as one file holding every row', async () => {
    // The real JMeter 2.13 run, split by thread as two load generators would have written it.
    const jtl = 'jmeter/jmeter213/mix/results.jtl';
    const [header, ...lines] = readFileSync(file(jtl), 'utf8').trim().split('\n');
    const runnerA = lines.filter((l) => /,Users 1-[12],/.test(l));
    const runnerB = lines.filter((l) => !/,Users 1-[12],/.test(l));
    expect(runnerA.length).toBeGreaterThan(0);
    expect(runnerB.length).toBeGreaterThan(0);
    const asFile = (rows: string[]) => Buffer.from([header, ...rows].join('\n') + '\n');
    const [merged, ...rest] = await analyseLoadTests([memInput('runner-a.jtl', asFile(runnerA), 333), memInput('runner-b.jtl', asFile(runnerB), 4096)]);
    const [whole] = await analyseLoadTests([input(jtl)]);
    expect(rest).toEqual([]);
    expect(merged!.files.map((f) => f.path)).toEqual(['runner-a.jtl', 'runner-b.jtl']);
    for (const key of ['requests', 'errors', 'throughput', 'duration'] as const) expect(merged!.overall[key]!.value).toBe(whole!.overall[key]!.value);
    for (const key of ['p50', 'p90', 'p95', 'p99', 'max', 'mean'] as const)
      expect(merged!.overall.latency[key]!.value).toBe(whole!.overall.latency[key]!.value);
    expect(merged!.endpoints.map((e) => [e.name, e.requests.value, e.latency.p95!.value])).toEqual(
      whole!.endpoints.map((e) => [e.name, e.requests.value, e.latency.p95!.value]),
    );
    expect(merged!.notes.join(' ')).toMatch(/2 raw files merged exactly/);
    expect(merged!.overall.latency.p95!.source).toMatchObject({ kind: 'computed' });
  });

  it('reports raw files of separate runs (spans that do not overlap) separately, not as one days-long test', async () => {
    const results = await analyseLoadTests([input(rel), input('jmeter/jmeter213/mix/results.jtl')]);
    expect(results.map((r) => [r.files.map((f) => f.variant), r.overall.requests.value])).toEqual([
      [['jmeter-5'], rows.length],
      [['jmeter-2'], 600],
    ]);
    expect(results[0]!.notes.join(' ')).toMatch(/2 runs that do not overlap in time/);
    for (const r of results) expect(r.overall.duration!.value).toBeLessThan(3600);
  });

  it('reads the XML form, counting top-level samples only', async () => {
    const rel2 = 'jmeter/jmeter-xml-sample_log1.head.jtl';
    const t = [...readFileSync(file(rel2), 'utf8').matchAll(/ t="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    const [r] = await analyseLoadTests([memInput('results.jtl', readFileSync(file(rel2)), 13)]);
    expect(r!.files[0]!.format).toBe('jmeter-xml');
    expect(r!.overall.requests.value).toBe(t.length);
    within(r!.overall.latency.p50!.value, exact(t, 50));
    within(r!.overall.latency.p90!.value, exact(t, 90));
    expect(r!.endpoints.map((e) => e.name).sort()).toEqual(['jakarta_home', 'jmeter_home']);
    const nested = Buffer.from('<testResults>\n<httpSample t="10" s="true" lb="page"><httpSample t="4" s="true" lb="sub"/></httpSample>\n</testResults>');
    const [n] = await analyseLoadTests([memInput('n.jtl', nested, 5)]);
    expect(n!.overall.requests.value).toBe(1);
  });
});

describe('k6', () => {
  it('handleSummary JSON (real, grafana/k6-example-circleci-orb): the tool’s own numbers', async () => {
    const [r] = await analyseLoadTests([input('k6/handle-summary-k6-example-circleci-orb.json')]);
    expect(r!.files[0]!.format).toBe('k6-handle-summary');
    expect(r!.mergeable).toBe(false);
    expect(r!.overall.requests.value).toBe(20);
    expect(r!.overall.errors.value).toBe(0);
    expect(r!.overall.latency.p50!.value).toBe(259.9225);
    expect(r!.overall.latency.p90!.value).toBe(262.7999);
    expect(r!.overall.latency.p95!.value).toBe(265.1961);
    expect(r!.overall.latency.max!.value).toBe(277.909);
    expect(r!.overall.duration!.value).toBeCloseTo(8.301648, 9);
  });

  it('NDJSON (real lines): counts and exact percentiles, gzipped or not, in any chunking', async () => {
    const bytes = readFileSync(file('k6/ndjson-centminmod.json'));
    const values = bytes
      .toString()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((o) => o.type === 'Point' && o.metric === 'http_req_duration')
      .map((o) => o.data.value as number)
      .sort((a, b) => a - b);
    for (const src of [memInput('a.json', bytes, 5), memInput('a.json.gz', gzipSync(bytes), 3)]) {
      const [r] = await analyseLoadTests([src]);
      expect(r!.overall.requests.value).toBe(values.length);
      expect(r!.overall.errors.value).toBe(0);
      within(r!.overall.latency.p50!.value, exact(values, 50));
      expect(r!.overall.latency.max!.value).toBe(values.at(-1));
      expect(r!.endpoints.map((e) => e.name)).toEqual(['https://domain1.com']);
    }
  });

  it('NDJSON (real, itzaddddd/ticket-reserve) gives back k6’s own summary of the same run', async () => {
    const [raw] = await analyseLoadTests([input('k6/ndjson-ticket-reserve.json')]);
    const [summary] = await analyseLoadTests([input('k6/summary-export-ticket-reserve.json')]);
    expect(raw!.files[0]!.format).toBe('k6-ndjson');
    expect(raw!.overall.requests.value).toBe(summary!.overall.requests.value);
    expect(raw!.overall.errors.value).toBe(summary!.overall.errors.value);
    // k6 interpolates between ranks; so does Ace, from the histogram: within 0.1% of k6's figures.
    for (const key of ['p50', 'p90', 'p95'] as const) within(raw!.overall.latency[key]!.value, summary!.overall.latency[key]!.value);
    expect(raw!.overall.latency.max!.value).toBe(summary!.overall.latency.max!.value);
    within(raw!.overall.latency.mean!.value, summary!.overall.latency.mean!.value, 1e-6);
    expect(raw!.endpoints.map((e) => [e.name, e.requests.value, e.errors.value])).toEqual([['POST http://localhost:8080/event/reserve', 100, 1]]);
  });

  it('NDJSON (real lines): the vus gauge becomes the history’s user count', async () => {
    const [r] = await analyseLoadTests([input('k6/ndjson-centminmod.json')]);
    // vus 7, 4, 1 at :01, :02, :03; the three requests start in :03. The first and last seconds
    // (the run starts and stops inside them) are left out: :02 remains.
    expect(r!.history.map((h) => [h.t, h.users, h.rps])).toEqual([[1, 4, 0]]);
    expect(r!.notes.join(' ')).toMatch(/active users \(k6 vus, JMeter allThreads\)/);
  });

  it('NDJSON: errors from expected_response, endpoints from method + name', async () => {
    const lines = [
      '{"metric":"http_req_duration","type":"Point","data":{"time":"2024-01-01T00:00:01Z","value":10,"tags":{"expected_response":"true","method":"GET","name":"/a","status":"200"}}}',
      '{"metric":"http_reqs","type":"Point","data":{"time":"2024-01-01T00:00:01Z","value":1,"tags":{"method":"GET","name":"/a","status":"200"}}}',
      '{"metric":"http_req_duration","type":"Point","data":{"time":"2024-01-01T00:00:03Z","value":30,"tags":{"expected_response":"false","method":"POST","name":"/b","status":"500"}}}',
    ];
    const [r] = await analyseLoadTests([memInput('x.json', Buffer.from(lines.join('\n')), 11)]);
    expect(r!.overall.requests.value).toBe(2);
    expect(r!.overall.errors.value).toBe(1);
    expect(r!.endpoints.map((e) => e.name).sort()).toEqual(['GET /a', 'POST /b']);
    expect(r!.overall.duration!.value).toBeCloseTo(2.01, 6);
  });

  it('--summary-export (real, itzaddddd/ticket-reserve): the tool’s own numbers, failures from http_req_failed', async () => {
    const [r] = await analyseLoadTests([input('k6/summary-export-ticket-reserve.json')]);
    expect(r!.files[0]!.format).toBe('k6-summary-export');
    expect(r!.mergeable).toBe(false);
    expect(r!.overall.requests.value).toBe(100);
    // http_req_failed is a Rate of failures: its "passes" (1) are the failed requests.
    expect(r!.overall.errors.value).toBe(1);
    expect(r!.overall.latency.p50!.value).toBe(3390.69845);
    expect(r!.overall.latency.p90!.value).toBe(4030.33387);
    expect(r!.overall.latency.p95!.value).toBe(4101.811365);
    expect(r!.overall.latency.p99).toBeNull();
    expect(r!.overall.latency.max!.value).toBe(4180.7135);
    expect(r!.overall.throughput!.value).toBe(23.738350582489275);
    expect(r!.overall.duration!.value).toBeCloseTo(100 / 23.738350582489275, 9);
    expect(r!.notes.join(' ')).toMatch(/duration derived from http_reqs count \/ rate/);
    expect(r!.overall.requests.source).toMatchObject({ kind: 'measured' });
  });

  it('--summary-export with custom summaryTrendStats (real, andreposman/qr-code-generator): p(99) kept, absent stats absent', async () => {
    const [r] = await analyseLoadTests([input('k6/summary-export-qr-code-generator.json')]);
    expect(r!.overall.requests.value).toBe(493168);
    expect(r!.overall.errors.value).toBe(0);
    expect(r!.overall.latency.p50!.value).toBe(3.12);
    expect(r!.overall.latency.p99!.value).toBe(348.6492700000003);
    expect(r!.overall.latency.max!.value).toBe(1737.376);
    expect(r!.overall.latency.p90).toBeNull();
    expect(r!.overall.latency.p95).toBeNull();
    expect(r!.overall.throughput!.value).toBe(4288.100370179589);
  });

  it('CSV output (real, dlmohamed13/trello_cypress, k6 0.3x 18 columns): one row per request, endpoints by method + name', async () => {
    const rows = readFileSync(file('k6/csv-trello-cypress.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const durations = rows
      .filter((f) => f[0] === 'http_req_duration')
      .map((f) => Number(f[2]))
      .sort((a, b) => a - b);
    expect(durations).toHaveLength(3);
    for (const src of [input('k6/csv-trello-cypress.csv'), memInput('r.csv.gz', gzipSync(readFileSync(file('k6/csv-trello-cypress.csv'))), 9)]) {
      const [r] = await analyseLoadTests([src]);
      expect(r!.files[0]!.format).toBe('k6-csv');
      expect(r!.overall.requests.value).toBe(3);
      expect(r!.overall.errors.value).toBe(0);
      for (const p of [50, 90, 95, 99] as const) within(r!.overall.latency[`p${p}`]!.value, exact(durations, p));
      expect(r!.overall.latency.max!.value).toBe(7.263);
      expect(r!.endpoints.map((e) => e.name).sort()).toEqual([
        'GET http://localhost:3000',
        'GET http://localhost:3000/api/boards',
        'POST http://localhost:3000/api/boards',
      ]);
    }
  });

  it('CSV output: http_req_duration rows, columns by name', async () => {
    const csv = [
      'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags,metadata',
      'http_reqs,1700000000,1.000000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
      'http_req_duration,1700000000,12.500000,,,,true,,GET,http://127.0.0.1/,HTTP/1.1,default,,200,,,http://127.0.0.1/,,',
      'http_req_duration,1700000002,7.000000,,,,false,,GET,http://127.0.0.1/,HTTP/1.1,default,,503,,,http://127.0.0.1/,,',
    ].join('\n');
    const [r] = await analyseLoadTests([memInput('k6.csv', Buffer.from(csv))]);
    expect(r!.files[0]!.format).toBe('k6-csv');
    expect(r!.overall.requests.value).toBe(2);
    expect(r!.overall.errors.value).toBe(1);
    expect(r!.overall.latency.max!.value).toBe(12.5);
  });
});

describe('Gatling (real js/global_stats.json and js/stats.json of one run, AndreyLysov/gatling_demo)', () => {
  it('reports Gatling’s own numbers and says percentiles1..4 are P50/P75/P95/P99', async () => {
    const [r] = await analyseLoadTests([input('gatling/global_stats.json')]);
    expect(r!.overall.requests.value).toBe(388);
    expect(r!.overall.errors.value).toBe(1);
    expect(r!.overall.latency.p50!.value).toBe(1101);
    expect(r!.overall.latency.p95!.value).toBe(16059);
    expect(r!.overall.latency.p99!.value).toBe(24858);
    expect(r!.overall.latency.max!.value).toBe(31323);
    expect(r!.overall.latency.p90).toBeNull();
    expect(r!.notes.join(' ')).toMatch(/P50\/P75\/P95\/P99/);
  });

  it('stats.json: the same overall figures, and every request of the tree as an endpoint', async () => {
    const [global] = await analyseLoadTests([input('gatling/global_stats.json')]);
    const [r] = await analyseLoadTests([input('gatling/stats.json')]);
    expect(r!.files[0]).toMatchObject({ format: 'gatling-stats', variant: 'stats' });
    for (const key of ['p50', 'p95', 'p99', 'max'] as const) expect(r!.overall.latency[key]!.value).toBe(global!.overall.latency[key]!.value);
    expect([r!.overall.requests.value, r!.overall.errors.value]).toEqual([388, 1]);
    expect(r!.endpoints).toHaveLength(41);
    expect(r!.endpoints.reduce((n, e) => n + e.requests.value, 0)).toBe(388);
    const home = r!.endpoints.find((e) => e.name === 'Getting Google Homepage')!;
    expect([home.requests.value, home.errors.value]).toEqual([10, 1]);
    expect([home.latency.p50!.value, home.latency.p95!.value, home.latency.p99!.value, home.latency.max!.value]).toEqual([511, 11559, 11588, 11595]);
  });
});

describe('errors', () => {
  it('refuses an unknown file with a message naming the formats', async () => {
    await expect(analyseLoadTests([memInput('notes.txt', Buffer.from('hello'))])).rejects.toThrow(/not a recognised load-test result/);
  });
  it('filters endpoints', async () => {
    const [r] = await analyseLoadTests([input('locust/run_stats.csv')], { endpointFilter: 'items' });
    expect(r!.endpoints.map((e) => e.name)).toEqual(['GET /items']);
  });
});
