import { z } from 'zod';
import { detectLanguage } from '../../report/language.js';
import { defineTool } from '../define.js';

/** Starts a report: fixes its language and target and forgets tables emitted before. */
export const startReportTool = defineTool({
  name: 'start_report',
  title: 'Start a performance report',
  description:
    "Call first. Sets the report language (fr or en: the language of the user's request; detected from the target text when omitted, else English) and its target, and clears tables emitted for an earlier report. Every emit tool then renders in this language.",
  group: 'report',
  input: z.strictObject({
    language: z.enum(['fr', 'en']).optional().describe("The language of the user's request"),
    target: z.string().trim().min(1).max(500).describe('What is analysed, e.g. "src/api" or the user\'s description'),
  }),
  output: z.object({ language: z.enum(['fr', 'en']), target: z.string(), detected: z.boolean() }),
  async handle(ctx, { language, target }) {
    const chosen = language ?? detectLanguage(target) ?? 'en';
    ctx.session.language = chosen;
    ctx.session.target = target;
    ctx.session.tables.clear();
    const detected = language === undefined;
    return {
      data: { language: chosen, target, detected },
      text: `Report started for ${target}; language: ${chosen}${detected ? ' (detected)' : ''}. Emit the tables phase by phase, then call assemble_report.`,
    };
  },
});
