/**
 * The raw result files bench/ingest.mjs reads: one deterministic stream of requests (an API of
 * a few endpoints, ids in its URLs, log-normal latencies with a tail, 2% server errors, users
 * ramping in steps) written in every raw format `loadtest_summary` reads, in the shapes of the
 * real files in test/fixtures/loadtests/. The same seed gives the same bytes on every machine;
 * the truth (requests, errors) is counted while writing.
 */
import { createWriteStream } from 'node:fs';

/** Bump when a writer changes: cached files of an older version are written again. */
export const GENERATOR_VERSION = 1;

/** xorshift32 with a fixed seed: uniform in [0, 1). */
function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const ENDPOINTS = [
  { method: 'GET', path: '/api/items', label: 'list items', baseMs: 8, ids: 0 },
  { method: 'GET', path: '/api/items/', label: 'get item', baseMs: 4, ids: 2000 },
  { method: 'POST', path: '/api/orders', label: 'create order', baseMs: 30, ids: 0 },
  { method: 'GET', path: '/api/orders/', label: 'get order', baseMs: 6, ids: 5000 },
  { method: 'GET', path: '/health', label: 'health', baseMs: 1, ids: 0 },
];
const ORIGIN = 'http://127.0.0.1:8080';
const START_MS = Date.parse('2026-01-05T09:00:00Z');
const THREADS_PER_STEP = 10;
const STEP_SECONDS = 30;

/**
 * Requests in start order: `startMs` (epoch ms, fractional), `ms` (latency), the endpoint and
 * its URL, the status, the user count of that second and the thread that sent it.
 */
function* requestStream(seed) {
  const rand = random(seed);
  let t = START_MS;
  for (;;) {
    const step = 1 + Math.min(4, Math.floor((t - START_MS) / 1000 / STEP_SECONDS));
    const users = step * THREADS_PER_STEP;
    t += (-Math.log(1 - rand()) * 1000) / (users * 40); // about 40 req/s per user
    const e = ENDPOINTS[Math.floor(rand() * ENDPOINTS.length)];
    const url = e.ids ? `${ORIGIN}${e.path}${1 + Math.floor(rand() * e.ids)}` : `${ORIGIN}${e.path}`;
    const normal = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    const ms = e.baseMs * Math.exp(0.6 * normal) * (rand() < 0.01 ? 8 : 1);
    const failed = rand() < 0.02;
    yield { startMs: t, ms, endpoint: e, url, status: failed ? 500 : 200, failed, users, thread: 1 + Math.floor(rand() * users) };
  }
}

// ------------------------------------------------------------------ k6 --out json

const K6_OFFSET_MS = 2 * 3600_000;

/** k6's RFC 3339 time with microseconds and the local offset, e.g. 2026-01-05T11:00:00.123456+02:00. */
function k6Time(ms) {
  const iso = new Date(Math.floor(ms) + K6_OFFSET_MS).toISOString();
  const micros = String(Math.floor((ms % 1) * 1000)).padStart(3, '0');
  return `${iso.slice(0, 23)}${micros}+02:00`;
}

/** The metrics k6 writes a Point of for each HTTP request, in its order. */
export const K6_REQUEST_METRICS = [
  'http_reqs',
  'http_req_duration',
  'http_req_blocked',
  'http_req_connecting',
  'http_req_tls_handshaking',
  'http_req_sending',
  'http_req_waiting',
  'http_req_receiving',
  'http_req_failed',
  'data_sent',
  'data_received',
];

/** The values k6 writes for one request, metric by metric (same order as K6_REQUEST_METRICS). */
function k6Values(r) {
  const dur = Number(r.ms.toFixed(6));
  return [1, dur, 0.0031, 0, 0, 0.0213, Number((dur * 0.97).toFixed(6)), 0.0502, r.failed ? 1 : 0, 112, r.failed ? 201 : 356];
}

