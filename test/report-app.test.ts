/**
 * The MCP App in a host: a page in Chromium built with ext-apps' host-side bridge (AppBridge)
 * loads `ui://ace/report`, read from a real Ace server through the SDK client, in a sandboxed
 * iframe, hands it the result of a real loadtest_summary call on the example's Locust run, and
 * the app draws its charts from it.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { CallToolResult, ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadTestResult } from '../src/analysers/loadtest/model.js';
import { Sandbox } from '../src/sandbox/sandbox.js';
import type { AceConnection } from '../src/server/in-memory.js';
import { connectChecked } from './support/client.js';
import { REPORT_APP_URI } from '../src/server/app-resource.js';
import { Session } from '../src/session/session.js';
import { bundleEntry } from './support/bundle-entry.js';
import { type ChartSummary, drawnMarks, launch, watch } from './support/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const example = join(root, 'examples', 'api-service');

/** The host page's script: ext-apps' AppBridge and PostMessageTransport, bundled for the browser once. */
let host: Promise<string> | undefined;
function hostScript(): Promise<string> {
  return (host ??= bundleEntry(
    `import { AppBridge, PostMessageTransport } from '@modelcontextprotocol/ext-apps/app-bridge';
window.aceHost = async (html, result) => {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.style.width = '1100px';
  iframe.style.height = '2400px';
  document.body.append(iframe);
  const bridge = new AppBridge(null, { name: 'ace-test-host', version: '1.0.0' }, { openLinks: {}, logging: {} });
  window.aceHostState = { initialized: false };
  bridge.oninitialized = () => {
    window.aceHostState.initialized = true;
    void bridge.sendToolResult(result);
  };
  await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
  iframe.srcdoc = html;
};`,
    { platform: 'browser', format: 'iife', minify: true },
  ));
}

/** A host page that loads the app's HTML in a sandboxed iframe and hands it `result`; the charts it drew. */
async function hostResult(html: string, result: CallToolResult) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const w = await watch(page);
  await page.setContent(`<!doctype html><html><body><script>${await hostScript()}</script></body></html>`);
  await page.evaluate(([h, r]) => (window as unknown as { aceHost(h: string, r: unknown): Promise<void> }).aceHost(h, r), [html, result] as const);
  await page.waitForFunction(() => (window as unknown as { aceHostState?: { initialized: boolean } }).aceHostState?.initialized === true, null, {
    timeout: 30_000,
  });
  const app = page.frames().find((f) => f !== page.mainFrame())!;
  await app.waitForFunction(() => ((window as { __aceCharts?: unknown[] }).__aceCharts ?? []).length > 0, null, { timeout: 30_000 });
  const charts = (await app.evaluate(() => (window as { __aceCharts?: unknown[] }).__aceCharts)) as ChartSummary[];
  return { page, w, app, charts };
}

let browser: Browser;
let conn: AceConnection;
beforeAll(async () => {
  browser = await launch();
  conn = await connectChecked(await Sandbox.open(example), new Session(), () => {});
});
afterAll(async () => {
  await browser?.close();
  await conn?.close();
});

describe('ui://ace/report in a host built with ext-apps AppBridge', () => {
  it('draws the charts of a real loadtest_summary result handed over by the host', async () => {
    const resource = (await conn.client.readResource({ uri: REPORT_APP_URI })) as ReadResourceResult;
    const content = resource.contents[0] as { mimeType: string; text: string };
    expect(content.mimeType).toBe('text/html;profile=mcp-app');
    const result = (await conn.client.callTool({
      name: 'loadtest_summary',
      arguments: { paths: ['results/locust/run_stats.csv', 'results/locust/run_stats_history.csv', 'results/locust/run_failures.csv'] },
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const run = (result.structuredContent as { results: LoadTestResult[] }).results[0]!;

    const { page, w, app, charts } = await hostResult(content.text, result);

    // The iframe is sandboxed (scripts only: an opaque origin), and the page asked for nothing.
    expect(await page.locator('iframe').getAttribute('sandbox')).toBe('allow-scripts');
    expect(await app.evaluate(() => window.origin)).toBe('null');
    expect(w.requests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);

    const byId = new Map(charts.map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual(['endpoints', 'latency-time', 'load-time', 'spectrum']);
    for (const c of charts) expect(await drawnMarks(app, c.id), `chart ${c.id} drew nothing`).toBeGreaterThan(0);
    const stats = (e: LoadTestResult['overall']) =>
      [e.latency.p50, e.latency.p90, e.latency.p95, e.latency.p99, e.latency.max].filter((q) => q !== null).length;
    expect(byId.get('spectrum')!.series).toEqual(run.endpoints.map((e) => ({ name: e.name, points: stats(e) })));
    expect(byId.get('endpoints')!.series.map((s) => s.points)).toEqual([
      run.endpoints.length,
      run.endpoints.length,
      run.endpoints.filter((e) => e.latency.p95).length,
    ]);
    expect(byId.get('latency-time')!.series).toEqual([{ name: 'p95', points: run.history.filter((h) => h.p95_ms !== null).length }]);
    expect(byId.get('load-time')!.series).toEqual([
      { name: 'rps', points: run.history.length },
      { name: 'users', points: run.history.length },
    ]);
    const shots = join(tmpdir(), 'ace-screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'report-app-host.png'), fullPage: false });
    await page.close();
  }, 120_000);

  it("draws a real compare_runs result: the changes with their intervals, both sides' percentiles", async () => {
    const resource = (await conn.client.readResource({ uri: REPORT_APP_URI })) as ReadResourceResult;
    const html = (resource.contents[0] as { text: string }).text;
    const runs = await connectChecked(await Sandbox.open(join(root, 'test', 'fixtures', 'compare', 'locust')), new Session(), () => {});
    try {
      const result = (await runs.client.callTool({ name: 'compare_runs', arguments: { before: ['a'], after: ['b'] } })) as CallToolResult;
      expect(result.isError).toBeFalsy();
      const { page, w, app, charts } = await hostResult(html, result);
      expect(w.requests).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(charts.map((c) => c.id)).toEqual(['changes', 'compare-spectrum']);
      for (const c of charts) expect(await drawnMarks(app, c.id), `chart ${c.id} drew nothing`).toBeGreaterThan(0);
      const metrics = (result.structuredContent as { metrics: { endpoint: string; metric: string; change_pct: number | null }[] }).metrics;
      const shown = metrics.filter(
        (m) => m.change_pct !== null && (m.endpoint === '*' ? ['p50', 'p95', 'p99', 'throughput'].includes(m.metric) : m.metric === 'p95'),
      );
      expect(charts[0]!.series[0]).toEqual({ name: 'change', points: shown.length });
      await page.close();
    } finally {
      await runs.close();
    }
  }, 120_000);

  it('draws the flame graph of a real profile_top result with its call tree', async () => {
    const resource = (await conn.client.readResource({ uri: REPORT_APP_URI })) as ReadResourceResult;
    const html = (resource.contents[0] as { text: string }).text;
    const result = (await conn.client.callTool({ name: 'profile_top', arguments: { path: 'profiles/server.cpuprofile', call_tree: true } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const frames = (result.structuredContent as { call_tree: { frames: unknown[] } }).call_tree.frames;
    const { page, w, app, charts } = await hostResult(html, result);
    expect(w.requests).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(charts.map((c) => c.id)).toEqual(['flame']);
    expect(charts[0]!.series).toEqual([{ name: 'frames', points: frames.length }]);
    expect(await drawnMarks(app, 'flame')).toBeGreaterThan(0);
    await page.close();
  }, 120_000);
});
