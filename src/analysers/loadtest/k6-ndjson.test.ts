import { describe, expect, it } from 'vitest';
import { parseK6Ndjson } from './k6-ndjson.js';
import { RawAccumulator } from './model.js';

/** The text cut into chunks of `size` bytes, as a file stream gives it. */
function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

const point = (metric: string, value: number, second: number, tags: string) =>
  `{"metric":"${metric}","type":"Point","data":{"time":"2026-01-05T09:00:${String(second).padStart(2, '0')}Z","value":${value},"tags":${tags}}}`;

async function parse(text: string, chunkSize = 1 << 20) {
  const acc = new RawAccumulator();
  const stats = await parseK6Ndjson(chunks(text, chunkSize), acc);
  const all = acc.overall();
  const endpoints = Object.fromEntries([...acc.endpoints].map(([name, e]) => [name, { requests: e.requests, errors: e.errors }]));
  return { stats, requests: all.requests, errors: all.errors, p50: all.hist.percentileMs(50), max: all.hist.maxMs, endpoints, history: acc.timeline.history() };
}

describe('k6 NDJSON without expected_response (older k6, trimmed system tags)', () => {
  // Durations 10, 20, 30, 40 ms; statuses 200, 200, 404, 503: two errors (status >= 400).
  const lines = [
    '{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"http_req_duration"}',
    point('http_reqs', 1, 1, '{"method":"GET","name":"/a","status":"200"}'),
    point('http_req_duration', 10, 1, '{"group":"","method":"GET","name":"/a","proto":"HTTP/1.1","status":"200"}'),
    point('http_req_duration', 20, 2, '{"group":"","method":"GET","name":"/a","proto":"HTTP/1.1","status":"200"}'),
    point('http_req_duration', 30, 3, '{"group":"","method":"POST","name":"/b","proto":"HTTP/1.1","status":"404"}'),
    point('http_req_duration', 40, 4, '{"group":"","method":"POST","name":"/b","proto":"HTTP/1.1","status":"503"}'),
  ];

  it('counts errors from the status, endpoints from method and name, as worked out by hand', async () => {
    const r = await parse(lines.join('\n'));
    expect(r.stats).toEqual({ points: 4, skippedMalformed: 0 });
    expect(r.requests).toBe(4);
    expect(r.errors).toBe(2);
    expect(r.endpoints).toEqual({ 'GET /a': { requests: 2, errors: 0 }, 'POST /b': { requests: 2, errors: 2 } });
    // Median of 10, 20, 30, 40 between the two middle ranks: 25 (within the histogram's 0.1%).
    expect(r.p50).toBeCloseTo(25, 1);
    expect(r.max).toBe(40);
  });

  it('gives the same figures whatever the chunk boundaries', async () => {
    const whole = await parse(lines.join('\n'));
    for (const size of [1, 7, 64, 300]) expect(await parse(lines.join('\n'), size)).toEqual(whole);
  });

  it('reads each tag of a line from that line only, never from the next one', async () => {
    // Each line lacks a tag the next line has: a search running past the end of the line would
    // take the next line's expected_response ("false") or method ("DELETE") for its own.
    const text = [
      point('http_req_duration', 10, 1, '{"name":"/a","status":"200"}'),
      point('http_req_duration', 20, 2, '{"expected_response":"false","method":"DELETE","name":"/a","status":"200"}'),
      point('http_req_duration', 30, 3, '{"name":"/c","status":"500"}'),
      point('http_req_duration', 40, 4, '{"expected_response":"true","name":"/c","status":"500"}'),
    ].join('\n');
    const r = await parse(text);
    expect(r.endpoints).toEqual({ '/a': { requests: 1, errors: 0 }, 'DELETE /a': { requests: 1, errors: 1 }, '/c': { requests: 2, errors: 1 } });
  });

  it('reads --system-tags=name,status files and vus points whichever key comes first', async () => {
    const text = [
      '{"type":"Point","data":{"time":"2026-01-05T09:00:01Z","value":5,"tags":{}},"metric":"vus"}',
      ...[1, 2, 3, 4].map((s) => point('http_req_duration', 5, s, `{"name":"/x","status":"${s === 3 ? 500 : 200}"}`)),
      point('vus', 8, 2, '{}'),
    ].join('\n');
    const r = await parse(text);
    expect(r.endpoints).toEqual({ '/x': { requests: 4, errors: 1 } });
    expect(r.history.map((h) => h.users)).toEqual([5, 8]);
  });
});
