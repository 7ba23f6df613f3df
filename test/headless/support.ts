/**
 * Runs the built CLI (`node dist/cli.js run ...`) as a child process against the scripted
 * Messages API: the real SDK over real HTTP on 127.0.0.1, the model being the only thing
 * scripted.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(REPO, 'dist', 'cli.js');
export const FIXTURE_APP = fileURLToPath(new URL('./fixture-app', import.meta.url));
/** Long and distinctive, so finding it anywhere in the outputs is a real leak. */
export const PLACEHOLDER_KEY = 'sk-ant-api03-headless-test-placeholder-7f3c9e1d';

export interface AceExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface AceProcess {
  child: ChildProcess;
  done: Promise<AceExit>;
  /** Resolves once stderr contains `text`. */
  stderrContains(text: string): Promise<void>;
}

/** The environment of a run: nothing of the host's Anthropic settings, the scripted API's URL and the placeholder key. */
export function runEnv(apiUrl: string | undefined, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('ANTHROPIC_') && key !== 'ACE_MODEL') env[key] = value;
  }
  if (apiUrl) env.ANTHROPIC_BASE_URL = apiUrl;
  env.ANTHROPIC_API_KEY = PLACEHOLDER_KEY;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function spawnAce(args: string[], env: NodeJS.ProcessEnv, cwd = REPO): AceProcess {
  const child = spawn(process.execPath, [CLI, 'run', ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const w of waiters.filter((w) => stderr.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const done = new Promise<AceExit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    done,
    stderrContains: (text) => (stderr.includes(text) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ text, resolve }))),
  };
}

export function runAce(args: string[], env: NodeJS.ProcessEnv, cwd = REPO): Promise<AceExit> {
  return spawnAce(args, env, cwd).done;
}

export interface OutDir {
  path: string;
  file(name: string): string;
  exists(name: string): boolean;
  json(name: string): any;
  /** transcript.jsonl, one parsed object a line. */
  transcript(): Array<Record<string, any>>;
  /** Every file of the output, concatenated: what a leak check searches. */
  everything(): string;
  remove(): void;
}

export function outDir(): OutDir {
  const path = mkdtempSync(join(tmpdir(), 'ace-run-'));
  const file = (name: string) => readFileSync(join(path, name), 'utf8');
  return {
    path,
    file,
    exists: (name) => existsSync(join(path, name)),
    json: (name) => JSON.parse(file(name)),
    transcript: () =>
      file('transcript.jsonl')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l)),
    everything: () =>
      ['report.md', 'report.json', 'transcript.jsonl']
        .filter((n) => existsSync(join(path, n)))
        .map(file)
        .join('\n'),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
