/**
 * `/ace <target>` in the real Claude Code CLI, against the scripted Messages API: the
 * project install (this repository's .mcp.json and .claude/) and the plugin install
 * (--plugin-dir), both in `-p` mode with `--permission-mode dontAsk`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type ScriptedApi, startScriptedApi } from '../support/scripted-api/index.js';
import { ACE_TOOLS, REPO, TARGET, claudeEnv, pluginInstall, runClaude, tempDir, tempProjectWithFixture } from './support/claude.js';
import { aceScenario } from './support/scenario.js';

const cleanups: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function runAce(prefix: string, cwd: string, extraArgs: string[], home = tempDir('ace-home-')) {
  const { steps, observed } = aceScenario(prefix);
  const unknown: string[] = [];
  const api: ScriptedApi = await startScriptedApi({ steps, log: (l) => unknown.push(l) });
  cleanups.push(() => api.close());
  cleanups.push(home.remove);
  const run = await runClaude(['-p', `/ace ${TARGET}`, '--output-format', 'stream-json', '--verbose', '--permission-mode', 'dontAsk', ...extraArgs], {
    cwd,
    env: claudeEnv(api.url, home.path),
  });
  // E2E_DUMP=file writes what was exchanged, for debugging a failing run.
  if (process.env.E2E_DUMP) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.E2E_DUMP, JSON.stringify({ run, requests: api.requests, unknown }, null, 1));
  }
  // A failed expectation inside a step is the most precise message: show it first.
  api.assertNoFailures();
  return { api, run, observed, unknown };
}

function expectCompleteRun({ api, run, observed }: Awaited<ReturnType<typeof runAce>>, prefix: string) {
  expect(run.code, run.stderr || run.stdout.slice(-2000)).toBe(0);
  const summary = api.messages().map((r) => ({ step: r.step, fallback: r.fallback, tools: r.toolNames(), last: r.lastUserText().slice(0, 300) }));
  expect(api.remaining(), `every scripted step was used; requests: ${JSON.stringify(summary, null, 1)}\n${run.stdout.slice(-3000)}`).toBe(0);
  // Every request Claude Code sent for this run was the forked skill (no other model turn),
  // and each offered Ace's tools and nothing else.
  expect(api.messages().filter((r) => r.fallback)).toEqual([]);
  for (const req of api.messages()) expect([...req.toolNames()].sort()).toEqual(ACE_TOOLS.map((t) => prefix + t).sort());
  expect(run.result?.is_error).toBe(false);
  expect(run.result?.permission_denials).toEqual([]);
  // The run ends with the report text the model gave.
  expect(run.result?.result).toBe(observed.finalText);
}

describe('/ace in Claude Code', () => {
  it('project install: the forked skill has only Ace tools, and they work on the fixture', async () => {
    const outcome = await runAce('mcp__ace__', REPO, []);
    expectCompleteRun(outcome, 'mcp__ace__');
    const init = outcome.run.events.find((e) => e.type === 'system' && e.subtype === 'init');
    expect(init?.mcp_servers).toContainEqual(expect.objectContaining({ name: 'ace', status: 'connected' }));
  }, 120_000);

  it('plugin install (--plugin-dir): the same, with the plugin names and its bundled server', async () => {
    const project = tempProjectWithFixture();
    cleanups.push(project.remove);
    const plugin = pluginInstall();
    cleanups.push(plugin.remove);
    const outcome = await runAce('mcp__plugin_ace_ace__', project.path, ['--plugin-dir', plugin.path]);
    expectCompleteRun(outcome, 'mcp__plugin_ace_ace__');
    const init = outcome.run.events.find((e) => e.type === 'system' && e.subtype === 'init');
    expect(init?.mcp_servers).toContainEqual(expect.objectContaining({ name: 'plugin:ace:ace', status: 'connected' }));
  }, 120_000);

  it('plugin installed from a marketplace (plugin marketplace add, plugin install): the same', async () => {
    const project = tempProjectWithFixture();
    cleanups.push(project.remove);
    const marketplace = pluginInstall();
    cleanups.push(marketplace.remove);
    const home = tempDir('ace-home-');
    const env = claudeEnv('http://127.0.0.1:9', home.path);
    for (const args of [
      ['plugin', 'marketplace', 'add', marketplace.path],
      ['plugin', 'install', 'ace@ace'],
    ]) {
      const step = await runClaude(args, { cwd: project.path, env });
      expect(step.code, `claude ${args.join(' ')}: ${step.stdout}${step.stderr}`).toBe(0);
    }
    const outcome = await runAce('mcp__plugin_ace_ace__', project.path, [], home);
    expectCompleteRun(outcome, 'mcp__plugin_ace_ace__');
  }, 120_000);

  it('the plugin passes `claude plugin validate --strict`', async () => {
    const home = tempDir('ace-home-');
    cleanups.push(home.remove);
    const run = await runClaude(['plugin', 'validate', '.', '--strict'], { cwd: REPO, env: claudeEnv('http://127.0.0.1:9', home.path) });
    expect(run.code, run.stdout + run.stderr).toBe(0);
  }, 120_000);
});
