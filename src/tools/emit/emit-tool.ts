/**
 * `defineEmitTool`: what every emit tool shares, written once. It checks measured sources
 * against the sandbox, lets the table build its checked data, stores it in the session and
 * answers with the rendered section plus the structured data.
 */
import { z } from 'zod';
import { checkMeasuredSources } from '../../report/evidence.js';
import type { Footnotes } from '../../report/format.js';
import type { TableId } from '../../report/headings.js';
import { sessionLanguage } from '../../report/language.js';
import { renderSection } from '../../report/section.js';
import type { ReportLanguage } from '../../report/table.js';
import { type AnyTool, defineTool, type ToolContext } from '../define.js';

export interface EmitSpec<I extends z.ZodObject, D extends z.ZodObject> {
  id: TableId;
  title: string;
  /** What the table is for and its rules, for the model. */
  description: string;
  input: I;
  /** The checked data with its derived cells, as returned in structuredContent. */
  data: D;
  /** Enforces the table's rules (UserInputError naming the row) and computes derived cells. */
  build(params: z.output<I>, ctx: ToolContext): z.output<D> | Promise<z.output<D>>;
  render(data: z.output<D>, language: ReportLanguage, notes: Footnotes): string;
}

export const LanguageSchema = z.enum(['fr', 'en']);

export function defineEmitTool<I extends z.ZodObject, D extends z.ZodObject>(spec: EmitSpec<I, D>): AnyTool {
  const output = z.object({
    table: z.literal(spec.id),
    language: LanguageSchema,
    markdown: z.string().describe('The rendered section: heading, table, sources.'),
    data: spec.data,
  });
  return defineTool({
    name: `emit_${spec.id}`,
    title: spec.title,
    description: `${spec.description}\nStores the table in the report session (re-emitting replaces it); returns the rendered Markdown in the session language. Quantities carry a source: measured {ref: "path" or "path:line" that must exist}, computed {from}, or estimate {basis}.`,
    group: 'emit',
    input: spec.input,
    output,
    async handle(ctx, params) {
      await checkMeasuredSources(ctx.sandbox, params);
      const data = await spec.build(params, ctx);
      const table = { id: spec.id, data, render: (language: ReportLanguage, notes: Footnotes) => spec.render(data, language, notes) };
      ctx.session.store(table);
      const language = sessionLanguage(ctx.session);
      const markdown = renderSection(table, language);
      return { data: { table: spec.id, language, markdown, data } as z.input<typeof output>, text: markdown };
    },
  });
}

/** `row 2 (latency_p95)`: how rule violations name a row (1-based). */
export function rowName(index: number, label?: string): string {
  return label ? `row ${index + 1} (${label})` : `row ${index + 1}`;
}
