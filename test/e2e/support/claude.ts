/**
 * Running the real Claude Code CLI (the pinned devDependency) against the scripted API.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { allTools } from '../../../src/tools/registry.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
/** The fixture every e2e run reviews, relative to the project Claude Code runs in. */
export const TARGET = 'test/fixtures/orders-api';

/** Ace's tool names, from the registry: the one list every expectation is derived from. */
export const ACE_TOOLS: readonly string[] = allTools.map((t) => t.name);

/** The runnable claude binary (repairs the wrapper if its postinstall did not run). */
export async function claudeBinary(): Promise<string> {
  const script = join(REPO, 'scripts', 'ensure-claude.mjs');
  const { ensureClaude } = (await import(pathToFileURL(script).href)) as { ensureClaude(): { bin: string; version: string } };
  return ensureClaude().bin;
}

/** A fresh directory removed by the returned function. */
export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The plugin as a user installs it from git: the repository's committed plugin files only,
 * without node_modules/ or dist/ (neither is in git), away from this repository's node_modules.
 */
export function pluginInstall(): { path: string; remove(): void } {
  const dir = tempDir('ace-plugin-');
  for (const entry of ['.claude-plugin', '.mcp.json', 'skills', 'agents', 'plugin', 'package.json', 'README.md']) {
    cpSync(join(REPO, entry), join(dir.path, entry), { recursive: true });
  }
  return dir;
}

/** A user project holding a copy of the fixture at TARGET, as a plugin user would have. */
export function tempProjectWithFixture(): { path: string; remove(): void } {
  const dir = tempDir('ace-project-');
  cpSync(join(REPO, TARGET), join(dir.path, TARGET), { recursive: true });
  return dir;
}

export interface ClaudeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as stream-json, one event a line (lines that are not JSON are skipped). */
  events: Array<Record<string, any>>;
  /** The final `result` event, if the run got that far. */
  result?: Record<string, any>;
}

/**
 * The environment of a test run: nothing inherited but PATH, a temporary HOME (no user
 * settings, plugins or credentials), the scripted API and a placeholder key.
 */
export function claudeEnv(apiUrl: string, home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LANG: 'C.UTF-8',
    ANTHROPIC_BASE_URL: apiUrl,
    ANTHROPIC_API_KEY: 'sk-ant-api03-placeholder-for-tests',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    DISABLE_AUTOUPDATER: '1',
    // `claude -p` may resolve a forked agent's tools before a slow MCP server has connected
    // (the agent then has none). The Ace server answers in ~1 s, but a loaded CI machine can
    // take longer: wait for it. E2E_NO_WAIT=1 runs with Claude Code's default instead.
    CLAUDE_CODE_MCP_STARTUP_WAIT_MS: '30000',
    ...extra,
  };
  if (process.env.E2E_NO_WAIT) delete env.CLAUDE_CODE_MCP_STARTUP_WAIT_MS;
  return env;
}

/** Runs `claude` to completion (killed after `timeoutMs`). */
export async function runClaude(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ClaudeRun> {
  const bin = await claudeBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 100_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const events = stdout
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        });
      resolve({ code, stdout, stderr, events, result: events.findLast((e) => e.type === 'result') });
    });
  });
}