/** Which system tags a k6 run writes: every default one, without expected_response, or trimmed. */
const K6_TAGS = {
  all(r) {
    const error = r.failed ? `"error_code":"1500",` : '';
    return `{${error}"expected_response":"${!r.failed}","group":"","method":"${r.endpoint.method}","name":"${r.url}","proto":"HTTP/1.1","scenario":"default","status":"${r.status}","url":"${r.url}"}`;
  },
  noExpected(r) {
    return `{"group":"","method":"${r.endpoint.method}","name":"${r.url}","proto":"HTTP/1.1","scenario":"default","status":"${r.status}","url":"${r.url}"}`;
  },
  /** `--system-tags=name,status`: no method, no expected_response. */
  trimmed(r) {
    return `{"name":"${r.url}","status":"${r.status}"}`;
  },
};

function k6NdjsonWriter(tagsOf) {
  const declarations = [...K6_REQUEST_METRICS, 'iterations', 'iteration_duration', 'vus']
    .map((m) => `{"type":"Metric","data":{"name":"${m}","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"${m}"}\n`)
    .join('');
  const iterationTags = tagsOf === K6_TAGS.trimmed ? '{}' : '{"group":"","scenario":"default"}';
  return {
    head: () => declarations,
    second: (ms, users) => `{"metric":"vus","type":"Point","data":{"time":"${k6Time(ms)}","value":${users},"tags":{}}}\n`,
    request(r) {
      const time = k6Time(r.startMs + r.ms);
      const tags = tagsOf(r);
      const values = k6Values(r);
      let out = '';
      for (let i = 0; i < K6_REQUEST_METRICS.length; i++) {
        out += `{"metric":"${K6_REQUEST_METRICS[i]}","type":"Point","data":{"time":"${time}","value":${values[i]},"tags":${tags}}}\n`;
      }
      out += `{"metric":"iterations","type":"Point","data":{"time":"${time}","value":1,"tags":${iterationTags}}}\n`;
      out += `{"metric":"iteration_duration","type":"Point","data":{"time":"${time}","value":${(r.ms + 0.4).toFixed(6)},"tags":${iterationTags}}}\n`;
      return out;
    },
    tail: () => '',
  };
}

// ------------------------------------------------------------------ k6 --out csv

const K6_CSV_TAGS = [
  'check',
  'error',
  'error_code',
  'expected_response',
  'group',
  'method',
  'name',
  'proto',
  'scenario',
  'service',
  'status',
  'subproto',
  'tls_version',
  'url',
  'extra_tags',
];
const K6_CSV_HEADER = `metric_name,timestamp,metric_value,${K6_CSV_TAGS.join(',')}\n`;

/** A k6 CSV row: the metric, its timestamp and value, then the tag columns of K6_CSV_HEADER. */
function k6CsvRow(metric, ts, value, tags = {}) {
  const cells = K6_CSV_TAGS.map((tag) => tags[tag] ?? '');
  return `${metric},${ts},${value},${cells.join(',')}\n`;
}

const k6CsvWriter = {
  head: () => K6_CSV_HEADER,
  second: (ms, users) => k6CsvRow('vus', Math.floor(ms / 1000), users.toFixed(6)),
  request(r) {
    const ts = Math.floor((r.startMs + r.ms) / 1000);
    const tags = {
      error_code: r.failed ? '1500' : '',
      expected_response: String(!r.failed),
      method: r.endpoint.method,
      name: r.url,
      proto: 'HTTP/1.1',
      scenario: 'default',
      status: String(r.status),
      url: r.url,
    };
    const values = k6Values(r);
    let out = '';
    for (let i = 0; i < K6_REQUEST_METRICS.length; i++) out += k6CsvRow(K6_REQUEST_METRICS[i], ts, values[i].toFixed(6), tags);
    out += k6CsvRow('iterations', ts, '1.000000', { scenario: 'default' });
    out += k6CsvRow('iteration_duration', ts, (r.ms + 0.4).toFixed(6), { scenario: 'default' });
    return out;
  },
  tail: () => '',
};

// ------------------------------------------------------------------ JMeter JTL

const jtlMs = (r) => Math.max(1, Math.round(r.ms));
const jtlLabel = (r) => `${r.endpoint.method} ${r.endpoint.label}`;

/** JMeter 5's default CSV columns; a failed assertion's message holds a comma, so it is quoted. */
const jtlCsvWriter = {
  head: () =>
    'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n',
  second: () => '',
  request(r) {
    const ms = jtlMs(r);
    const outcome = r.failed ? '500,Internal Server Error' : '200,OK';
    const failure = r.failed ? '"Test failed: code expected to equal /200/, received /500/"' : '';
    return `${Math.floor(r.startMs)},${ms},${jtlLabel(r)},${outcome},Users 1-${r.thread},text,${!r.failed},${failure},${r.failed ? 201 : 356},112,${r.users},${r.users},${r.url},${Math.max(1, ms - 1)},0,0\n`;
  },
  tail: () => '',
};

