import { z } from 'zod';
import { assembleReport, defaultTitle } from '../../report/assemble.js';
import { TABLE_IDS } from '../../report/headings.js';
import { sessionLanguage } from '../../report/language.js';
import { REPORT_APP_META } from '../../report/html/app-meta.js';
import { defineTool } from '../define.js';

/** Builds the whole report from the emitted tables, in phase order. */
export const assembleReportTool = defineTool({
  name: 'assemble_report',
  title: 'Assemble the performance report',
  description:
    'Builds the whole Markdown report from the tables emitted so far: the seven phase headings in the session language, tables in phase order with their sources, and a "not emitted" marker for each missing table (listed in `missing`). Check the result with validate_report.',
  group: 'report',
  meta: REPORT_APP_META,
  input: z.strictObject({
    title: z.string().trim().min(1).max(200).optional().describe('Report title (h1); defaults to "Performance report: <target>"'),
    target: z.string().trim().min(1).max(500).optional().describe('Overrides the target given to start_report'),
  }),
  output: z.object({
    language: z.enum(['fr', 'en']),
    markdown: z.string(),
    emitted: z.array(z.enum(TABLE_IDS)),
    missing: z.array(z.enum(TABLE_IDS)),
  }),
  async handle(ctx, { title, target }) {
    const language = sessionLanguage(ctx.session);
    const report = assembleReport(ctx.session, language, title ?? defaultTitle(language, target ?? ctx.session.target));
    return { data: { language, ...report }, text: report.markdown };
  },
});
