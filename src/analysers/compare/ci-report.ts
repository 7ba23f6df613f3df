/**
 * The CI gate's result (`ace check`) as JUnit XML (one testcase per budget and per compared
 * metric, a <failure> for each broken budget or regressed metric) and as Markdown for a GitHub
 * step summary or pull-request comment.
 */
import type { BudgetResult } from './budgets.js';
import type { ContractMetric, ContractResult } from './contract.js';
import { significant } from '../../numbers.js';

export interface CheckResult {
  passed: boolean;
  budgets: BudgetResult[];
  /** Against the baseline, when one was given: the `ace diff --json` contract. */
  comparison: ContractResult | null;
}

/** Text safe inside XML attributes and elements: the five entities, and no character XML 1.0 forbids. */
export function escapeXml(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const num = (v: number | null) => (v === null ? '-' : String(significant(v, 4)));
const pct = (v: number | null) => (v === null ? '-' : `${v > 0 ? '+' : ''}${significant(v, 3)} %`);
const ci = (m: ContractMetric) => (m.ci_pct ? `[${significant(m.ci_pct[0], 3)}, ${significant(m.ci_pct[1], 3)}] %` : '-');
const metricLine = (m: ContractMetric) => `${m.endpoint} ${m.metric}: ${num(m.before)} → ${num(m.after)} (${pct(m.change_pct)}, CI ${ci(m)}): ${m.verdict}`;

export function junitXml(r: CheckResult): string {
  const suites: string[] = [];
  const suite = (name: string, cases: { name: string; failure: string | null; out: string }[]) => {
    const failures = cases.filter((c) => c.failure !== null).length;
    const body = cases.map((c) => {
      const inner =
        c.failure !== null
          ? `<failure message="${escapeXml(c.failure)}" type="${name}">${escapeXml(c.failure)}</failure>`
          : `<system-out>${escapeXml(c.out)}</system-out>`;
      return `    <testcase classname="ace.check.${name}" name="${escapeXml(c.name)}">${inner}</testcase>`;
    });
    suites.push(`  <testsuite name="ace check: ${name}" tests="${cases.length}" failures="${failures}" errors="0">\n${body.join('\n')}\n  </testsuite>`);
    return failures;
  };
  let failures = 0;
  if (r.budgets.length > 0)
    failures += suite(
      'budgets',
      r.budgets.map((b) => ({
        name: `${b.key}: ${b.expression}`,
        failure: b.ok ? null : `budget broken: ${b.key} ${b.expression}; measured ${b.detail}`,
        out: b.detail,
      })),
    );
  if (r.comparison)
    failures += suite(
      'baseline',
      r.comparison.metrics.map((m) => ({
        name: `${m.endpoint} ${m.metric}`,
        failure: m.verdict === 'regressed' ? `regressed: ${metricLine(m)}` : null,
        out: metricLine(m),
      })),
    );
  const tests = r.budgets.length + (r.comparison?.metrics.length ?? 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ace check" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Markdown table cells: no pipe or line break may break the row. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function markdown(r: CheckResult): string {
  const lines = [`## Ace performance check: ${r.passed ? '✅ passed' : '❌ failed'}`, ''];
  if (r.budgets.length > 0) {
    lines.push('### Budgets', '', '| Budget | Measured | Result |', '|---|---|---|');
    for (const b of r.budgets) lines.push(`| \`${cell(b.key)}\` ${cell(b.expression)} | ${cell(b.detail)} | ${b.ok ? '✅ holds' : '❌ broken'} |`);
    lines.push('');
  }
  if (r.comparison) {
    lines.push(
      `### Against the baseline: ${r.comparison.verdict}`,
      '',
      '| Endpoint | Metric | Before | After | Change | 95 % CI | Verdict |',
      '|---|---|---:|---:|---:|---|---|',
    );
    for (const m of r.comparison.metrics) {
      const v = m.verdict === 'regressed' ? '❌ regressed' : m.verdict === 'improved' ? '✅ improved' : m.verdict;
      lines.push(`| ${cell(m.endpoint)} | ${m.metric} | ${num(m.before)} | ${num(m.after)} | ${pct(m.change_pct)} | ${ci(m)} | ${v} |`);
    }
    if (r.comparison.notes.length > 0)
      lines.push('', '<details><summary>Notes</summary>', '', ...r.comparison.notes.map((n) => `- ${cell(n)}`), '', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
