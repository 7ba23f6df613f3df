/**
 * The generated locustfile run by real Locust (Debian python3-locust) against the example
 * service: its shape stops the run, its tasks hit the endpoints, and its thresholds decide the
 * exit code.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderLocust } from './locust.js';
import { LoadTestSpecSchema } from './spec.js';
import { freePort } from '../../../test/support/processes.js';

const SERVER = fileURLToPath(new URL('../../../examples/api-service/server.mjs', import.meta.url));

/** A 5-second run: 4 users reached in 2 s, held for 3 s; two endpoints that never fail. */
function spec(p95Ms: number) {
  return LoadTestSpecSchema.parse({
    baseUrl: 'http://localhost:3000',
    thinkTimeSeconds: 0.05,
    scenarios: [
      {
        name: 'load',
        executor: 'ramping-vus',
        stages: [
          { duration: '2s', target: 4 },
          { duration: '3s', target: 4 },
        ],
      },
    ],
    endpoints: [
      { name: 'fast', method: 'GET', path: '/fast', weight: 2 },
      { name: 'slow', method: 'GET', path: '/slow', weight: 1 },
    ],
    thresholds: [
      { metric: 'http_req_duration', expressions: [`p(95)<${p95Ms}`] },
      { metric: 'http_req_failed', expressions: ['rate<0.01'] },
    ],
  });
}

interface Run {
  code: number | null;
  output: string;
  stats: string;
}

async function runLocust(dir: string, name: string, locustfile: string, baseUrl: string): Promise<Run> {
  const file = path.join(dir, `${name}.py`);
  await writeFile(file, locustfile);
  return new Promise((resolve, reject) => {
    execFile(
      'locust',
      ['-f', file, '--headless', '--csv', path.join(dir, name), '--only-summary'],
      { env: { ...process.env, BASE_URL: baseUrl }, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? null) : 0;
        if (err && typeof (err as { code?: unknown }).code !== 'number') return reject(err);
        readFile(path.join(dir, `${name}_stats.csv`), 'utf8').then((stats) => resolve({ code, output: stdout + stderr, stats }), reject);
      },
    );
  });
}

describe('the generated locustfile under real Locust', () => {
  let dir: string;
  let server: ChildProcess;
  let baseUrl: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ace-locust-'));
    const port = await freePort();
    server = spawn(process.execPath, [SERVER, String(port), '60'], { stdio: 'ignore' });
    baseUrl = `http://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 300));
  });
  afterAll(async () => {
    server.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs its stages, hits every endpoint, and exits 0 when the thresholds hold; 1 with the failed ones named when not', async () => {
    const [pass, fail] = await Promise.all([
      runLocust(dir, 'pass', renderLocust(spec(5000)), baseUrl),
      runLocust(dir, 'fail', renderLocust(spec(0.001)), baseUrl),
    ]);
    for (const run of [pass, fail]) {
      const rows = run.stats
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
      const requests = (name: string) => Number(rows.find((r) => r[1] === name)?.[2] ?? 0);
      expect(requests('fast')).toBeGreaterThan(0);
      expect(requests('slow')).toBeGreaterThan(0);
      expect(Number(rows.find((r) => r[1] === 'Aggregated')?.[3])).toBe(0); // no failures
    }
    expect(pass.code, pass.output).toBe(0);
    expect(pass.output).not.toMatch(/thresholds failed/);
    expect(fail.code).toBe(1);
    expect(fail.output).toMatch(/thresholds failed: http_req_duration: p\(95\)<0\.001/);
  }, 90_000);
});
