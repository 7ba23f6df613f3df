/**
 * `ace check CURRENT [--baseline DIR] [--budgets FILE] [--json] [--junit FILE] [--markdown FILE]`:
 * the CI gate. CURRENT (a result file, folder of runs or glob) must keep every budget (k6's
 * `thresholds` object form) and, against the baseline, no metric may be `regressed` (the
 * compare_runs statistics: noise is not a regression).
 * Exit status: 0 passed, 1 a budget broken or a metric regressed, 2 usage or evidence error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isCallerError, UserInputError } from '../errors.js';
import { numberOption, sandboxFor } from './diff.js';
import { commandLine } from './args.js';

const HELP = `Usage: ace check CURRENT [--baseline DIR] [--budgets FILE] [--json] [--junit FILE] [--markdown FILE]

The CI gate for a load test. CURRENT is a result file, a folder of runs or a glob (any format
Ace reads).
  --baseline PATH   a committed baseline (file or folder of runs): CURRENT fails when a metric
                    is 'regressed' against it (statistically, beyond the noise threshold)
  --budgets FILE    JSON in k6's thresholds form, e.g.
                    {"thresholds": {"http_req_duration{name:/items}": ["p(95)<300"],
                                    "http_req_failed": ["rate<0.01"]}}
                    (http_req_duration: p(N) avg med min max; http_req_failed: rate;
                    http_reqs: count rate; tags: name, method, expected_response)
  --alpha A         significance level of the comparison (default 0.05)
  --threshold PCT   noise threshold in % (default 5)
  --json            print the result as JSON
  --junit FILE      write JUnit XML: one testcase per budget and per compared metric
  --markdown FILE   write Markdown (e.g. "$GITHUB_STEP_SUMMARY")
At least one of --baseline and --budgets is needed, unless ace.config.json has "thresholds"
(k6's form), which are the budgets when --budgets is not given.
Exit status: 0 passed, 1 a budget broken or a metric regressed, 2 usage or evidence error.`;

const { parse, usageError } = commandLine('check', HELP);

async function readBudgets(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserInputError(code === 'ENOENT' ? `no such budgets file: ${file}` : `cannot read ${file}: ${(err as Error).message}`);
  }
  if (text.length > 1024 * 1024) throw new UserInputError(`${file}: a budgets file is at most 1 MiB`);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    throw new UserInputError(`${file} is not valid JSON`);
  }
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parse(argv, {
    baseline: { type: 'string' },
    budgets: { type: 'string' },
    json: { type: 'boolean' },
    junit: { type: 'string' },
    markdown: { type: 'string' },
    alpha: { type: 'string' },
    threshold: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError(`expected one CURRENT path, got ${positionals.length}`);

  const alpha = numberOption('alpha', values.alpha, 1e-9, 0.5);
  const threshold = numberOption('threshold', values.threshold, 0, 100);
  for (const v of [alpha, threshold]) if (typeof v === 'string') return usageError(v);

  const compare = await import('../analysers/compare/index.js');
  const { compareFiles, readSide } = await import('../tools/analyse/compare-runs.js');
  let result: import('../analysers/compare/index.js').CheckResult;
  try {
    const { sandbox, rels } = await sandboxFor([positionals[0]!, ...(values.baseline ? [values.baseline] : [])]);
    // --budgets FILE, else the `thresholds` of the project's ace.config.json.
    const given = values.budgets ? await readBudgets(values.budgets) : sandbox.thresholds ? { thresholds: sandbox.thresholds } : undefined;
    if (!values.baseline && !given) return usageError('nothing to check: give --baseline, --budgets, or thresholds in ace.config.json');
    const budgets = given ? compare.parseBudgets(given) : [];
    const current = rels[0]!;
    let budgetResults: import('../analysers/compare/index.js').BudgetResult[] = [];
    if (budgets.length > 0) {
      const side = await readSide(sandbox, [current]);
      if (side.runs.length === 0) throw new UserInputError(`no load-test result in ${positionals[0]}`);
      budgetResults = compare.evaluateBudgets(
        budgets,
        side.runs.map((r) => r.run),
      );
    }
    const comparison = values.baseline
      ? compare.toContract(
          (
            await compareFiles(sandbox, {
              before: [rels[1]!],
              after: [current],
              ...(alpha !== undefined ? { alpha: alpha as number } : {}),
              ...(threshold !== undefined ? { threshold_pct: threshold as number } : {}),
            })
          ).comparison,
        )
      : null;
    const passed = budgetResults.every((b) => b.ok) && !(comparison?.metrics.some((m) => m.verdict === 'regressed') ?? false);
    result = { passed, budgets: budgetResults, comparison };
  } catch (err) {
    if (!isCallerError(err)) throw err;
    process.stderr.write(`ace check: ${err.message}\n`);
    return 2;
  }

  if (values.junit) await writeFile(values.junit, compare.junitXml(result));
  if (values.markdown) await writeFile(values.markdown, compare.markdown(result), { flag: values.markdown === process.env.GITHUB_STEP_SUMMARY ? 'a' : 'w' });
  if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const lines = [`ace check: ${result.passed ? 'passed' : 'FAILED'}`];
    for (const b of result.budgets) lines.push(`  budget ${b.ok ? 'ok    ' : 'BROKEN'} ${b.key} ${b.expression}: ${b.detail}`);
    if (result.comparison) {
      const regressed = result.comparison.metrics.filter((m) => m.verdict === 'regressed');
      lines.push(`  baseline: ${result.comparison.verdict} (${result.comparison.metrics.length} metrics compared, ${regressed.length} regressed)`);
      for (const m of regressed)
        lines.push(`  REGRESSED ${m.endpoint} ${m.metric}: ${m.before} → ${m.after} (${m.change_pct === null ? '-' : m.change_pct.toFixed(1)} %)`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.passed ? 0 : 1;
}
