import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { assembleWholeReport } from '../../server/whole-report.js';
import { REPORT_PAGE_BYTES, reportPage } from './assemble.js';

describe('reportPage', () => {
  it('cuts on whole lines, within the page size, and the pages add up to the text', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `| ligne ${i} | é→${'x'.repeat(i % 50)} |\n`).join('');
    const pages: string[] = [];
    for (let offset: number | null = 0; offset !== null;) {
      const { page, next } = reportPage(text, offset);
      expect(Buffer.byteLength(page, 'utf8')).toBeLessThanOrEqual(REPORT_PAGE_BYTES);
      if (next !== null) expect(page.endsWith('\n')).toBe(true);
      pages.push(page);
      offset = next;
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join('')).toBe(text);
  });

  it('cuts a single line longer than a page rather than looping', () => {
    const text = 'y'.repeat(REPORT_PAGE_BYTES * 3);
    const first = reportPage(text, 0);
    expect(first.next).toBeGreaterThan(0);
    expect(first.page.length).toBe(first.next);
  });
});

describe('assemble_report in pages', () => {
  let dir: string;
  let ace: ConnectedAce;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ace-assemble-'));
    ace = await connectAce(dir);
  });
  afterAll(async () => {
    await ace.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns a long report in pages that the client joins into the whole report', async () => {
    const body = Array.from({ length: 2000 }, (_, i) => `- finding ${i}: 120 ms P95 on GET /items/${i}`).join('\n');
    ace.session.store({ id: 'findings', data: {}, render: () => body });
    const first = await ace.call('assemble_report', {});
    const data = first.structuredContent as { next_offset: number | null; total_chars: number; markdown: string };
    expect(data.next_offset).not.toBeNull();
    expect(ace.text(first)).toMatch(/call assemble_report with offset \d+ for the rest/);
    const whole = await assembleWholeReport(ace.client);
    expect(whole.page?.markdown.length).toBe(data.total_chars);
    expect(whole.page?.markdown).toContain(body);
  });
});
