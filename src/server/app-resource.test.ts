/**
 * The MCP App as a client sees it (SDK client on the in-memory transport, a real Ace server):
 * the `ui://` resource listed with the MCP App MIME type, the tools whose results it shows
 * pointing at it, and the page it serves self-contained under its own CSP.
 */
import { fileURLToPath } from 'node:url';
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';
import { REPORT_APP_URI } from './app-resource.js';
import type { AceConnection } from './in-memory.js';
import { connectChecked } from '../../test/support/client.js';

let conn: AceConnection;
beforeAll(async () => {
  conn = await connectChecked(await Sandbox.open(fileURLToPath(new URL('../../examples/api-service', import.meta.url))), new Session(), () => {});
});
afterAll(() => conn?.close());

describe('ui://ace/report', () => {
  it('is listed with the MCP App MIME type', async () => {
    const { resources } = await conn.client.listResources();
    const app = resources.find((r) => r.uri === REPORT_APP_URI);
    expect(app).toMatchObject({ uri: 'ui://ace/report', mimeType: 'text/html;profile=mcp-app' });
  });

  it('is named by assemble_report, loadtest_summary, compare_runs and profile_top in _meta.ui.resourceUri, and by no other tool', async () => {
    const { tools } = await conn.client.listTools();
    const pointing = tools.filter((t) => (t._meta?.ui as { resourceUri?: string } | undefined)?.resourceUri === REPORT_APP_URI).map((t) => t.name);
    expect(pointing.sort()).toEqual(['assemble_report', 'compare_runs', 'loadtest_summary', 'profile_top']);
    for (const t of tools.filter((x) => pointing.includes(x.name))) expect(t._meta?.['ui/resourceUri']).toBe(REPORT_APP_URI);
  });

  it('serves one self-contained page: its only script allowed by hash, no external address', async () => {
    const r = (await conn.client.readResource({ uri: REPORT_APP_URI })) as ReadResourceResult;
    expect(r.contents).toHaveLength(1);
    const page = r.contents[0] as { uri: string; mimeType: string; text: string };
    expect(page.mimeType).toBe('text/html;profile=mcp-app');
    expect(page.text).toMatch(/^<!doctype html>/);
    expect(page.text).toMatch(/content="default-src &#39;none&#39;; script-src &#39;sha256-[A-Za-z0-9+/=]+&#39;;/);
    expect(page.text.match(/<script>/g)).toHaveLength(1);
    expect(page.text).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  });

  it('leaves the tools results as they were: text and structured content', async () => {
    const r = await conn.client.callTool({ name: 'loadtest_summary', arguments: { paths: ['results/wrk/items.txt'] } });
    expect(r.isError).toBeFalsy();
    expect((r.content as { type: string }[])[0]!.type).toBe('text');
    expect(r.structuredContent).toHaveProperty('results');
  });
});
