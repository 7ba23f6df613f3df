/**
 * Claude Code reads the scripted API's errors as the real API's: the status and error type
 * reach the run's result, and `x-should-retry: false` stops its retries.
 */
import { afterAll, expect, it } from 'vitest';
import { type ScriptedApi, reply, startScriptedApi } from '../support/scripted-api/index.js';
import { REPO, claudeEnv, runClaude, tempDir } from './support/claude.js';

const home = tempDir('ace-home-');
let api: ScriptedApi | undefined;
afterAll(async () => {
  await api?.close();
  home.remove();
});

it('an overloaded API (529) ends the run with an API error, after the retries the server allows', async () => {
  api = await startScriptedApi({ steps: [() => reply.error(529, { shouldRetry: false })] });
  const run = await runClaude(['-p', 'hello', '--output-format', 'stream-json', '--verbose'], {
    cwd: REPO,
    env: claudeEnv(api.url, home.path, { CLAUDE_CODE_MAX_RETRIES: '0' }),
  });
  expect(run.result?.is_error, run.stdout.slice(-1500)).toBe(true);
  expect(run.result?.api_error_status).toBe(529);
  expect(api.messages()).toHaveLength(1);
}, 120_000);
