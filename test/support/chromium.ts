/**
 * Debian's Chromium (/usr/bin/chromium, installed by scripts/ensure-test-tools.sh) driven by
 * playwright-core: no browser is downloaded, and nothing the browser does reaches the network.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** What playwright-core 1.65 disables with its own --disable-features switch. */
const PLAYWRIGHT_DISABLED = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * What a headless page has no use for, and Chromium 156 starts anyway: every window (one per
 * context) loads two WebUI omnibox popups in a renderer of their own, about 1.8 s of CPU per
 * context in the suite, and each navigation starts a spare renderer beside the page's.
 */
const UNUSED_IN_HEADLESS = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup', 'PreloadTopChromeWebUI', 'SpareRendererForSitePerProcess'];

export async function launch(): Promise<Browser> {
  const browser = await chromium.launch({
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
      // Chromium keeps only the last --disable-features switch: this one repeats Playwright's.
      `--disable-features=${[...PLAYWRIGHT_DISABLED, ...UNUSED_IN_HEADLESS].join(',')}`,
    ],
  });
  try {
    const dropped = featuresDroppedFromPlaywright();
    if (dropped.length > 0)
      throw new Error(`playwright-core now disables ${dropped.join(', ')} too: add them to PLAYWRIGHT_DISABLED in test/support/chromium.ts`);
  } catch (err) {
    await browser.close();
    throw err;
  }
  return browser;
}

/**
 * Features an earlier --disable-features switch names and the last one does not, on the command
 * lines of the browsers this process started (its children: Chromium, or Debian's wrapper script
 * that runs it with the same arguments).
 */
function featuresDroppedFromPlaywright(): string[] {
  const children = readdirSync('/proc/self/task').flatMap((task) => readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(' ').filter(Boolean));
  const dropped = new Set<string>();
  let browsers = 0;
  for (const pid of children) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const lists = argv.filter((a) => a.startsWith('--disable-features=')).map((a) => a.slice('--disable-features='.length).split(','));
    if (lists.length === 0) continue;
    browsers++;
    const last = new Set(lists.at(-1));
    for (const list of lists.slice(0, -1)) for (const feature of list) if (!last.has(feature)) dropped.add(feature);
  }
  if (browsers === 0) throw new Error("no browser started by this process has a --disable-features switch: cannot check it kept Playwright's");
  return [...dropped];
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
