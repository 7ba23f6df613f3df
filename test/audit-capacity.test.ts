/**
 * `ace audit` takes its capacity figures from `capacity_fit` on the same file: the USL fit it
 * logs and turns into scaling triggers, and the user level that sizes its test scenarios, equal
 * what the tool gives a model that calls it on the example's Locust history.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { sustainedRate } from '../src/audit/capacity.js';
import { run } from '../src/commands/audit.js';
import { connectAce } from './support/client.js';

const example = fileURLToPath(new URL('../examples/api-service', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ace-audit-capacity-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let stdout = '';
beforeAll(async () => {
  const lines: string[] = [];
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (lines.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await run([example, '--out', tmp])).toBe(0);
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
  stdout = lines.join('');
}, 120_000);

const r3 = (v: number) => Number(v.toPrecision(3));

it('gives the same capacity figures as capacity_fit on the same file', async () => {
  const ace = await connectAce(example);
  const fit = await ace.tool('capacity_fit', { loadtest: 'results/locust/run_stats_history.csv' }).finally(() => ace.close());
  const usl = fit.usl!;
  expect(usl).not.toBeNull();
  const line = /^capacity: USL on (\d+) levels: σ=(\S+) κ=(\S+) λ=(\S+) req\/s, R²=([^,]+), N\*=([^;]+); one instance sustains (.+)$/m.exec(stdout);
  expect(line, stdout).not.toBeNull();
  const [, levels, sigma, kappa, lambda, r2, peak, sustains] = line!;
  expect(Number(levels)).toBe(usl.points.length);
  expect([sigma, kappa, lambda, r2].map(Number)).toEqual([usl.sigma, usl.kappa, usl.lambda, usl.r_squared].map(r3));
  expect(peak).toBe(usl.peak_concurrency ? String(r3(usl.peak_concurrency.value)) : 'none (κ = 0)');
  expect(sustains).toBe(sustainedRate(usl).basis);

  // The scaling trigger is 70 % of that sustained rate.
  const md = readFileSync(join(tmp, 'report.md'), 'utf8');
  expect(md).toContain(`Request rate per instance (70 % and 30 % of ${sustainedRate(usl).basis})`);

  // The scenarios are sized at the top level capacity_fit read, with its throughput.
  const top = fit.levels!.points.at(-1)!;
  expect(stdout).toContain(
    `\nload-test sizing: ${top.concurrency} users measured at ${Number(top.throughput.toPrecision(4))} req/s in its seconds at that level`,
  );
});
