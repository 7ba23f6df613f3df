/** `ace run`'s files: report.html is written beside report.md, from the same assembled report, scrubbed the same way. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox } from '../sandbox/sandbox.js';
import { connectChecked } from '../../test/support/client.js';
import { Session } from '../session/session.js';
import { finaliseReport } from './report-files.js';

const out = mkdtempSync(join(tmpdir(), 'ace-report-files-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('finaliseReport', () => {
  it('writes report.html next to report.md: the same report, self-contained, scrubbed', async () => {
    const session = new Session();
    const conn = await connectChecked(await Sandbox.open(fileURLToPath(new URL('../../examples/api-service', import.meta.url))), session, () => {});
    try {
      await conn.client.callTool({ name: 'start_report', arguments: { language: 'en', target: 'api-service SECRET-TOKEN' } });
      const report = await finaliseReport(
        conn.client,
        session,
        { target: 'api-service', root: '.', out, model: 'm', maxTurns: 1, maxTokens: 1, lang: 'en', json: false },
        { stop: { kind: 'finished' }, turns: 1, tokens: 1 },
        {},
        (text) => text.replaceAll('SECRET-TOKEN', '[redacted]'),
      );
      expect(report.files.html).toBe(join(out, 'report.html'));
      const html = readFileSync(report.files.html, 'utf8');
      const md = readFileSync(report.files.markdown, 'utf8');
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain('default-src &#39;none&#39;');
      expect(html).not.toContain('SECRET-TOKEN');
      const data = JSON.parse(/<script type="application\/json" id="ace-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as { markdown: string; language: string };
      expect(data.markdown.trimEnd()).toBe(md.trimEnd());
      expect(data.language).toBe('en');
    } finally {
      await conn.close();
    }
  });
});
