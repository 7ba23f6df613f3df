/**
 * report.html in a real browser (Debian's Chromium through playwright-core): the example's
 * report opened from file:// loads nothing, logs no error, draws every chart with the series
 * and points of the evidence; a report whose endpoint is named `</script><script>alert(1)</script>`
 * runs no injected script, and a series longer than 2,880 points is downsampled and says so.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BURN_RATE_ALERTS } from '../src/report/slo-math.js';
import { CURVE_POINTS } from '../src/analysers/capacity-curve.js';
import { MAX_POINTS, type ComparisonResult, type ReportView } from '../src/report/html/view.js';
import { type ChartSummary, drawnMarks, launch, watch } from './support/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist', 'cli.js');
const example = join(root, 'examples', 'api-service');
const tmp = mkdtempSync(join(tmpdir(), 'ace-report-html-'));
const HOSTILE = '</script><script>alert(1)</script>';
/** Screenshots stay after the run, for a person to look at. */
const shots = join(tmpdir(), 'ace-screenshots');
mkdirSync(shots, { recursive: true });

function ace(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('node', [cli, ...args], { cwd: root, timeout: 90_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A CSV without quoted fields: header and rows as field arrays. */
function csv(path: string): { header: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  return { header: head!.split(','), rows: lines.map((l) => l.split(',')) };
}
const numeric = (s: string | undefined) => s !== undefined && s !== '' && s !== 'N/A' && Number.isFinite(Number(s));

/** The view embedded in a report.html, as the page reads it. */
function embedded(html: string): ReportView {
  const m = /<script type="application\/json" id="ace-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!) as ReportView;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function open(file: string) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const w = await watch(page);
  await page.goto(pathToFileURL(file).href, { timeout: 30_000 });
  await page.waitForFunction(() => (window as { __aceCharts?: unknown[] }).__aceCharts !== undefined, null, { timeout: 30_000 });
  const charts = (await page.evaluate(() => (window as { __aceCharts?: unknown[] }).__aceCharts)) as ChartSummary[];
  return { page, w, charts };
}

describe('report.html of the example (file://, Chromium)', () => {
  const out = join(tmp, 'example');
  let audit: Awaited<ReturnType<typeof ace>>;
  let html: string;
  let opened: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    audit = await ace('audit', example, '--html', '--out', out);
    html = readFileSync(join(out, 'report.html'), 'utf8');
    opened = await open(join(out, 'report.html'));
  }, 180_000);
  afterAll(() => opened?.page.close());

  it('is written by ace audit --html, self-contained and within 1.5 MB', () => {
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/report\.html/);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;sha256-/);
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
  });

  it('loads nothing beyond the page and logs no error', () => {
    const { w } = opened;
    expect(w.requests).toEqual([pathToFileURL(join(out, 'report.html')).href]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });

  it('draws every chart, with the series and points of the evidence', async () => {
    const { page, charts } = opened;
    const byId = new Map(charts.map((c) => [c.id, c]));
    expect([...byId.keys()].sort()).toEqual(['endpoints', 'flame', 'latency-time', 'load-time', 'slo', 'spectrum', 'usl']);
    for (const c of charts) expect(await drawnMarks(page, c.id), `chart ${c.id} drew nothing`).toBeGreaterThan(0);

    // Locust's history: every Aggregated row, each series its numeric cells.
    const history = csv(join(example, 'results', 'locust', 'run_stats_history.csv'));
    const col = (name: string) => history.header.indexOf(name);
    const agg = history.rows.filter((r) => r[col('Name')] === 'Aggregated');
    const count = (name: string) => agg.filter((r) => numeric(r[col(name)])).length;
    expect(byId.get('latency-time')!.series).toEqual([
      { name: 'p50', points: count('50%') },
      { name: 'p95', points: count('95%') },
      { name: 'p99', points: count('99%') },
    ]);
    expect(byId.get('load-time')!.series).toEqual([
      { name: 'rps', points: count('Total Request Count') },
      { name: 'errors', points: count('Total Failure Count') },
      { name: 'users', points: count('User Count') },
    ]);

    // Locust's stats: one spectrum per endpoint, one point per percentile column.
    const stats = csv(join(example, 'results', 'locust', 'run_stats.csv'));
    const endpoints = stats.rows.filter((r) => r[1] !== 'Aggregated');
    const pcols = stats.header.map((h, i) => (/^[\d.]+%$/.test(h) ? i : -1)).filter((i) => i >= 0);
    expect(byId.get('spectrum')!.series).toEqual(endpoints.map((r) => ({ name: `${r[0]} ${r[1]}`, points: pcols.filter((i) => numeric(r[i])).length })));
    expect(byId.get('endpoints')!.series).toEqual(['requests', 'errors', 'p95'].map((name) => ({ name, points: endpoints.length })));

    // The USL fit the audit reports, and the profile's tree as embedded.
    const levels = Number(/capacity: USL on (\d+) levels/.exec(audit.stdout)?.[1]);
    expect(byId.get('usl')!.series).toEqual([
      { name: 'measured', points: levels },
      { name: 'fitted', points: CURVE_POINTS },
    ]);
    const view = embedded(html);
    expect(view.charts.profile!.nodes).toBeGreaterThan(20);
    expect(byId.get('flame')!.series).toEqual([{ name: 'frames', points: view.charts.profile!.nodes }]);
    expect(byId.get('slo')!.series).toEqual([
      { name: 'measured', points: 1 },
      { name: 'thresholds', points: BURN_RATE_ALERTS.length },
    ]);

    // The figures say the same to anyone reading the DOM.
    for (const c of charts) {
      const attrs = await page.evaluate((id) => {
        const f = document.querySelector(`figure[data-chart="${id}"]`)!;
        return [Number(f.getAttribute('data-series')), Number(f.getAttribute('data-points'))];
      }, c.id);
      expect(attrs).toEqual([c.series.length, c.series.reduce((n, s) => n + s.points, 0)]);
    }
  });

  it('shows every table of the report with its sources', async () => {
    const { page } = opened;
    const tables = (readFileSync(join(out, 'report.md'), 'utf8').match(/^\|[ :-]*---/gm) ?? []).length;
    expect(tables).toBeGreaterThan(5);
    expect(await page.locator('section.report table').count()).toBe(tables);
    expect(await page.locator('section.report').innerText()).toContain('Sources:');
  });

  it('writes a screenshot for inspection', async () => {
    const shot = join(shots, 'report-html-example.png');
    await opened.page.screenshot({ path: shot });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
    process.stdout.write(`report.html screenshot: ${shot}\n`);
  });
});

