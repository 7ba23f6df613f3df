/**
 * A real distributed Locust run (Debian python3-locust 2.12.1): a master and two workers as
 * separate processes on loopback, against the example service, with the command lines taken
 * from the generated compose file (and checked equal to the Kubernetes manifests'). Debian's
 * package reports an empty version, so each process starts through DEBIAN_LOCUST_SHIM, which
 * hands Locust its distribution's version first. Ace's figures for the run, through
 * loadtest_summary over MCP, must be the master's Aggregated row. Without the shim, the same
 * lines fail: the master takes its worker for a pre-2.0 one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { distributedRun, DistributedOptionsSchema } from '../src/distributed/index.js';
import { debianLocust, locustCommandLines } from '../src/distributed/locust.js';
import { LoadTestSpecSchema } from '../src/report/scripts/spec.js';
import { connectAce } from './support/client.js';
import { exitOf, freePort, isAlive, killAll, waitForPort } from './support/processes.js';

/** Debian's `locust` entry point, without the shim. */
const DEBIAN_LOCUST = '/usr/bin/locust';
const SERVER = fileURLToPath(new URL('../examples/api-service/server.mjs', import.meta.url));
/** Debian's interpreter: the one python3-locust is installed for. */
const PYTHON = '/usr/bin/python3';
const WORKERS = 2;

/** 4 users for 4 s on two endpoints that never fail; a p(95) threshold no run can meet. */
const spec = LoadTestSpecSchema.parse({
  baseUrl: 'http://api.internal:8080',
  thinkTimeSeconds: 0.05,
  scenarios: [{ name: 'load', executor: 'constant-vus', vus: 4, duration: '4s' }],
  endpoints: [
    { name: 'fast', method: 'GET', path: '/fast', weight: 2 },
    { name: 'slow', method: 'GET', path: '/slow', weight: 1 },
  ],
  thresholds: [{ metric: 'http_req_duration', expressions: ['p(95)<0.001'] }],
});
const bundle = distributedRun(spec, DistributedOptionsSchema.parse({ runners: WORKERS }));
const file = (p: string) => bundle.files.find((f) => f.path === p)!.content;

interface Service {
  command: string[];
  environment: Record<string, string>;
}
const compose = parse(file('locust/compose.yaml')) as { services: { master: Service; worker: Service } };

const children: ChildProcess[] = [];
const logs = new Map<ChildProcess, string>();
function start(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): ChildProcess {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  logs.set(child, '');
  const append = (chunk: Buffer) => logs.set(child, logs.get(child)! + chunk.toString());
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  return child;
}

let dir: string;
let master: ChildProcess;
let workers: ChildProcess[];
let masterCode: number | null;
let workerCodes: (number | null)[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ace-locust-distributed-'));
  await writeFile(path.join(dir, 'locustfile.py'), file('locust/locustfile.py'));
  await mkdir(path.join(dir, 'results'));
  const [apiPort, masterPort] = [await freePort(), await freePort()];
  start(process.execPath, [SERVER, String(apiPort), '60']);
  await waitForPort(apiPort);
  // The compose file's command lines, as they are; only the addresses differ on loopback.
  const baseUrl = `http://127.0.0.1:${apiPort}`;
  master = start(PYTHON, debianLocust(compose.services.master.command), {
    cwd: dir,
    env: { ...compose.services.master.environment, BASE_URL: baseUrl, LOCUST_MASTER_BIND_HOST: '127.0.0.1', LOCUST_MASTER_BIND_PORT: String(masterPort) },
  });
  const workerEnv = {
    ...compose.services.worker.environment,
    BASE_URL: baseUrl,
    LOCUST_MASTER_NODE_HOST: '127.0.0.1',
    LOCUST_MASTER_NODE_PORT: String(masterPort),
  };
  workers = Array.from({ length: WORKERS }, () => start(PYTHON, debianLocust(compose.services.worker.command), { cwd: dir, env: workerEnv }));
  masterCode = await exitOf(master, 60_000);
  workerCodes = await Promise.all(workers.map((w) => exitOf(w, 15_000)));
}, 90_000);

afterAll(async () => {
  const left = await killAll(children);
  await rm(dir, { recursive: true, force: true });
  expect(left, 'processes still alive after the test').toEqual([]);
  for (const child of children) expect(isAlive(child.pid!)).toBe(false);
});

