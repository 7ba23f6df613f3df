import { z } from 'zod';
import { assembleReport, defaultTitle } from '../../report/assemble.js';
import { TABLE_IDS } from '../../report/headings.js';
import { sessionLanguage } from '../../report/language.js';
import { REPORT_APP_META } from '../../report/html/app-meta.js';
import { defineTool } from '../define.js';

/** UTF-8 bytes of Markdown per page: a page and its text rendering fit the result cap. */
export const REPORT_PAGE_BYTES = 30_000;

/** The page of `markdown` that starts at character `offset`: whole lines, at most REPORT_PAGE_BYTES. */
export function reportPage(markdown: string, offset: number): { page: string; next: number | null } {
  let end = offset;
  let bytes = 0;
  while (end < markdown.length) {
    let nl = markdown.indexOf('\n', end);
    nl = nl < 0 ? markdown.length : nl + 1;
    const lineBytes = Buffer.byteLength(markdown.slice(end, nl), 'utf8');
    if (bytes + lineBytes > REPORT_PAGE_BYTES) {
      if (end === offset) end = offset + Math.floor(REPORT_PAGE_BYTES / 4); // one huge line: cut it
      break;
    }
    bytes += lineBytes;
    end = nl;
  }
  return { page: markdown.slice(offset, end), next: end < markdown.length ? end : null };
}

/** Builds the whole report from the emitted tables, in phase order. */
export const assembleReportTool = defineTool({
  name: 'assemble_report',
  title: 'Assemble the performance report',
  description:
    'Builds the whole Markdown report from the tables emitted so far: the seven phase headings in the session language, tables in phase order with their sources, and a "not emitted" marker for each missing table (listed in `missing`). A report longer than one page (about 30 KB) comes in pages: call again with `offset` = `next_offset` until it is null. Check the result with validate_report.',
  group: 'report',
  meta: REPORT_APP_META,
  input: z.strictObject({
    title: z.string().trim().min(1).max(200).optional().describe('Report title (h1); defaults to "Performance report: <target>"'),
    target: z.string().trim().min(1).max(500).optional().describe('Overrides the target given to start_report'),
    offset: z.number().int().min(0).optional().describe("Character offset of the page to return (default 0): the previous page's next_offset"),
  }),
  paging: { params: ['offset'] },
  output: z.object({
    language: z.enum(['fr', 'en']),
    markdown: z.string().describe('The report, or the page of it that starts at offset'),
    offset: z.number().int(),
    next_offset: z.number().int().nullable().describe('Where the next page starts; null on the last page'),
    total_chars: z.number().int(),
    emitted: z.array(z.enum(TABLE_IDS)),
    missing: z.array(z.enum(TABLE_IDS)),
  }),
  async handle(ctx, { title, target, offset = 0 }) {
    const language = sessionLanguage(ctx.session);
    const report = assembleReport(ctx.session, language, title ?? defaultTitle(language, target ?? ctx.session.target));
    const { page, next } = reportPage(report.markdown, Math.min(offset, report.markdown.length));
    const more = next === null ? '' : `\n[page ends at character ${next} of ${report.markdown.length}: call assemble_report with offset ${next} for the rest]`;
    return {
      data: { ...report, language, markdown: page, offset, next_offset: next, total_chars: report.markdown.length },
      text: page + more,
    };
  },
});
