/**
 * A stand-in for a service instrumented with native histograms, which prom-client cannot
 * expose: it serves Prometheus's protobuf exposition format (delimited MetricFamily messages,
 * encoded by hand below) with a request counter and a native histogram fed at a known rate
 * from known values, so the true throughput, error ratio and percentiles are known exactly.
 */
import { createServer, type Server } from 'node:http';

// --- Protocol Buffers, the few encodings io.prometheus.client.MetricFamily needs ---
function varint(n: number): number[] {
  const out: number[] = [];
  let v = BigInt(n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
const zigzag = (n: number) => (n >= 0 ? 2 * n : -2 * n - 1);
const key = (field: number, wire: number) => varint((field << 3) | wire);
const uint = (field: number, n: number) => [...key(field, 0), ...varint(n)];
const sint = (field: number, n: number) => uint(field, zigzag(n));
const double = (field: number, x: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(x);
  return [...key(field, 1), ...b];
};
const bytes = (field: number, payload: number[]) => [...key(field, 2), ...varint(payload.length), ...payload];
const text = (field: number, s: string) => bytes(field, [...Buffer.from(s, 'utf8')]);
const packedSint = (field: number, values: number[]) =>
  bytes(
    field,
    values.flatMap((v) => varint(zigzag(v))),
  );

const COUNTER = 0;
const HISTOGRAM = 4;
/** Native-histogram schema 3: each bucket is 2^(1/8) ≈ 1.09 times the one below. */
export const SCHEMA = 3;

const labels = (pairs: Record<string, string>) => Object.entries(pairs).flatMap(([n, v]) => bytes(1, [...text(1, n), ...text(2, v)]));

/** The bucket index holding v (> 0): bucket i is (base^(i-1), base^i], base = 2^(2^-schema). */
export function bucketIndex(v: number): number {
  return Math.ceil(Math.log2(v) * 2 ** SCHEMA);
}

/** The bounds, in the observed unit, of the bucket holding v. */
export function bucketBounds(v: number): [number, number] {
  const i = bucketIndex(v);
  const base = 2 ** (2 ** -SCHEMA);
  return [base ** (i - 1), base ** i];
}

function nativeHistogram(counts: Map<number, number>, sum: number): number[] {
  const indices = [...counts.keys()].sort((a, b) => a - b);
  const spans: number[] = [];
  let previousEnd: number | null = null;
  let spanStart = 0;
  let length = 0;
  const flush = () => {
    if (length > 0) spans.push(...bytes(12, [...sint(1, spanStart - (previousEnd ?? 0)), ...uint(2, length)]));
  };
  let last: number | null = null;
  for (const i of indices) {
    if (last !== null && i === last + 1) length++;
    else {
      if (last !== null) {
        flush();
        previousEnd = last + 1;
      }
      spanStart = i;
      length = 1;
    }
    last = i;
  }
  flush();
  let previous = 0;
  const deltas = indices.map((i) => {
    const c = counts.get(i)!;
    const d = c - previous;
    previous = c;
    return d;
  });
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...uint(1, total), ...double(2, sum), ...sint(5, SCHEMA), ...double(6, 1e-128), ...uint(7, 0), ...spans, ...packedSint(13, deltas)];
}

function family(name: string, help: string, type: number, metrics: number[][]): number[] {
  const body = [...text(1, name), ...text(2, help), ...uint(3, type), ...metrics.flatMap((m) => bytes(4, m))];
  return [...varint(body.length), ...body];
}

export interface NativeExporter {
  url: string;
  port: number;
  /** Requests recorded so far, by status. */
  counts: () => { ok: number; failed: number };
  close(): Promise<void>;
}

/**
 * Records `perTick` requests on route /a every `tickMs`, their durations cycling through
 * `valuesSeconds`, every `failEvery`-th one a 500; serves them on /metrics.
 */
export async function startNativeExporter(valuesSeconds: number[], perTick = 10, tickMs = 100, failEvery = 10): Promise<NativeExporter> {
  const buckets = new Map<number, number>();
  let sum = 0;
  let ok = 0;
  let failed = 0;
  let n = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < perTick; k++) {
      const v = valuesSeconds[n % valuesSeconds.length]!;
      n++;
      if (n % failEvery === 0) failed++;
      else ok++;
      buckets.set(bucketIndex(v), (buckets.get(bucketIndex(v)) ?? 0) + 1);
      sum += v;
    }
  }, tickMs);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    const body = Buffer.from([
      ...family('http_requests_total', 'Requests by route and status.', COUNTER, [
        [...labels({ route: '/a', status: '200' }), ...bytes(3, double(1, ok))],
        [...labels({ route: '/a', status: '500' }), ...bytes(3, double(1, failed))],
      ]),
      ...family('http_request_duration_seconds', 'Request duration, native histogram.', HISTOGRAM, [
        [...labels({ route: '/a' }), ...bytes(7, nativeHistogram(buckets, sum))],
      ]),
    ]);
    res.writeHead(200, { 'content-type': 'application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts: () => ({ ok, failed }),
    close: async () => {
      clearInterval(timer);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
