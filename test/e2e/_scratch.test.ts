import { it } from 'vitest';
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startScriptedApi, reply } from '../support/scripted-api/index.js';

it('explore', async () => {
  const api = await startScriptedApi({ steps: [], log: (l) => console.log(l), fallback: (r) => {
    const tools = r.toolNames();
    const t = tools.find((n) => n.endsWith('read_text_file'));
    if (t && r.toolResults().length === 0) return reply.toolUse({ name: t, input: { path: 'a.sql' } });
    return reply.text('REPORT DONE');
  } });
  const home = mkdtempSync(join(tmpdir(), 'ace-home-'));
  const args = JSON.parse(process.env.CLAUDE_ARGS ?? '["-p","hello","--output-format","stream-json","--verbose"]');
  const t0 = Date.now();
  const out = await new Promise<{code:number|null, stdout:string, stderr:string}>((resolve) => {
    const child = spawn('/work/main/node_modules/.bin/claude', args, { cwd: process.env.CLAUDE_CWD ?? process.cwd(), env: { PATH: process.env.PATH, HOME: home, ANTHROPIC_BASE_URL: api.url, ANTHROPIC_API_KEY: 'sk-ant-placeholder', ...(process.env.EXTRA_ENV ? JSON.parse(process.env.EXTRA_ENV) : {}), CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' }, stdio: ['ignore','pipe','pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => stdout += d); child.stderr.on('data', (d) => stderr += d);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  console.log('ms', Date.now() - t0, 'code', out.code);
  writeFileSync('/tmp/scratch-out.json', JSON.stringify({ out, requests: api.requests.map(r => ({ method: r.method, path: r.path, query: String(r.query), headers: r.headers, body: r.body, status: r.status })) }, null, 1));
  await api.close();
}, 120000);