describe('a distributed Locust run: master and two workers on loopback', () => {
  it('uses the same command lines as the compose file and the Kubernetes manifests', () => {
    const lines = locustCommandLines(WORKERS);
    expect(compose.services.master.command).toEqual(lines.master);
    expect(compose.services.worker.command).toEqual(lines.worker);
    expect(lines.master).toEqual(expect.arrayContaining(['--master', '--headless', '--csv']));
    expect(lines.master.join(' ')).toContain(`--expect-workers ${WORKERS}`);
    const k8s = parseAllDocuments(file('locust/kubernetes.yaml')).map((d) => d.toJS() as Record<string, any>);
    const job = k8s.find((d) => d.kind === 'Job')!;
    const deployment = k8s.find((d) => d.kind === 'Deployment')!;
    expect(job.spec.template.spec.containers[0].args).toEqual(lines.master);
    expect(deployment.spec.template.spec.containers[0].args).toEqual(lines.worker);
    expect(deployment.spec.replicas).toBe(WORKERS);
    const configMap = k8s.find((d) => d.kind === 'ConfigMap')!;
    expect(configMap.data['locustfile.py']).toBe(file('locust/locustfile.py'));
  });

  it('runs: the master takes both workers (Debian version shim), writes its CSV, and alone judges the thresholds', () => {
    const masterLog = logs.get(master)!;
    expect(masterLog).not.toMatch(/pre 2\.0/);
    expect(masterLog).toMatch(/thresholds failed: http_req_duration: p\(95\)<0\.001/);
    expect(masterCode, masterLog).toBe(1);
    for (const [i, worker] of workers.entries()) {
      expect(logs.get(worker)).not.toMatch(/thresholds failed/);
      expect(workerCodes[i], logs.get(worker)).toBe(0);
    }
  });

  it("Ace's figures (loadtest_summary over MCP) are the master's Aggregated row", async () => {
    const csv = (await readFile(path.join(dir, 'results', 'run_stats.csv'), 'utf8')).trim().split('\n');
    const header = csv[0]!.split(',');
    const aggregated = csv.map((l) => l.split(',')).find((r) => r[1] === 'Aggregated')!;
    const column = (name: string) => Number(aggregated[header.indexOf(name)]);
    expect(column('Request Count')).toBeGreaterThan(50);
    const ace = await connectAce(dir);
    try {
      const summary = await ace.tool('loadtest_summary', { paths: ['results/run_stats.csv'] });
      expect(summary.results).toHaveLength(1);
      const overall = summary.results[0]!.overall;
      expect(overall.requests.value).toBe(column('Request Count'));
      expect(overall.errors.value).toBe(column('Failure Count'));
      expect(overall.latency.p50?.value).toBe(column('50%'));
      expect(overall.latency.p90?.value).toBe(column('90%'));
      expect(overall.latency.p95?.value).toBe(column('95%'));
      expect(overall.latency.p99?.value).toBe(column('99%'));
      expect(overall.latency.max?.value).toBeCloseTo(column('Max Response Time'), 9);
      expect(overall.latency.mean?.value).toBeCloseTo(column('Average Response Time'), 9);
      const names = summary.results[0]!.endpoints.map((e) => e.name).sort();
      expect(names).toEqual(['GET fast', 'GET slow']);
    } finally {
      await ace.close();
    }
  });
});

describe("the trap the shim avoids: Debian's Locust without it", () => {
  it('the master turns its own worker away as "pre 2.0" and never starts', async () => {
    const masterPort = await freePort();
    // The compose master's line, waiting 2 s instead of 120 for one worker.
    const args = locustCommandLines(1).master.map((a, i, all) => (all[i - 1] === '--expect-workers-max-wait' ? '2' : a));
    const env = { BASE_URL: 'http://127.0.0.1:9', LOCUST_MASTER_BIND_HOST: '127.0.0.1', LOCUST_MASTER_BIND_PORT: String(masterPort) };
    const control = path.join(dir, 'control');
    await mkdir(path.join(control, 'results'), { recursive: true });
    await writeFile(path.join(control, 'locustfile.py'), file('locust/locustfile.py'));
    const plainMaster = start(DEBIAN_LOCUST, args, { cwd: control, env });
    const plainWorker = start(DEBIAN_LOCUST, compose.services.worker.command, {
      cwd: control,
      env: { BASE_URL: env.BASE_URL, LOCUST_MASTER_NODE_HOST: '127.0.0.1', LOCUST_MASTER_NODE_PORT: String(masterPort) },
    });
    const code = await exitOf(plainMaster, 30_000);
    await killAll([plainWorker]);
    expect(logs.get(plainMaster)).toMatch(/An old \(pre 2\.0\) worker tried to connect/);
    expect(code).not.toBe(0);
  }, 40_000);
});