describe('report.html in French', () => {
  it('labels its charts in the report language and still logs no error', async () => {
    const out = join(tmp, 'fr');
    const audit = await ace('audit', example, '--html', '--lang', 'fr', '--out', out);
    expect(audit.code, audit.stderr).toBe(0);
    const { page, w, charts } = await open(join(out, 'report.html'));
    try {
      expect(charts).toHaveLength(7);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      const captions = await page.locator('figcaption').allInnerTexts();
      expect(captions).toContain('Latence dans le temps');
      expect(captions).toContain("Budget d'erreur du SLO et burn rate");
      expect(w.consoleErrors).toEqual([]);
      expect(w.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 180_000);
});

describe('report.html from hostile evidence', () => {
  const project = join(tmp, 'hostile');
  const out = join(tmp, 'hostile-out');
  const seconds = MAX_POINTS + 300;
  let audit: Awaited<ReturnType<typeof ace>>;
  let opened: Awaited<ReturnType<typeof open>>;
  beforeAll(async () => {
    // A JMeter run of 3,180 s whose endpoint name closes a script element and opens another.
    mkdirSync(join(project, 'results'), { recursive: true });
    const lines = ['timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency'];
    const start = 1_795_749_800_000;
    for (let s = 0; s < seconds; s++) {
      const users = 1 + Math.floor((10 * s) / seconds);
      lines.push(`${start + s * 1000 + 10},${20 + (s % 7)},${HOSTILE},200,OK,T 1-1,text,true,210,${users},${users},20`);
      lines.push(
        `${start + s * 1000 + 500},${40 + (s % 11)},GET /ok,${s % 50 ? 200 : 500},OK,T 1-2,text,${s % 50 ? 'true' : 'false'},210,${users},${users},40`,
      );
    }
    writeFileSync(join(project, 'results', 'run.jtl'), `${lines.join('\n')}\n`);
    audit = await ace('audit', project, '--html', '--out', out);
    opened = await open(join(out, 'report.html'));
  }, 180_000);
  afterAll(() => opened?.page.close());

  it('runs no injected script: no dialog, no console output, no error, the name shown as text', async () => {
    const { page, w } = opened;
    expect(audit.code === 0 || audit.code === 1, audit.stderr).toBe(true);
    await page.waitForTimeout(300);
    expect(w.dialogs).toEqual([]);
    expect(w.console).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('body').innerText()).toContain('alert(1)');
    await page.screenshot({ path: join(shots, 'report-html-hostile.png'), fullPage: false });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain(HOSTILE);
    expect(JSON.stringify(embedded(html))).toContain('alert(1)');
  });

  it('downsamples a series longer than 2,880 points and says so on the chart', async () => {
    const { page, charts } = opened;
    const load = charts.find((c) => c.id === 'load-time')!;
    expect(load.downsampled!.from).toBeGreaterThan(MAX_POINTS);
    expect(load.downsampled!.to).toBeLessThanOrEqual(MAX_POINTS);
    for (const s of load.series) expect(s.points).toBe(load.downsampled!.to);
    expect(await drawnMarks(page, 'load-time')).toBeGreaterThan(0);
    expect(await page.locator('figure[data-chart="load-time"] .note').innerText()).toMatch(
      /downsampled from \d+ to \d+ points \(largest-triangle-three-buckets\)/,
    );
    const spectrum = charts.find((c) => c.id === 'spectrum')!;
    expect(spectrum.series.length).toBe(2);
  });
});

describe('ace diff --html: BEFORE/AFTER of real Locust runs (/items 30 % slower after)', () => {
  const runs = join(root, 'test', 'fixtures', 'compare', 'locust');
  it('draws the changes with their intervals and both sides on the same axes, offline, with no error', async () => {
    const file = join(tmp, 'diff.html');
    const diff = await ace('diff', join(runs, 'a'), join(runs, 'b'), '--json', '--html', file);
    expect(diff.code, diff.stderr).toBe(0);
    const metrics = (JSON.parse(diff.stdout) as Pick<ComparisonResult, 'metrics'>).metrics;
    const { page, w, charts } = await open(file);
    try {
      expect(w.requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.pageErrors).toEqual([]);
      // Runs carry no request totals to compare, so no endpoints overlay: changes and percentiles.
      expect(charts.map((c) => c.id)).toEqual(['changes', 'compare-spectrum']);
      for (const c of charts) expect(await drawnMarks(page, c.id), `chart ${c.id} drew nothing`).toBeGreaterThan(0);
      const endpoints = [...new Set(metrics.map((m) => m.endpoint))].filter((e) => e !== '*');
      const changed = metrics.filter(
        (m) =>
          m.change_pct !== null &&
          ((m.endpoint === '*' && ['p50', 'p95', 'p99', 'throughput'].includes(m.metric)) || (m.endpoint !== '*' && m.metric === 'p95')),
      );
      const byId = new Map(charts.map((c) => [c.id, c]));
      expect(byId.get('changes')!.series).toEqual([
        { name: 'change', points: changed.length },
        { name: 'ci', points: changed.filter((m) => m.ci_pct).length },
      ]);
      // Both sides' spectra on one chart: each endpoint once per side.
      expect(byId.get('compare-spectrum')!.series.map((x) => x.name)).toEqual([...endpoints, ...endpoints]);
      const regressed = changed.find((m) => m.endpoint === 'GET /items' && m.metric === 'p95')!;
      expect(regressed.verdict).toBe('regressed');
      const text = await page.locator('figure[data-chart="changes"]').innerText();
      expect(text).toContain('GET /items · p95');
      expect(text).toContain('regressed');
      // The table below the charts is the comparison's, row for row.
      const rows = await page.locator('section.report table tbody tr').count();
      expect(rows).toBe(metrics.length);
      await page.screenshot({ path: join(shots, 'diff-html.png') });
    } finally {
      await page.close();
    }
  }, 120_000);
});