/** The fewest columns a JTL can have and keep time and outcome, with `;` as JMeter's default_delimiter. */
const jtlMinimalWriter = {
  head: () => 'timeStamp;elapsed;label;success\n',
  second: () => '',
  request: (r) => `${Math.floor(r.startMs)};${jtlMs(r)};${jtlLabel(r)};${!r.failed}\n`,
  tail: () => '',
};

/** JMeter's XML JTL: a self-closing sample, or one holding its failed assertion. */
const jtlXmlWriter = {
  head: () => '<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n',
  second: () => '',
  request(r) {
    const ms = jtlMs(r);
    const attrs = `t="${ms}" it="0" lt="${Math.max(1, ms - 1)}" ct="0" ts="${Math.floor(r.startMs)}" s="${!r.failed}" lb="${jtlLabel(r)}" rc="${r.status}" rm="${r.failed ? 'Internal Server Error' : 'OK'}" tn="Users 1-${r.thread}" dt="text" by="${r.failed ? 201 : 356}" sby="112" ng="${r.users}" na="${r.users}"`;
    if (!r.failed) return `<httpSample ${attrs}/>\n`;
    return `<httpSample ${attrs}>\n  <assertionResult>\n    <name>Response Assertion</name>\n    <failure>true</failure>\n    <error>false</error>\n    <failureMessage>Test failed: code expected to equal /200/</failureMessage>\n  </assertionResult>\n</httpSample>\n`;
  },
  tail: () => '</testResults>\n',
};

/** Every file the bench reads: its name, the format the tool should detect, and its writer. */
export const INGEST_CASES = [
  { id: 'k6-ndjson-all-tags', ext: 'ndjson', format: 'k6-ndjson', what: 'k6 --out json, every default system tag', writer: k6NdjsonWriter(K6_TAGS.all) },
  {
    id: 'k6-ndjson-no-expected',
    ext: 'ndjson',
    format: 'k6-ndjson',
    what: 'k6 --out json without expected_response (older k6)',
    writer: k6NdjsonWriter(K6_TAGS.noExpected),
  },
  { id: 'k6-ndjson-trimmed', ext: 'ndjson', format: 'k6-ndjson', what: 'k6 --out json, --system-tags=name,status', writer: k6NdjsonWriter(K6_TAGS.trimmed) },
  { id: 'k6-csv', ext: 'csv', format: 'k6-csv', what: 'k6 --out csv', writer: k6CsvWriter },
  { id: 'jmeter-csv-default', ext: 'jtl', format: 'jmeter-csv', what: "JMeter 5 CSV JTL, default columns, ','", writer: jtlCsvWriter },
  { id: 'jmeter-csv-minimal', ext: 'jtl', format: 'jmeter-csv', what: "JMeter CSV JTL, 4 columns, ';'", writer: jtlMinimalWriter },
  { id: 'jmeter-xml', ext: 'jtl', format: 'jmeter-xml', what: 'JMeter XML JTL, assertion results nested', writer: jtlXmlWriter },
];

/** Writes `sizeBytes` (a little more: whole requests) of one case to `path`; returns the truth. */
export async function writeCase(kase, path, sizeBytes) {
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  const w = kase.writer;
  let batch = w.head();
  let bytes = 0;
  let requests = 0;
  let errors = 0;
  let second = -1;
  for (const r of requestStream(42)) {
    if (bytes + batch.length >= sizeBytes) break;
    const s = Math.floor(r.startMs / 1000);
    if (s !== second) {
      second = s;
      batch += w.second(r.startMs, r.users);
    }
    batch += w.request(r);
    requests++;
    if (r.failed) errors++;
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await new Promise((resolve) => out.once('drain', resolve));
      batch = '';
    }
  }
  batch += w.tail();
  bytes += Buffer.byteLength(batch);
  out.write(batch);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
  return { version: GENERATOR_VERSION, bytes, requests, errors };
}
