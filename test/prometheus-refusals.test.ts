/**
 * What metrics_query and metrics_red_baseline refuse, against real local HTTP servers: nothing
 * configured, an unknown name, a URL in place of a name, a redirect to another host, a server
 * that never answers, one that is down; and the configured header's value, read from the
 * environment, is sent but never appears in a result, an error, the server log or stderr.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AceConnection } from '../src/server/in-memory.js';
import { connectChecked } from './support/client.js';
import { parseConfig } from '../src/sandbox/config.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import { Session } from '../src/session/session.js';
import { makeTree, removeTree } from './support/files-tree.js';
import { freePort } from './support/processes.js';
import { captureStderr, waitFor } from './support/prometheus.js';

const SECRET_VAR = 'ACE_TEST_REFUSALS_AUTH';
const SECRET = `Bearer refusals-${Math.random().toString(36).slice(2)}`;

const servers: Server[] = [];
const roots: string[] = [];
const seen: IncomingHttpHeaders[] = [];
let elsewhereHits = 0;
/** Requests the silent server holds open: a cancelled or timed-out query must close its own. */
let silentOpen = 0;
const serverLog: string[] = [];
const stderr: string[] = [];
const texts: string[] = [];
let restoreStderr: () => void;
let configured: AceConnection;
let unconfigured: AceConnection;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function call(ace: typeof configured, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const result = (await ace.client.callTool({ name, arguments: args })) as CallToolResult;
  texts.push(JSON.stringify(result));
  return result;
}

function message(result: CallToolResult): string {
  expect(result.isError).toBe(true);
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

beforeAll(async () => {
  process.env[SECRET_VAR] = SECRET;
  restoreStderr = captureStderr(stderr);
  const elsewhere = await serve((_req, res) => {
    elsewhereHits++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success","data":{"resultType":"scalar","result":[0,"1"]}}');
  });
  const redirecting = await serve((req, res) => {
    seen.push(req.headers);
    res.writeHead(302, { location: `http://127.0.0.1:${elsewhere}${req.url}` }).end();
  });
  // A hostile server that quotes the request's credentials back in its error.
  const echoing = await serve((req, res) => {
    seen.push(req.headers);
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `bad token ${req.headers.authorization}` }));
  });
  const silent = await serve((req) => {
    silentOpen++;
    req.socket.once('close', () => silentOpen--);
  });
  const down = await freePort();

  const source = (name: string, port: number, extra: object = {}) => ({
    name,
    url: `http://127.0.0.1:${port}`,
    headers_from_env: { Authorization: SECRET_VAR },
    ...extra,
  });
  const root = await makeTree({ 'README.md': '# x\n' });
  roots.push(root);
  await writeFile(
    path.join(root, 'ace.config.json'),
    JSON.stringify({
      prometheus: [
        source('redirecting', redirecting),
        source('echoing', echoing),
        source('silent', silent, { timeout_ms: 300 }),
        source('silent-long', silent, { timeout_ms: 60_000 }),
        source('down', down),
        { name: 'unset', url: `http://127.0.0.1:${elsewhere}`, headers_from_env: { Authorization: 'ACE_TEST_NOT_SET_ANYWHERE' } },
      ],
    }),
  );
  configured = await connectChecked(await Sandbox.open(root), new Session(), (line) => serverLog.push(line));
  const bare = await makeTree({ 'README.md': '# x\n' });
  roots.push(bare);
  unconfigured = await connectChecked(await Sandbox.open(bare), new Session(), (line) => serverLog.push(line));
});

afterAll(async () => {
  restoreStderr?.();
  await configured?.close();
  await unconfigured?.close();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await Promise.all(roots.map(removeTree));
  delete process.env[SECRET_VAR];
});

