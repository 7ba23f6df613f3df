/**
 * Real processes for the Prometheus tests: Debian's prometheus server on a free loopback port
 * with a temporary data directory, the example service, and autocannon runs. Every process is
 * tracked by PID and killed by `stopAll`, even when a test fails; nothing stops by name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './processes.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
const SERVICE = fileURLToPath(new URL('../../examples/api-service/server.mjs', import.meta.url));
const AUTOCANNON = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));

export interface Harness {
  /** Every child started, by PID. */
  children: ChildProcess[];
  dirs: string[];
}

export function newHarness(): Harness {
  return { children: [], dirs: [] };
}

/** Kills every child still running (SIGKILL after a grace period), removes the temporary dirs. */
export async function stopAll(h: Harness): Promise<void> {
  await Promise.all(
    h.children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }),
  );
  await Promise.all(h.dirs.map((d) => rm(d, { recursive: true, force: true })));
}

export async function tempDir(h: Harness, prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  h.dirs.push(dir);
  return dir;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function track(h: Harness, child: ChildProcess, log: string[]): ChildProcess {
  h.children.push(child);
  child.stdout?.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => log.push(d.toString()));
  return child;
}

/** The example service on a free port, stopping by itself after `lifetimeSeconds`. */
export async function startService(h: Harness, lifetimeSeconds: number, env: Record<string, string> = {}): Promise<{ port: number; url: string }> {
  const port = await freePort();
  const log: string[] = [];
  track(
    h,
    spawn(process.execPath, [SERVICE, String(port), String(lifetimeSeconds)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
    log,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`the example service on ${port}`, async () => ((await fetch(`${url}/metrics`)).ok ? true : undefined), 10_000, 50);
  return { port, url };
}

export interface PrometheusServer {
  url: string;
  pid: number;
  log: string[];
}

/**
 * Debian's Prometheus on a free loopback port, scraping `targets` (job → host:port) every
 * second and evaluating `ruleFiles` every second; ready when /-/ready answers.
 */
export async function startPrometheus(h: Harness, targets: Record<string, string>, ruleFiles: string[] = [], flags: string[] = []): Promise<PrometheusServer> {
  const dir = await tempDir(h, 'ace-prometheus-');
  const config = [
    'global: { scrape_interval: 1s, evaluation_interval: 1s }',
    `rule_files: ${JSON.stringify(ruleFiles)}`,
    'scrape_configs:',
    ...Object.entries(targets).map(([job, target]) => `  - { job_name: ${JSON.stringify(job)}, static_configs: [{ targets: [${JSON.stringify(target)}] }] }`),
  ].join('\n');
  await writeFile(path.join(dir, 'prometheus.yml'), `${config}\n`);
  const port = await freePort();
  const log: string[] = [];
  const child = track(
    h,
    spawn(
      PROMETHEUS_BIN,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        ...flags,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
    log,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor('Prometheus to be ready', async () => ((await fetch(`${url}/-/ready`)).ok ? true : undefined), 20_000, 100);
  return { url, pid: child.pid!, log };
}

/**
 * Waits until every job has been scraped successfully: Prometheus applies its targets a few
 * seconds after start, and load sent before the first scrape would be missing from rate().
 */
export async function waitForScrapes(prometheusUrl: string, jobs: string[]): Promise<void> {
  await waitFor(
    `Prometheus to scrape ${jobs.join(', ')}`,
    async () => {
      const { data } = await promApi(prometheusUrl, '/api/v1/query', { query: 'up == 1' });
      const up = new Set((data.result as { metric: { job: string } }[]).map((r) => r.metric.job));
      return jobs.every((j) => up.has(j)) ? true : undefined;
    },
    20_000,
    200,
  );
}

/** autocannon's own JSON summary of a run: closed-loop (`-c connections -d seconds`), or paced at a fixed total rate (`-R`). */
export interface AutocannonSummary {
  /** total, and the per-second counts' mean, median, min and max. */
  requests: { total: number; average: number; p50: number; min: number; max: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  duration: number;
  /** When the run started and finished (ISO dates). */
  start: string;
  finish: string;
}

/**
 * Runs autocannon and returns its summary. `pace`: a fixed total rate (`-R`, latencies as
 * measured: the rate is one the service meets, so no coordinated-omission correction), after a
 * warm-up of `warmupSeconds` whose requests the summary leaves out.
 */
export async function autocannon(
  h: Harness,
  url: string,
  connections: number,
  seconds: number,
  pace?: { rate: number; warmupSeconds: number },
): Promise<AutocannonSummary> {
  const out: string[] = [];
  const paced = pace ? ['-R', String(pace.rate), '-C', '-W', '[', '-c', String(connections), '-d', String(pace.warmupSeconds), ']'] : [];
  const child = spawn(process.execPath, [AUTOCANNON, '-c', String(connections), '-d', String(seconds), ...paced, '-j', url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  h.children.push(child);
  child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon ${url} exited with ${code}`);
  // With a warm-up, the warm-up's summary comes first, on a line of its own.
  return JSON.parse(out.join('').trim().split('\n').at(-1)!) as AutocannonSummary;
}

/** Prometheus's own answer to an API GET, for comparing with what the tools return. */
export async function promApi(base: string, apiPath: string, params: Record<string, string>): Promise<any> {
  const response = await fetch(`${base}${apiPath}?${new URLSearchParams(params)}`);
  return response.json();
}

/**
 * Copies what this process writes to stderr into `into`, still writing it; the returned
 * function restores the original writer.
 */
export function captureStderr(into: string[]): () => void {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    into.push(String(chunk));
    return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = original;
  };
}

/** The seconds every run went at full speed: a second after the last started, a second before the first finished. */
export function steadySeconds(runs: AutocannonSummary[]): { from: number; to: number } {
  return {
    from: Math.ceil(Math.max(...runs.map((r) => Date.parse(r.start) / 1000)) + 1),
    to: Math.floor(Math.min(...runs.map((r) => Date.parse(r.finish) / 1000)) - 1),
  };
}
