/**
 * Priorities in order (format rule 6): the rows of an optimisation plan go P0 (quick
 * wins) first, then P1, P2 ... A row whose priority is lower than an earlier row's is
 * out of order.
 */
import { cellOf, requiredColumn, type ReportDoc } from './doc.js';
import { fold } from './text.js';
import type { Violation } from './types.js';

/** 0 for "P0 Quick Win", 1 for "**P1**", undefined when no P-level is written. */
export function priorityLevel(cell: string): number | undefined {
  const m = /(?<![\p{L}\d])p\s?(\d)(?!\d)/u.exec(fold(cell));
  return m ? Number(m[1]) : undefined;
}

export function checkPriorities(doc: ReportDoc): Violation[] {
  const out: Violation[] = [];
  for (const t of doc.tables) {
    if (t.kind?.id !== 'optimisation_plan') continue;
    const col = requiredColumn(t.kind, 'Priority');
    let highest: { level: number; label: string } | undefined;
    for (const row of t.table.rows) {
      const cell = cellOf(t, row.cells, col);
      const level = priorityLevel(cell);
      if (level === undefined) continue;
      if (highest && level < highest.level) {
        out.push({
          rule: 'priority-order',
          line: row.line,
          severity: 'error',
          message: `"${cell}" comes after "${highest.label}": order the plan P0 (quick wins) first, then P1, P2`,
        });
      }
      if (!highest || level > highest.level) highest = { level, label: cell };
    }
  }
  return out;
}
