/**
 * report.html: one self-contained page. The view goes in as JSON in a non-executed
 * `<script type="application/json">` (escaped by jsonForScript), the client bundle and the
 * styles inline. The Content-Security-Policy allows nothing but that one script, by its
 * SHA-256, and inline styles: no request can leave the page, and no injected script runs.
 */
import { createHash } from 'node:crypto';
import { asset } from './assets.js';
import { escapeHtml, jsonForScript } from './embed.js';
import type { ReportView } from './view.js';

const hash = (code: string) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`;

export function contentSecurityPolicy(scripts: readonly string[]): string {
  return ["default-src 'none'", `script-src ${scripts.map(hash).join(' ')}`, "style-src 'unsafe-inline'", "base-uri 'none'", "form-action 'none'"].join('; ');
}

function page(opts: { language: string; title: string; script: string; data?: unknown; noscript?: string }): string {
  const data = opts.data === undefined ? '' : `<script type="application/json" id="ace-data">${jsonForScript(opts.data)}</script>\n`;
  return `<!doctype html>
<html lang="${escapeHtml(opts.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy([opts.script]))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(opts.title)}</title>
<style>${asset('report.css')}</style>
</head>
<body>
<main id="ace-report">${opts.noscript ? `<noscript><pre>${escapeHtml(opts.noscript)}</pre></noscript>` : ''}</main>
${data}<script>${opts.script}</script>
</body>
</html>
`;
}

/** report.html for a view (the audit's, or `ace run`'s). */
export function renderReportHtml(view: ReportView): string {
  return page({ language: view.language, title: view.title, script: asset('report.js'), data: view, noscript: view.markdown });
}

/** The MCP App's page: no data, it waits for the host to hand it a tool result. */
export function renderAppHtml(language: 'fr' | 'en' = 'en'): string {
  return page({ language, title: 'Ace report', script: asset('app.js') });
}
