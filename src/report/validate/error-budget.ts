/**
 * An error budget follows from its SLO: 99.9% → 0.1% (or 43.2 min per 30-day month).
 * Checked on every SLO table row whose SLO states a percentage, and in prose sentences
 * that give both ("SLO 99.9%, error budget 0.5%").
 */
import { cellOf, requiredColumn, type ReportDoc } from './doc.js';
import { findQuantities, fold, lineOf, sentences } from './text.js';
import type { Violation } from './types.js';

const MINUTES: Readonly<Record<string, number>> = { min: 1, h: 60, d: 1440, s: 1 / 60 };

/** The SLO target percentage in a cell ("99.9%", "99,95 % des requetes < 300 ms"), if any. */
function sloPercent(text: string): number | undefined {
  return findQuantities(text).find((q) => q.unit === '%' && q.value >= 50 && q.value < 100)?.value;
}

function windowMinutes(text: string): number {
  const t = fold(text);
  if (/\/\s*(?:semaine|week)|par semaine|per week|weekly|hebdo/.test(t)) return 7 * 1440;
  if (/\/\s*(?:jour|day)|par jour|per day|daily/.test(t)) return 1440;
  if (/\/\s*(?:an|year)|par an|per year|yearly|annuel/.test(t)) return 365 * 1440;
  return 30 * 1440;
}

/** Why `budget` does not follow from `slo`, or undefined when it does (or cannot be read). */
export function budgetMismatch(slo: number, budgetText: string): string | undefined {
  const expected = 100 - slo;
  for (const q of findQuantities(budgetText)) {
    if (q.unit === '%') {
      const ok = Math.abs(q.value - expected) <= Math.max(0.0051, expected * 0.02);
      return ok ? undefined : `${q.value}% does not follow from an SLO of ${slo}%: the budget is ${+expected.toFixed(4)}%`;
    }
    const perMinute = MINUTES[q.unit];
    if (perMinute !== undefined) {
      const window = windowMinutes(budgetText);
      const want = (expected / 100) * window;
      const got = q.value * perMinute;
      const ok = Math.abs(got - want) <= want * 0.05 + 0.5;
      return ok
        ? undefined
        : `${q.value} ${q.unit} does not follow from an SLO of ${slo}%: the budget is ${+want.toFixed(1)} min per ${window / 1440}-day window`;
    }
  }
  return undefined;
}

/** "SLO ... 99.9 %": the SLO target (searched line by line, first occurrence). */
const PROSE_SLO_RE = /slo[^.;\n]{0,30}?(\d{2}(?:[.,]\d{1,6})?)\s?%/u;
/** "error budget ... 0.1 %" after it. */
const PROSE_BUDGET_RE = /(?:error budget|budget d'erreurs?)[^\d\n]{0,20}(\d{1,9}(?:[.,]\d{1,6})?\s?(?:%|min|h))/gu;

/**
 * The first "SLO 99.9% ... error budget 0.1%" of a sentence, on one line: the SLO's figure
 * and the budget's text, and the offset of the match. Linear: each line is searched once
 * for its first SLO, then once for a budget after it.
 */
function proseBudget(folded: string): { slo: string; budget: string; index: number } | undefined {
  let start = 0;
  while (start <= folded.length) {
    let end = folded.indexOf('\n', start);
    if (end < 0) end = folded.length;
    const line = folded.slice(start, end);
    const slo = PROSE_SLO_RE.exec(line);
    if (slo?.[1]) {
      PROSE_BUDGET_RE.lastIndex = slo.index + slo[0].length;
      const budget = PROSE_BUDGET_RE.exec(line);
      if (budget?.[1]) return { slo: slo[1], budget: budget[1], index: start + slo.index };
    }
    start = end + 1;
  }
  return undefined;
}

export function checkErrorBudgets(doc: ReportDoc): Violation[] {
  const out: Violation[] = [];
  for (const t of doc.tables) {
    if (t.kind?.id !== 'slos') continue;
    const sloCol = requiredColumn(t.kind, 'SLO');
    const budgetCol = requiredColumn(t.kind, 'Error Budget');
    for (const row of t.table.rows) {
      const slo = sloPercent(cellOf(t, row.cells, sloCol));
      if (slo === undefined) continue;
      const why = budgetMismatch(slo, cellOf(t, row.cells, budgetCol));
      if (why) {
        out.push({ rule: 'error-budget-mismatch', line: row.line, severity: 'error', message: `row "${row.cells[0] ?? ''}": ${why}` });
      }
    }
  }
  for (const block of doc.blocks) {
    if (block.kind !== 'prose') continue;
    for (const s of sentences(block.text)) {
      const m = proseBudget(fold(s.text));
      if (!m) continue;
      const why = budgetMismatch(Number(m.slo.replace(',', '.')), m.budget);
      if (why) {
        out.push({
          rule: 'error-budget-mismatch',
          line: lineOf(block.text, s.index + m.index, block.line),
          severity: 'error',
          message: why,
        });
      }
    }
  }
  return out;
}
