/**
 * `ace run` when things go wrong: no key, a rejected key, usage errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedApi, reply, startScriptedApi } from '../support/scripted-api/index.js';
import { SHOP_API as FIXTURE_APP } from './script.js';
import { type OutDir, PLACEHOLDER_KEY, outDir, runAce, runEnv } from './support.js';

let api: ScriptedApi | undefined;
let out: OutDir | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  out?.remove();
  out = undefined;
});

describe('ace run: errors', { timeout: 120_000 }, () => {
  it('exits 3 and says so plainly when ANTHROPIC_API_KEY is missing, before any request', async () => {
    api = await startScriptedApi({ steps: [() => reply.text('never asked')] });
    out = outDir();
    const env = runEnv(api.url, { ANTHROPIC_API_KEY: undefined });
    const run = await runAce(['the orders API', '--root', FIXTURE_APP, '--out', out.path], env);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/ANTHROPIC_API_KEY is not set/);
    expect(api.requests).toHaveLength(0);
    expect(out.exists('transcript.jsonl')).toBe(false);
  });

  it('exits 2 with the usage on a bad option, before anything else', async () => {
    const run = await runAce(['the orders API', '--max-turns', 'many'], runEnv(undefined));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--max-turns must be a positive integer/);
    expect(run.stderr).toMatch(/Usage: ace run <target>/);
  });

  it('exits 3 with a clear message when the API rejects the key (401), and writes the files', async () => {
    api = await startScriptedApi({ steps: [() => reply.error(401)] });
    out = outDir();
    const run = await runAce(['the orders API', '--root', FIXTURE_APP, '--out', out.path], runEnv(api.url));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/API error 401: invalid x-api-key \(check ANTHROPIC_API_KEY: the API rejected it\)/);
    // One request: a 401 is not retried.
    expect(api.messages()).toHaveLength(1);
    const { headers } = api.messages()[0]!;
    expect(headers['x-api-key'] ?? headers.authorization).toContain(PLACEHOLDER_KEY);
    expect(out.exists('report.md') && out.exists('report.json')).toBe(true);
    const transcript = out.transcript();
    expect(transcript.find((e) => e.kind === 'response')?.status).toBe(401);
    expect(out.everything()).not.toContain(PLACEHOLDER_KEY);
  });
});
