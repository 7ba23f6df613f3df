/**
 * examples/ci/performance.yml is valid YAML whose steps run from a clean clone: every `ace`
 * command it runs exists, every file it names is committed, every npm script is defined, and
 * the budgets and baseline it uses are accepted by `ace check` itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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

  it('runs only ace commands the CLI has, and npm scripts package.json defines', () => {
    const commands = [...scripts.matchAll(/node dist\/cli\.js (\w+)/g)].map((m) => m[1]!);
    expect(commands).toContain('check');
    for (const c of commands) expect(existsSync(join(root, 'src/commands', `${c}.ts`)), c).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string> };
    for (const m of scripts.matchAll(/npm run (\S+)/g)) expect(pkg.scripts).toHaveProperty(m[1]!);
    for (const m of scripts.matchAll(/npx (\S+)/g)) expect({ ...pkg.devDependencies }).toHaveProperty(m[1]!);
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
});
