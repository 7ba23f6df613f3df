/**
 * Native histograms, honestly: prom-client cannot expose them, so a stand-in exporter serves
 * Prometheus's protobuf format with a native histogram fed from known values at a known rate,
 * scraped by Debian's real Prometheus with --enable-feature=native-histograms.
 * metrics_red_baseline must find it, and its percentiles must land in the buckets holding the
 * true values.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AceConnection } from '../src/server/in-memory.js';
import { connectChecked } from './support/client.js';
import { callTool } from '../src/server/typed-client.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { Session } from '../src/session/session.js';
import { makeTree } from './support/files-tree.js';
import { bucketBounds, startNativeExporter, type NativeExporter } from './support/native-exporter.js';
import { newHarness, promApi, startPrometheus, stopAll, waitForScrapes, type PrometheusServer } from './support/prometheus.js';
import { isAlive } from './support/processes.js';

/** Durations the exporter cycles through: each a fifth of the requests. */
const VALUES = [0.01, 0.02, 0.03, 0.04, 0.05];
const h = newHarness();
let exporter: NativeExporter;
let prometheus: PrometheusServer;
let ace: AceConnection;

beforeAll(async () => {
  exporter = await startNativeExporter(VALUES);
  prometheus = await startPrometheus(h, { native: `127.0.0.1:${exporter.port}` }, [], ['--enable-feature=native-histograms']);
  await waitForScrapes(prometheus.url, ['native']);
  const root = await makeTree({ 'ace.config.json': JSON.stringify({ prometheus: [{ name: 'local', url: prometheus.url }] }) });
  h.dirs.push(root);
  ace = await connectChecked(await Sandbox.open(root), new Session(), () => {});
  // Six seconds of samples at one scrape a second.
  await new Promise((r) => setTimeout(r, 6000));
}, 60_000);

afterAll(async () => {
  await ace?.close();
  await exporter?.close();
  await stopAll(h);
  for (const child of h.children) expect(isAlive(child.pid!)).toBe(false);
});

it('Prometheus holds a native histogram (no _bucket series)', async () => {
  const names = await promApi(prometheus.url, '/api/v1/label/__name__/values', { 'match[]': '{job="native"}' });
  expect(names.data).toContain('http_request_duration_seconds');
  expect(names.data).not.toContain('http_request_duration_seconds_bucket');
  const raw = await callTool(ace.client, 'metrics_query', { source: 'local', query: 'http_request_duration_seconds{job="native"}' });
  expect(raw.series[0]!.histograms![0]![1].buckets!.length).toBe(VALUES.length);
});

it('metrics_red_baseline finds it and puts each percentile in the bucket holding the true value', async () => {
  const red = await callTool(ace.client, 'metrics_red_baseline', { source: 'local', service: 'native', window: '4s' });
  expect(red.metrics.histogram).toEqual({ name: 'http_request_duration_seconds', kind: 'native', unit: 's' });
  const a = red.endpoints.find((e) => e.name === '/a')!;
  // 10 requests every 100 ms, one in ten a 500.
  expect(a.throughput.value).toBeGreaterThan(90);
  expect(a.throughput.value).toBeLessThan(110);
  expect(a.error_ratio!.value).toBeGreaterThan(9);
  expect(a.error_ratio!.value).toBeLessThan(11);
  // The true P50 is 30 ms (a fifth of the requests each at 10..50 ms); P95 and P99 are 50 ms.
  for (const [p, truth] of [
    [a.latency!.p50, 0.03],
    [a.latency!.p95, 0.05],
    [a.latency!.p99, 0.05],
  ] as const) {
    const [lower, upper] = bucketBounds(truth).map((b) => b * 1000);
    expect(p.bucket_lower_ms).toBeCloseTo(lower!, 3);
    expect(p.bucket_upper_ms).toBeCloseTo(upper!, 3);
    expect(p.value!.value).toBeGreaterThanOrEqual(p.bucket_lower_ms!);
    expect(p.value!.value).toBeLessThanOrEqual(p.bucket_upper_ms!);
    expect(p.resolution_ms).toBeLessThan(0.1 * truth * 1000);
    expect(p.value!.source.kind === 'measured' && p.value!.source.ref).toMatch(
      /^promql histogram_quantile\(0\.\d+, sum by \(route\) \(rate\(http_request_duration_seconds\{job="native"\}\[4s\]\)\)\) @ local/,
    );
  }
});
