/**
 * `validateReport`: checks any Markdown performance report (emitted by Ace or written by
 * hand) against the persona prompt's structure and format rules. One module per rule family;
 * each returns violations with 1-based line numbers and a rule id.
 *
 * Every step is linear in the report's size (or bounded by a limit of shape.ts, checked
 * first): hostile Markdown ends in a ReportShapeError or a result, never a frozen process.
 * The load-test scripts are checked asynchronously (the k6 type check may run off the
 * main thread), so validation is too.
 */
import { checkBeforeAfter } from './before-after.js';
import { readReport } from './doc.js';
import { checkErrorBudgets } from './error-budget.js';
import { checkLanguage } from './language.js';
import { checkLoadScripts } from './load-script.js';
import { checkPercentChanges } from './percent-change.js';
import { checkPercentiles } from './percentiles.js';
import { checkPriorities } from './priorities.js';
import { checkQuantified } from './quantified.js';
import { checkReportShape } from './shape.js';
import { checkPhases, checkTables } from './structure.js';
import type { Phase } from '../headings.js';
import type { ValidateOptions as LanguageOptions, ValidationResult, Violation } from './types.js';

export type { RuleId, Severity, ValidationResult, Violation } from './types.js';
export { RULE_IDS } from './types.js';
export { REPORT_LIMITS, ReportShapeError } from './shape.js';

export interface ValidateOptions extends LanguageOptions {
  /**
   * The phases the report must contain (missing-phase, missing-table and, for phase 3,
   * missing-load-script); all seven when absent. Every other rule checks the whole report.
   */
  phases?: readonly Phase[];
}

/** Validates `markdown`; rejects with a ReportShapeError when it is over a limit of REPORT_LIMITS. */
export async function validateReport(markdown: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  checkReportShape(markdown);
  // Each step is linear but runs on the server's thread: let other calls in between steps.
  const doc = readReport(markdown);
  await yieldToOthers();
  const language = checkLanguage(doc, options.language);
  const required = options.phases;
  const scripts = await checkLoadScripts(doc);
  const rules: (() => Violation[])[] = [
    () => checkPhases(doc, required),
    () => checkTables(doc, required),
    () => checkQuantified(doc),
    () => checkPercentiles(doc),
    () => checkErrorBudgets(doc),
    () => checkBeforeAfter(doc),
    () => checkPercentChanges(doc),
    () => checkPriorities(doc),
  ];
  const violations: Violation[] = [...scripts.filter((v) => v.rule !== 'missing-load-script' || !required || required.includes(3)), ...language.violations];
  for (const rule of rules) {
    await yieldToOthers();
    violations.push(...rule());
  }
  violations.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
  return {
    ok: !violations.some((v) => v.severity === 'error'),
    language: language.language,
    violations,
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