describe('sources metrics_query refuses', () => {
  it('says how to configure a Prometheus when none is', async () => {
    for (const tool of ['metrics_query', 'metrics_red_baseline']) {
      const text = message(await call(unconfigured, tool, { source: 'prod', query: 'up', service: 'api' }));
      expect(text).toContain('no Prometheus is configured');
      expect(text).toContain('"prometheus": [{"name": "prod", "url": "http://prometheus:9090", "headers_from_env": {"Authorization": "PROM_AUTH"}}]');
    }
  });

  it('refuses a name that is not configured, and a URL given as the name', async () => {
    expect(message(await call(configured, 'metrics_query', { source: 'staging', query: 'up' }))).toMatch(
      /refused \(no such source\): use one of "redirecting", "echoing"/,
    );
    for (const url of ['http://127.0.0.1:9090', '127.0.0.1:9090', 'http://169.254.169.254/latest']) {
      expect(message(await call(configured, 'metrics_query', { source: url, query: 'up' }))).toMatch(/a URL or address is never accepted/);
    }
  });

  it('never follows a redirect to another host', async () => {
    const text = message(await call(configured, 'metrics_query', { source: 'redirecting', query: 'up' }));
    expect(text).toMatch(/prometheus source "redirecting" answered HTTP 302, a redirect, which Ace never follows/);
    expect(elsewhereHits).toBe(0);
    expect(message(await call(configured, 'metrics_red_baseline', { source: 'redirecting', service: 'api' }))).toMatch(/HTTP 302/);
    expect(elsewhereHits).toBe(0);
  });

  it('gives up on a server that does not answer, and names one that is down', async () => {
    const started = Date.now();
    expect(message(await call(configured, 'metrics_query', { source: 'silent', query: 'up' }))).toMatch(
      /did not answer within 300 ms: narrow the query .* or raise its timeout_ms/,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(message(await call(configured, 'metrics_query', { source: 'down', query: 'up' }))).toMatch(/"down" cannot be reached \(ECONNREFUSED\)/);
  });

  it('stops waiting, and closes its request, when the client cancels the call', async () => {
    const controller = new AbortController();
    const call = configured.client.callTool({ name: 'metrics_query', arguments: { source: 'silent-long', query: 'up' } }, undefined, {
      signal: controller.signal,
    });
    await waitFor('the request to reach the silent server', async () => (silentOpen > 0 ? true : undefined), 5000, 20);
    controller.abort();
    await expect(call).rejects.toThrow();
    await waitFor('the query to close its request', async () => (silentOpen === 0 ? true : undefined), 5000, 20);
  });

  it('names a missing environment variable, never a value', async () => {
    expect(message(await call(configured, 'metrics_query', { source: 'unset', query: 'up' }))).toMatch(
      /the environment variable ACE_TEST_NOT_SET_ANYWHERE \(for its Authorization header\) is not set/,
    );
  });

  it('refuses bad times, steps and ranges before asking', async () => {
    expect(message(await call(configured, 'metrics_query', { source: 'echoing', query: 'up', start: 'now-1d', step: '1s' }))).toMatch(
      /86401 points per series .* use a step of at least 1m27s/,
    );
    expect(message(await call(configured, 'metrics_query', { source: 'echoing', query: 'up', time: 'yesterday' }))).toMatch(/time "yesterday" is not a time/);
    expect(message(await call(configured, 'metrics_red_baseline', { source: 'echoing', service: 'job="api"} or vector(1) #' }))).toMatch(
      /not a list of PromQL label matchers/,
    );
  });
});

describe('the header value from the environment', () => {
  it('is sent, but a server quoting it back is redacted', async () => {
    const text = message(await call(configured, 'metrics_query', { source: 'echoing', query: 'up' }));
    expect(text).toBe('prometheus source "echoing" refused the request (bad_data): bad token <redacted>');
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) expect(headers.authorization).toBe(SECRET);
  });

  it('never appears in a result, an error, the server log or stderr', () => {
    expect(texts.length).toBeGreaterThan(10);
    for (const text of [...texts, ...serverLog, ...stderr]) expect(text).not.toContain(SECRET);
  });
});

describe('the prometheus key of ace.config.json', () => {
  const config = (source: object) => () => parseConfig(JSON.stringify({ prometheus: [source] }));
  it('takes http(s) URLs only, without user:password, and unique names', () => {
    expect(config({ name: 'prod', url: 'https://prom.example:9090/prefix' })()).toEqual({
      prometheus: [{ name: 'prod', url: 'https://prom.example:9090/prefix' }],
    });
    expect(config({ name: 'prod', url: 'file:///etc/passwd' })).toThrow(/prometheus\[0\]\.url: url must be an http:\/\/ or https:\/\/ URL/);
    expect(config({ name: 'prod', url: 'http://user:hunter2@prom:9090' })).toThrow(/put credentials in headers_from_env/);
    expect(config({ name: 'prod', url: 'http://prom:9090', headers_from_env: { Authorization: 'not a var' } })).toThrow(
      /an environment variable name is letters/,
    );
    expect(config({ name: 'http://x', url: 'http://prom:9090' })).toThrow(/prometheus\[0\]\.name: name must be/);
    expect(() =>
      parseConfig(
        JSON.stringify({
          prometheus: [
            { name: 'a', url: 'http://x' },
            { name: 'a', url: 'http://y' },
          ],
        }),
      ),
    ).toThrow(/two prometheus sources share a name/);
    // Our own words: nothing of the file is quoted.
    try {
      config({ name: 'prod', url: 'http://user:hunter2@prom:9090' })();
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });
});
