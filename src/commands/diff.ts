/**
 * `ace diff BEFORE AFTER [--json] [--html FILE] [--alpha A] [--threshold PCT] [--endpoint FILTER]`: the
 * BEFORE/AFTER comparison of compare_runs from the command line. Each side is a result file,
 * a folder of runs or a glob, read through the sandbox rooted at the current directory (or,
 * when a path lies outside it, at the paths' common folder).
 * Exit status: 0 compared (whatever the verdict: `ace check` is the gate), 2 usage or evidence error.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isCallerError } from '../errors.js';
import type { Comparison } from '../analysers/compare/index.js';
import { renderReportHtml } from '../report/html/page.js';
import { chartsFromComparison, type ComparisonResult } from '../report/html/view.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { commandLine } from './args.js';

const HELP = `Usage: ace diff BEFORE AFTER [--json] [--html FILE] [--alpha A] [--threshold PCT] [--endpoint FILTER]

Compares two load-test results (any format Ace reads; a folder of several run files is
several runs per side), overall and per endpoint: P50/P90/P95/P99/max, error rate and
throughput, before, after, change in %, its confidence interval and a verdict per metric
(improved, regressed, unchanged, inconclusive with the reason in the notes).
  --json            print {"verdict", "metrics": [{endpoint, metric, before, after, change_pct,
                    ci_pct, verdict}], "notes"} and nothing else
  --html FILE       also write FILE: one offline page with the changes and their intervals,
                    the percentiles and endpoints of both sides, and the table
  --alpha A         significance level, 0 < A < 0.5 (default 0.05)
  --threshold PCT   noise threshold in % (default 5)
  --endpoint TEXT   compare only endpoints whose name contains TEXT (or matches it, RE2)
Exit status: 0 compared, 2 usage error or unreadable evidence.`;

/**
 * A sandbox for paths given on the command line: rooted at `cwd`, or at the deepest folder
 * holding every path when one lies outside it. Returns the paths relative to that root.
 */
export async function sandboxFor(given: string[], cwd = process.cwd()): Promise<{ sandbox: Sandbox; rels: string[] }> {
  const abs = given.map((p) => path.resolve(cwd, p));
  let root = cwd;
  if (abs.some((p) => path.relative(cwd, p).startsWith('..'))) {
    root = path.dirname(abs[0]!);
    while (abs.some((p) => path.relative(root, p).startsWith('..'))) root = path.dirname(root);
  }
  const sandbox = await Sandbox.open(root);
  const rels = abs.map((p) => path.relative(root, p).split(path.sep).join('/') || '.');
  return { sandbox, rels };
}

/** A number option, or an error message. */
export function numberOption(name: string, raw: string | undefined, lo: number, hi: number): number | undefined | string {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < lo || n > hi) return `--${name} must be a number in [${lo}, ${hi}], not '${raw}'`;
  return n;
}

const { parse, usageError } = commandLine('diff', HELP);

export async function run(argv: string[]): Promise<number> {
  const parsed = parse(argv, {
    json: { type: 'boolean' },
    html: { type: 'string' },
    alpha: { type: 'string' },
    threshold: { type: 'string' },
    endpoint: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 2) return usageError(`expected BEFORE and AFTER, got ${positionals.length} path(s)`);
  const alpha = numberOption('alpha', values.alpha, 1e-9, 0.5);
  const threshold = numberOption('threshold', values.threshold, 0, 100);
  for (const v of [alpha, threshold]) if (typeof v === 'string') return usageError(v);

  const { compareFiles, comparisonTable } = await import('../tools/analyse/compare-runs.js');
  const { toContract } = await import('../analysers/compare/index.js');
  try {
    const { sandbox, rels } = await sandboxFor(positionals);
    const { comparison, computed, sources } = await compareFiles(sandbox, {
      before: [rels[0]!],
      after: [rels[1]!],
      ...(alpha !== undefined ? { alpha: alpha as number } : {}),
      ...(threshold !== undefined ? { threshold_pct: threshold as number } : {}),
      ...(values.endpoint ? { endpoint_filter: values.endpoint } : {}),
    });
    const contract = toContract(comparison);
    if (values.html) await writeComparisonPage(values.html, { ...comparison, computed, sources }, contract.notes);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(contract, null, 2)}\n`);
      return 0;
    }
    const rows = comparison.metrics.filter((m) => m.metric !== 'mean');
    const lines = [
      `verdict: ${contract.verdict} (${comparison.method}, runs per side ${comparison.runs_per_side.before}/${comparison.runs_per_side.after})`,
      ...comparisonTable(rows),
      '',
      `computed: ${computed}`,
    ];
    for (const n of contract.notes) lines.push(`note: ${n}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (!isCallerError(err)) throw err;
    process.stderr.write(`ace diff: ${err.message}\n`);
    return 2;
  }
}

/** The comparison as report.html's page: the BEFORE/AFTER charts, then the table and notes. */
async function writeComparisonPage(file: string, result: Comparison & Pick<ComparisonResult, 'computed' | 'sources'>, notes: string[]) {
  const { comparisonMarkdown } = await import('../tools/analyse/compare-runs.js');
  const markdown = [
    `# BEFORE/AFTER: ${result.verdict}`,
    '',
    ...comparisonMarkdown(result.metrics.filter((m) => m.metric !== 'mean')),
    '',
    `computed: ${result.computed}`,
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  const charts = chartsFromComparison(result);
  await writeFile(file, renderReportHtml({ language: 'en', title: `Ace: BEFORE/AFTER (${result.verdict})`, markdown, charts }));
}
