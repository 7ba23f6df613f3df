/**
 * examples/ci/performance.yml is valid YAML whose steps run from a clean clone: every `ace`
 * command it runs exists, every file it names is committed, every npm script is defined, and
 * the budgets and baseline it uses are accepted by `ace check` itself; and its steps, run one
 * after another as a runner would (after the install step `npm test` has already done), start the
 * service, load it and gate it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { freePort } from './support/processes.js';

const root = join(import.meta.dirname, '..');
const workflow = parse(readFileSync(join(root, 'examples/ci/performance.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; steps: { uses?: string; run?: string; name?: string }[] }>;
};
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
const scripts = steps.map((s) => s.run ?? '').join('\n');

describe('examples/ci/performance.yml', () => {
  it('is a workflow with a job of steps, triggered on pull requests', () => {
    expect(workflow.on).toHaveProperty('pull_request');
    const [job] = Object.values(workflow.jobs);
    expect(job?.['runs-on']).toMatch(/ubuntu/);
    expect(steps.every((s) => (s.uses === undefined) !== (s.run === undefined))).toBe(true);
    expect(steps[0]?.uses).toMatch(/^actions\/checkout@/);
  });

  it('runs only ace commands the CLI has, npm scripts package.json defines, and tools the install provides', () => {
    const commands = [...scripts.matchAll(/node dist\/cli\.js (\w+)/g)].map((m) => m[1]!);
    expect(commands).toContain('check');
    for (const c of commands) expect(existsSync(join(root, 'src/commands', `${c}.ts`)), c).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    for (const m of scripts.matchAll(/npm run (\S+)/g)) expect(pkg.scripts).toHaveProperty(m[1]!);
    const tools = [...scripts.matchAll(/node_modules\/\.bin\/(\S+)/g)].map((m) => m[1]!);
    expect(tools).toContain('autocannon');
    for (const tool of tools) expect({ ...pkg.devDependencies }).toHaveProperty(tool);
    expect(scripts).not.toMatch(/\bnpx\b/);
  });

  it('names only committed files', () => {
    const paths = [...scripts.matchAll(/\b(examples\/\S+)/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const p of paths) expect(existsSync(join(root, p)), p).toBe(true);
  });

  it('its budgets and baseline pass ace check against the baseline itself', () => {
    const r = spawnSync(
      'node',
      [
        join(root, 'dist/cli.js'),
        'check',
        'examples/ci/results/baseline',
        '--baseline',
        'examples/ci/results/baseline',
        '--budgets',
        'examples/ci/budgets.json',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('runs its steps after the install: the service, three autocannon runs, and ace check writing JUnit and the step summary', async () => {
    const work = mkdtempSync(join(tmpdir(), 'ace-workflow-'));
    cpSync(join(root, 'examples'), join(work, 'examples'), { recursive: true });
    for (const linked of ['dist', 'node_modules']) symlinkSync(join(root, linked), join(work, linked));
    cpSync(join(root, 'package.json'), join(work, 'package.json'));
    // The workflow's port, moved to a free one so the test can run beside anything.
    const port = await freePort();
    const run = steps
      .filter((s) => s.run !== undefined && !/npm ci/.test(s.run))
      .map((s) => `bash -e -c ${shellQuote(s.run!.replaceAll('18080', String(port)))} || exit $?`)
      .join('\n');
    const summary = join(work, 'summary.md');
    const runner = spawn('bash', ['-c', run], { cwd: work, detached: true, env: { ...process.env, GITHUB_STEP_SUMMARY: summary } });
    let output = '';
    runner.stdout.on('data', (d: Buffer) => (output += d));
    runner.stderr.on('data', (d: Buffer) => (output += d));
    try {
      const code = await new Promise<number | null>((resolve) => runner.on('exit', resolve));
      // 0: budgets hold and nothing regressed; 1: the gate caught something on this machine. Both are the gate working.
      expect([0, 1], output).toContain(code);
      expect(readdirSync(join(work, 'current')).sort()).toEqual(['run1.json', 'run2.json', 'run3.json']);
      const junit = readFileSync(join(work, 'ace-check.xml'), 'utf8');
      expect(junit).toMatch(/<testsuite[^>]* tests="\d+"[^>]* failures="(\d+)"/);
      const failures = Number(/failures="(\d+)"/.exec(junit)![1]);
      expect(failures > 0).toBe(code === 1);
      expect(readFileSync(summary, 'utf8')).toMatch(/\|.*\|/);
    } finally {
      try {
        process.kill(-runner.pid!, 'SIGTERM'); // the service the workflow left running in the background
      } catch {
        // already gone
      }
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
