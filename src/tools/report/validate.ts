/**
 * validate_report: checks a whole Markdown report (emitted by Ace or written by hand)
 * and returns its violations. A report with violations is a successful check (ok: false);
 * only a malformed call is an error.
 */
import { z } from 'zod';
import type { Phase } from '../../report/headings.js';
import { REPORT_LIMITS } from '../../report/validate/shape.js';
import { RULE_IDS } from '../../report/validate/types.js';
import { defineTool } from '../define.js';

/** Violations listed in one result; the summary counts them all. */
export const VIOLATION_LIMIT = 200;

const ViolationSchema = z.object({
  rule: z.enum(RULE_IDS),
  line: z.number().int().describe('1-based line in the Markdown'),
  message: z.string(),
  severity: z.enum(['error', 'warning']).describe('errors fail the report; warnings are worth a look'),
});

export const validateReportTool = defineTool({
  name: 'validate_report',
  title: 'Validate a performance report',
  group: 'report',
  description: `Checks a Markdown performance report (from assemble_report or written by hand) against Ace's rules and returns its violations with line numbers and rule ids:
missing phase / table / required column; a comparative ("faster", "réduit", "improves") with no number and unit in its sentence or row; template values ("X ms", "$X", "Y%", a unit alone in a cell); percentiles out of order; an error budget that does not follow from its SLO; an optimisation without BEFORE/AFTER numbers; a % change that disagrees with its two numbers; a missing or non-parsing load-test script; a k6 threshold k6 would reject; priorities out of order; a report in another language than expected, or mixing languages.
ok is true when there is no error (warnings allowed). language defaults to the session's (start_report). Lists up to ${VIOLATION_LIMIT} violations: fix them and validate again.`,
  input: z.strictObject({
    markdown: z.string().min(1).max(REPORT_LIMITS.chars).describe('The whole report, as Markdown.'),
    language: z
      .enum(['fr', 'en'])
      .optional()
      .describe("The language the report must be written in (the user's). Defaults to the session's language, else the detected one."),
    phases: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .optional()
      .describe('Only these phases (1-7) must be complete, for a partial report; every other rule still checks the whole report. Default: all seven.'),
  }),
  output: z.object({
    ok: z.boolean().describe('true when there is no error-severity violation'),
    language: z.enum(['fr', 'en', 'unknown']).describe('the language the prose is written in, as detected'),
    errors: z.number().int(),
    warnings: z.number().int(),
    violations: z.array(ViolationSchema),
    truncated: z.boolean().describe(`true when more than ${VIOLATION_LIMIT} violations were found and the list was cut`),
  }),
  async handle(ctx, params) {
    // Loaded on first use: the language detector's model is not needed to start the server.
    const { validateReport } = await import('../../report/validate/index.js');
    const result = await validateReport(params.markdown, {
      language: params.language ?? ctx.session.language,
      ...(params.phases ? { phases: params.phases as Phase[] } : {}),
    });
    const errors = result.violations.filter((v) => v.severity === 'error').length;
    const warnings = result.violations.length - errors;
    const shown = result.violations.slice(0, VIOLATION_LIMIT);
    const truncated = shown.length < result.violations.length;
    const head = result.ok
      ? `ok: the report passes (${warnings} warning${warnings === 1 ? '' : 's'}; language: ${result.language})`
      : `not ok: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (language: ${result.language})`;
    const lines = shown.map((v) => `line ${v.line} ${v.rule}${v.severity === 'warning' ? ' (warning)' : ''}: ${v.message}`);
    if (truncated) lines.push(`[${result.violations.length - shown.length} more not listed: fix these and validate again]`);
    return {
      data: { ok: result.ok, language: result.language, errors, warnings, violations: shown, truncated },
      text: [head, ...lines].join('\n'),
    };
  },
});
