/**
 * `ace validate FILE [--lang fr|en] [--phases 1,2,3] [--json]`: checks a Markdown report from
 * the command line. Exit 0 when clean (warnings allowed), 1 with violations, 2 on a usage error
 * or a report over a limit of REPORT_LIMITS.
 * The file is the command's own input, read directly (not through the sandbox).
 */
import { readFile } from 'node:fs/promises';
import { PHASES, type Phase } from '../report/headings.js';
import { commandLine } from './args.js';

const HELP = `Usage: ace validate FILE [--lang fr|en] [--phases LIST] [--json]

Checks a Markdown performance report against Ace's rules (phases, tables, numbers,
BEFORE/AFTER, load-test script, language).
  --lang fr|en    the language the report must be written in (default: detected)
  --phases LIST   only these phases must be present, e.g. 1,3,7 (a partial report such as
                  ace audit's); the other rules still check the whole report (default: all 7)
  --json          print the result object as JSON instead of FILE:LINE lines
Exit status: 0 clean (warnings allowed), 1 violations, 2 usage error or a report too large
or too deeply nested to validate (the message names the limit).`;

const { parse, usageError } = commandLine('validate', HELP);

/** "1,3,7" → [1, 3, 7]; undefined when the list is not phases 1 to 7. */
export function parsePhases(text: string): Phase[] | undefined {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => !/^[1-7]$/.test(s))) return undefined;
  return PHASES.filter((p) => items.includes(String(p)));
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parse(argv, { lang: { type: 'string' }, phases: { type: 'string' }, json: { type: 'boolean' } });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !positionals[0]) return usageError(positionals.length === 0 ? 'missing FILE' : 'expected one FILE');
  const file = positionals[0];
  const lang = values.lang;
  if (lang !== undefined && lang !== 'fr' && lang !== 'en') return usageError(`--lang must be fr or en, not '${lang}'`);
  const phases = values.phases === undefined ? undefined : parsePhases(values.phases);
  if (values.phases !== undefined && !phases) return usageError(`--phases takes phase numbers 1 to 7 separated by commas, not '${values.phases}'`);

  let markdown: string;
  try {
    markdown = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return usageError(
      code === 'ENOENT' ? `no such file: ${file}` : code === 'EISDIR' ? `${file} is a directory` : `cannot read ${file}: ${(err as Error).message}`,
    );
  }

  const { validateReport, ReportShapeError } = await import('../report/validate/index.js');
  let result: Awaited<ReturnType<typeof validateReport>>;
  try {
    result = await validateReport(markdown, { ...(lang ? { language: lang } : {}), ...(phases ? { phases } : {}) });
  } catch (err) {
    if (!(err instanceof ReportShapeError)) throw err;
    process.stderr.write(`ace validate: ${file}: ${err.message}\n`);
    return 2;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const v of result.violations) {
      process.stdout.write(`${file}:${v.line} ${v.rule}${v.severity === 'warning' ? ' (warning)' : ''} ${v.message}\n`);
    }
    const errors = result.violations.filter((v) => v.severity === 'error').length;
    const warnings = result.violations.length - errors;
    const verdict = result.ok ? 'ok' : 'FAILED';
    const scope = phases ? `; phases required: ${phases.join(', ')}` : '';
    process.stdout.write(`${file}: ${verdict}: ${errors} error(s), ${warnings} warning(s); language: ${result.language}${scope}\n`);
  }
  return result.ok ? 0 : 1;
}
