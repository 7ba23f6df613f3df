/**
 * Debian's Chromium (/usr/bin/chromium, installed by scripts/ensure-test-tools.sh) driven by
 * playwright-core: no browser is downloaded, and nothing the browser does reaches the network.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
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
}

/** What a page did: every request, console errors and messages, uncaught errors, dialogs. */
export interface Watch {
  requests: string[];
  consoleErrors: string[];
  console: string[];
  pageErrors: string[];
  dialogs: string[];
}

/** Watches a page; requests for anything but file: URLs are aborted (and recorded). */
export async function watch(page: Page): Promise<Watch> {
  const w: Watch = { requests: [], consoleErrors: [], console: [], pageErrors: [], dialogs: [] };
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  page.on('request', (r) => w.requests.push(r.url()));
  page.on('console', (m) => {
    w.console.push(m.text());
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

export interface ChartSummary {
  id: string;
  kind: 'canvas' | 'svg';
  series: { name: string; points: number }[];
  downsampled?: { from: number; to: number };
}

/** Marks each chart drew: SVG mark elements, or canvas pixels that are neither transparent nor white. */
export async function drawnMarks(page: Page | import('playwright-core').Frame, id: string): Promise<number> {
  return page.evaluate((chartId) => {
    const fig = document.querySelector(`figure[data-chart="${chartId}"]`);
    if (!fig) return -1;
    const svgMarks = fig.querySelectorAll('svg [data-mark]').length;
    let pixels = 0;
    for (const canvas of fig.querySelectorAll('canvas')) {
      const ctx = canvas.getContext('2d');
      if (!ctx) continue;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (a > 0 && !(r > 245 && g > 245 && b > 245)) pixels++;
      }
    }
    return svgMarks + pixels;
  }, id);
}
