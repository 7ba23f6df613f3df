/**
 * The built `ace mcp` over stdio against hostile bytes: a message over the 10 MB limit and
 * lines that are not JSON-RPC are answered with JSON-RPC errors and the server goes on serving,
 * within bounded memory; and the server exits when its client closes stdin, even mid-call.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTree, removeTree } from './support/files-tree.js';
import { rssOf, spawnAce, textOf } from './support/hostile-server.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const MB = 1024 * 1024;

interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Writes bytes, waiting for the pipe to drain. */
  write(data: string | Buffer): Promise<void>;
  /** The next message from the server with this id (null included). */
  response(id: number | string | null, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

function spawnRaw(root: string): RawServer {
  const child = spawn(process.execPath, [cli, 'mcp', '--root', root], { stdio: ['pipe', 'pipe', 'pipe'] });
  const received: Array<Record<string, unknown>> = [];
  let waiting: (() => void) | undefined;
  let pending = '';
  child.stdout.on('data', (d: Buffer) => {
    pending += d.toString('utf8');
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      received.push(JSON.parse(pending.slice(0, nl)) as Record<string, unknown>);
      pending = pending.slice(nl + 1);
      waiting?.();
    }
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    write: (data) =>
      new Promise((resolve, reject) => {
        child.stdin.write(data, (err) => (err ? reject(err) : resolve()));
      }),
    async response(id, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const at = received.findIndex((m) => m.id === id && ('result' in m || 'error' in m));
        if (at >= 0) return received.splice(at, 1)[0]!;
        if (Date.now() > deadline) throw new Error(`no response with id ${String(id)}; got ${JSON.stringify(received).slice(0, 500)}`);
        await new Promise<void>((resolve) => {
          waiting = resolve;
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

const message = (body: Record<string, unknown>) => `${JSON.stringify({ jsonrpc: '2.0', ...body })}\n`;

async function initialise(server: RawServer): Promise<void> {
  await server.write(
    message({ id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } }),
  );
  expect(await server.response(1)).toHaveProperty('result.serverInfo.name', 'ace');
  await server.write(message({ method: 'notifications/initialized' }));
}

let root: string;

beforeAll(async () => {
  root = await makeTree({
    'ok.txt': 'still here\n',
    'evil.txt': `${'a'.repeat(60)}b\n`,
    'slow/ace.config.json': JSON.stringify({ limits: { grepTimeoutMs: 600_000 } }),
    'slow/evil.txt': `${'a'.repeat(60)}b\n`,
  });
});

afterAll(async () => {
  await removeTree(root);
});

it('answers a 12 MB message with -32600 and its id, then serves the next call, in bounded memory', async () => {
  const server = spawnRaw(root);
  try {
    await initialise(server);
    let peak = rssOf(server.child.pid!);
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.child.pid!))), 20);
    // As the SDK writes a request: method, params, then jsonrpc and id last.
    const huge = `${JSON.stringify({ method: 'tools/call', params: { name: 'read', arguments: { path: 'x'.repeat(12 * MB) } }, jsonrpc: '2.0', id: 2 })}\n`;
    for (let i = 0; i < huge.length; i += 256 * 1024) await server.write(huge.slice(i, i + 256 * 1024));
    const refused = await server.response(2);
    clearInterval(sampler);
    expect(refused.error).toEqual({ code: -32600, message: expect.stringMatching(/^Invalid Request: message of 12\.0 MB is over the 10\.0 MB limit/) });
    expect(peak).toBeLessThan(512 * MB);

    await server.write(message({ id: 3, method: 'tools/call', params: { name: 'read', arguments: { path: 'ok.txt' } } }));
    expect(await server.response(3)).toHaveProperty('result.content', [{ type: 'text', text: '     1\tstill here' }]);
  } finally {
    server.child.kill();
  }
});

it('answers text that is not JSON with -32700 and JSON that is not a message with -32600, and goes on', async () => {
  const server = spawnRaw(root);
  try {
    await initialise(server);
    await server.write('{"jsonrpc":"2.0","id":4,"method":\n');
    expect(await server.response(null)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    await server.write('{"jsonrpc":"2.0","id":5,"method":42}\n');
    expect(await server.response(5)).toMatchObject({ error: { code: -32600 } });
    await server.write(message({ id: 6, method: 'tools/call', params: { name: 'read', arguments: { path: 'ok.txt' } } }));
    expect(await server.response(6)).toHaveProperty('result.content.0.text', '     1\tstill here');
  } finally {
    server.child.kill();
  }
});

it('exits when its client closes stdin, even with a call still running', async () => {
  const server = spawnRaw(`${root}/slow`);
  try {
    await initialise(server);
    await server.write(message({ id: 7, method: 'tools/call', params: { name: 'grep', arguments: { pattern: '(a+)+$', path: 'evil.txt' } } }));
    await new Promise((r) => setTimeout(r, 500));
    const t0 = performance.now();
    server.child.stdin.end();
    const code = await Promise.race([server.exited, new Promise((r) => setTimeout(() => r('still running'), 5_000))]);
    expect(code).toBe(0);
    expect(performance.now() - t0).toBeLessThan(5_000);
  } finally {
    server.child.kill('SIGKILL');
  }
});

it('an SDK client sending an oversized request gets an error for that call and keeps its connection', async () => {
  const server = await spawnAce(root);
  try {
    await expect(server.call('read', { path: 'y'.repeat(11 * MB) })).rejects.toThrow(/over the 10\.0 MB limit/);
    const outcome = await server.underLoad('grep', { pattern: 'still', path: 'ok.txt' }, 'ok.txt');
    expect(outcome.result.isError).toBeFalsy();
    expect(textOf(await server.call('read', { path: 'ok.txt' }))).toBe('     1\tstill here');
    expect(outcome.peakRssBytes).toBeLessThan(512 * MB);
  } finally {
    await server.close();
  }
});

it('runs a catastrophic endpoint_filter against a long endpoint name quickly, answering reads meanwhile', async () => {
  const stats = fileURLToPath(new URL('./fixtures/loadtests/locust/run_stats.csv', import.meta.url));
  const { readFile } = await import('node:fs/promises');
  const lines = (await readFile(stats, 'utf8')).trimEnd().split('\n');
  const longName = `/${'a'.repeat(100_000)}!`;
  const rows = [lines[0], lines[1]!.replace('/fast', longName), ...lines.slice(2)];
  const dir = await makeTree({ 'ok.txt': 'still here\n', 'run_stats.csv': `${rows.join('\n')}\n` });
  const server = await spawnAce(dir);
  try {
    const outcome = await server.underLoad('loadtest_summary', { paths: ['run_stats.csv'], endpoint_filter: '(a+)+$' }, 'ok.txt');
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    expect(outcome.maxReadMs).toBeLessThan(1_000);
    expect(outcome.peakRssBytes).toBeLessThan(512 * MB);
  } finally {
    await server.close();
    await removeTree(dir);
  }
});
