/**
 * The README's picture of report.html, made from the real page: runs `ace audit --html` on
 * examples/api-service (dist/ must be built), opens the report from file:// in Debian's
 * Chromium (playwright-core, no download) and writes docs/report-html.png (the charts).
 *   node scripts/screenshot-report.mjs [--out FILE]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string', default: join(ROOT, 'docs', 'report-html.png') } } });
const dir = mkdtempSync(join(tmpdir(), 'ace-screenshot-'));
try {
  execFileSync('node', [join(ROOT, 'dist', 'cli.js'), 'audit', join(ROOT, 'examples', 'api-service'), '--html', '--out', dir], { stdio: 'ignore' });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.waitForFunction(() => (globalThis.__aceCharts ?? []).length > 0);
    // Every chart, from the time series to the SLO burn rates; the tables follow in the page.
    const box = await page.locator('section.charts').boundingBox();
    await page.screenshot({ path: values.out, fullPage: true, clip: { x: 0, y: box.y - 50, width: 1100, height: box.height + 60 } });
    process.stdout.write(`wrote ${values.out}\n`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
