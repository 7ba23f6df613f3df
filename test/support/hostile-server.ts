/**
 * The built `ace mcp` spawned over stdio, for hostile inputs: runs one call while a cheap
 * `read` is sent every 100 ms and the server's resident memory is sampled from /proc, so a
 * test can assert that the hostile call ends in a clear error, that the server kept answering
 * others meanwhile, and that its memory stayed bounded.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface LoadOutcome {
  result: CallToolResult;
  /** Wall time of the hostile call. */
  elapsedMs: number;
  /** Slowest answer to the probe `read`s sent while the hostile call ran. */
  maxReadMs: number;
  /** How many probe reads were answered while the call ran (at least one). */
  reads: number;
  /** Highest resident set size of the server process seen during the call. */
  peakRssBytes: number;
}

export interface HostileServer {
  client: Client;
  pid: number;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  call(name: string, args: Record<string, unknown>, timeoutMs?: number): Promise<CallToolResult>;
  /** Runs one call while probing the server with `read` of `probePath` (a small file in the root). */
  underLoad(name: string, args: Record<string, unknown>, probePath: string, timeoutMs?: number): Promise<LoadOutcome>;
  close(): Promise<void>;
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

export async function spawnAce(root: string, extraArgs: string[] = []): Promise<HostileServer> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', '--root', root, ...extraArgs], stderr: 'pipe' });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const client = new Client({ name: 'ace-hostile-test', version: '0.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (!pid) throw new Error('no server pid');

  const call = async (name: string, args: Record<string, unknown>, timeoutMs = 30_000) =>
    (await client.callTool({ name, arguments: args }, undefined, { timeout: timeoutMs })) as CallToolResult;

  return {
    client,
    pid,
    stderr: () => stderr,
    call,
    async underLoad(name, args, probePath, timeoutMs = 30_000) {
      let done = false;
      let maxReadMs = 0;
      let reads = 0;
      let peakRssBytes = rssOf(pid);
      const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, rssOf(pid))), 25);
      const probes = (async () => {
        while (!done) {
          const t0 = performance.now();
          await call('read', { path: probePath }, timeoutMs);
          maxReadMs = Math.max(maxReadMs, performance.now() - t0);
          reads++;
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      const t0 = performance.now();
      try {
        const result = await call(name, args, timeoutMs);
        const elapsedMs = performance.now() - t0;
        done = true;
        await probes;
        return { result, elapsedMs, maxReadMs, reads, peakRssBytes: Math.max(peakRssBytes, rssOf(pid)) };
      } finally {
        done = true;
        clearInterval(sampler);
      }
    },
    async close() {
      await client.close();
    },
  };
}

/** The text of a result's first content block. */
export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}
