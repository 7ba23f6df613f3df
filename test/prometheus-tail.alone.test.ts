/**
 * The RED baseline's tail against the load generator's, both ways. The closed-loop load of
 * prometheus-live.test.ts keeps two cores busy, so its client's tail holds its own queueing and
 * is checked one way only. Here, with the machine to itself (an `.alone` file runs after the
 * others, one at a time), one paced run sends a fixed 100 req/s to /slow over 10 connections,
 * each busy about a third of the time, after three seconds of warm-up (first connections, a cold JIT on both sides):
 * what autocannon sees is the server's time plus its own small, steady overhead.
 * Ace is the built `ace mcp` over stdio: the file imports none of the sources, so this last,
 * serial part of the suite does not wait for them to be compiled and loaded again.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { ToolName, ToolResult } from '../src/server/typed-client.js';
import { makeTree } from './support/files-tree.js';
import { spawnAce, textOf, type HostileServer } from './support/hostile-server.js';
import { autocannon, newHarness, steadySeconds, stopAll, waitForScrapes, type AutocannonSummary } from './support/prometheus.js';
import { isAlive } from './support/processes.js';

const RATE = 100;
const h = newHarness();
let ace: HostileServer;
let slowUrl: string;

beforeAll(async () => {
  // The service and Prometheus were started with the suite (prometheus-tail.setup.ts).
  const rig = inject('tailRig');
  const root = await makeTree({ 'ace.config.json': JSON.stringify({ prometheus: [{ name: 'local', url: rig.prometheusUrl }] }) });
  h.dirs.push(root);
  ace = await spawnAce(root);
  await waitForScrapes(rig.prometheusUrl, ['calm']);
  slowUrl = `${rig.serviceUrl}/slow`;
}, 60_000);

/** A tool's structured result; a tool error fails the test with its message. */
async function callTool<N extends ToolName>(name: N, args: Record<string, unknown>): Promise<ToolResult<N>> {
  const result = await ace.call(name, args);
  if (result.isError) throw new Error(`${name}: ${textOf(result)}`);
  return result.structuredContent as ToolResult<N>;
}

/**
 * A paced run, and the seconds it went at its rate: a second after it started, a second before it
 * finished. The queries end there, so the scrapes they read (one a second) are in the TSDB by the
 * time the run is over: no wait for another one.
 */
async function pacedRun(): Promise<{ paced: AutocannonSummary; steady: { from: number; to: number } }> {
  const paced = await autocannon(h, slowUrl, 10, 8, { rate: RATE, warmupSeconds: 3 });
  return { paced, steady: steadySeconds([paced]) };
}

afterAll(async () => {
  await ace?.close();
  await stopAll(h);
  for (const child of h.children) expect(isAlive(child.pid!)).toBe(false);
});

// /slow waits 20, 25, 30, 35 then 40 ms in turn: its P50 lies in the 30 ms step, inside the (30, 35] ms bucket, and
// its P95 and P99 in the 40 ms step, inside (40, 45].
// A run the machine disturbs anyway (a pause of the client alone) is noise, not disagreement, so it is measured again;
// a wrong percentile or bucket would fail every run.
it('agrees with the client on P50, P95 and P99 both ways, within the bucket resolution', { retry: 2, timeout: 30_000 }, async () => {
  const { paced, steady } = await pacedRun();
  const seconds = steady.to - steady.from;
  const red = await callTool('metrics_red_baseline', { source: 'local', service: 'calm', window: seconds, end: steady.to });
  const slow = red.endpoints.find((e) => e.name === '/slow')!;
  expect(paced.non2xx + paced.errors).toBe(0);
  // The pace held (autocannon catches up after a stall, so a second can run a little over it).
  expect(Math.abs(slow.throughput.value / RATE - 1)).toBeLessThan(0.1);
  // The client's mean overhead over the server's mean: the network and its event loop.
  const mean = await callTool('metrics_query', {
    source: 'local',
    query: `sum(rate(http_request_duration_seconds_sum{job="calm"}[${seconds}s])) / sum(rate(http_request_duration_seconds_count{job="calm"}[${seconds}s]))`,
    time: steady.to,
  });
  const overhead = Math.max(0, paced.latency.average - 1000 * Number(mean.series[0]!.points[0]![1]));
  expect(overhead).toBeLessThan(5);
  // autocannon reports whole milliseconds: 1 ms of rounding either way, plus the client's overhead above it.
  const below = 1;
  const above = 1 + overhead;
  const { p50, p95, p99 } = slow.latency!;
  // Agreement within the bucket resolution, both ways: the client is never faster than the server's bucket, and
  // lies within one bucket width of the server's estimate (above it by the client's own share at most).
  const agree = (client: number, p: typeof p50) => {
    expect(client).toBeGreaterThanOrEqual(p.bucket_lower_ms! - below);
    expect(client - p.value!.value).toBeLessThanOrEqual(p.resolution_ms! + above);
    expect(p.value!.value - client).toBeLessThanOrEqual(p.resolution_ms! + below);
  };
  agree(paced.latency.p50, p50);
  agree(paced.latency.p99, p99);
  // autocannon has no P95: its P90 and P97.5 bracket it.
  agree(paced.latency.p90, p95);
  agree(paced.latency.p97_5, p95);
  // The buckets the service's known delays put them in, so an estimate one bucket off cannot pass.
  expect([p50.bucket_lower_ms, p50.bucket_upper_ms]).toEqual([30, 35]);
  expect([p95.bucket_lower_ms, p95.bucket_upper_ms]).toEqual([40, 45]);
  expect([p99.bucket_lower_ms, p99.bucket_upper_ms]).toEqual([40, 45]);
});
