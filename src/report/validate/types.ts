/**
 * The validator's vocabulary: a violation names a rule, a 1-based line of the Markdown,
 * a message written for the author, and a severity. `error`s make a report fail;
 * `warning`s are heuristics worth a look that do not.
 */
import type { ReportLanguage } from '../headings.js';

export const RULE_IDS = [
  'missing-phase',
  'phase-order',
  'missing-table',
  'table-missing-columns',
  'unquantified-comparative',
  'unquantified-placeholder',
  'percentile-order',
  'error-budget-mismatch',
  'missing-before-after',
  'percent-change-mismatch',
  'missing-load-script',
  'load-script-parse',
  'load-script-types',
  'k6-threshold',
  'priority-order',
  'language-mismatch',
  'language-mixed',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type Severity = 'error' | 'warning';

export interface Violation {
  rule: RuleId;
  /** 1-based line in the Markdown; the line of the enclosing heading (or 1) for something missing. */
  line: number;
  message: string;
  severity: Severity;
}

export interface ValidateOptions {
  /** The language the report must be written in; when absent, the detected one is used. */
  language?: ReportLanguage;
}

export interface ValidationResult {
  /** True when no violation has severity `error`. */
  ok: boolean;
  /** The language the prose is written in, as detected ('unknown' with too little prose). */
  language: ReportLanguage | 'unknown';
  violations: Violation[];
}
