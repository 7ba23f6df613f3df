/**
 * Every optimisation shows BEFORE/AFTER (AVANT/APRES) with numbers (format rule 3):
 * each phase-5 block needs a number with a unit on both sides, and every P0/P1 row of the
 * optimisation plan needs a phase-5 block (the prompt: "for each P0 and P1 optimisation,
 * concrete code").
 */
import { cellOf, requiredColumn, type ReportDoc } from './doc.js';
import { optimisationBlocks, type OptimisationBlock, type TextLine } from './optimisations.js';
import { findPlaceholders, findQuantities, fold } from './text.js';
import type { Violation } from './types.js';

/** Units that measure performance: a count of queries ("51 requetes") is not a BEFORE/AFTER number. */
const PERFORMANCE_UNITS = new Set(['ns', 'µs', 'ms', 's', 'min', 'h', 'req/s', 'req/min', '%', 'x', 'B', 'KB', 'MB', 'GB', 'TB', '$']);

const quantified = (lines: TextLine[] | undefined) =>
  lines !== undefined && lines.some((l) => findPlaceholders(l.text).length === 0 && findQuantities(l.text).some((q) => PERFORMANCE_UNITS.has(q.unit)));

function checkBlock(block: OptimisationBlock, out: Violation[]): void {
  const where = `optimisation "${block.name}"`;
  for (const [side, lines, label] of [
    ['before', block.before, 'BEFORE (AVANT)'],
    ['after', block.after, 'AFTER (APRES)'],
  ] as const) {
    if (lines === undefined) {
      out.push({
        rule: 'missing-before-after',
        line: block.heading.line,
        severity: 'error',
        message: `${where} has no ${label} part: show the ${side} latency or throughput with its number and unit`,
      });
    } else if (!quantified(lines)) {
      out.push({
        rule: 'missing-before-after',
        line: lines[0]?.line ?? block.heading.line,
        severity: 'error',
        message: `${where}: the ${label} part gives no number with a unit (e.g. "Latence : 350 ms, Throughput : 120 req/s")`,
      });
    }
  }
}

const STOP = new Set(['pour', 'with', 'avec', 'dans', 'sur', 'from', 'des', 'les', 'the', 'and', 'add', 'ajouter', 'une', 'sans']);
const significant = (text: string) =>
  new Set(
    fold(text)
      .split(/[^\p{L}\d+]+/u)
      .filter((w) => w.length >= 3 && !STOP.has(w)),
  );

function checkPlanCoverage(doc: ReportDoc, blocks: OptimisationBlock[], out: Violation[]): void {
  const phase5 = doc.phaseHeadings.find((p) => p.phase === 5)?.heading;
  for (const t of doc.tables) {
    if (t.kind?.id !== 'optimisation_plan') continue;
    const nameCol = requiredColumn(t.kind, 'Optimisation');
    const prioCol = requiredColumn(t.kind, 'Priority');
    const urgent = t.table.rows.filter((r) => /\bp[01]\b/.test(fold(cellOf(t, r.cells, prioCol))));
    if (urgent.length === 0) continue;
    if (blocks.length === 0) {
      out.push({
        rule: 'missing-before-after',
        line: phase5?.line ?? t.table.line,
        severity: 'error',
        message: `the plan has ${urgent.length} P0/P1 optimisation(s) but phase 5 shows no BEFORE/AFTER block`,
      });
      continue;
    }
    // A block is named by its heading; an unnamed one ("Optimisation 1") by its first lines.
    const names = blocks.map((b) => {
      const named = significant(b.name.replace(/^\d+$/, ''));
      return named.size > 0
        ? named
        : significant(
            b.lines
              .slice(0, 3)
              .map((l) => l.text)
              .join(' '),
          );
    });
    const named = new Set(names.flatMap((n) => [...n]));
    for (const row of urgent) {
      const words = significant(cellOf(t, row.cells, nameCol));
      const covered = words.size === 0 || [...words].some((w) => named.has(w));
      if (!covered) {
        out.push({
          rule: 'missing-before-after',
          line: row.line,
          severity: 'warning',
          message: `plan row "${cellOf(t, row.cells, nameCol)}" is P0/P1 but no phase-5 block shows its BEFORE/AFTER numbers`,
        });
      }
    }
  }
}

export function checkBeforeAfter(doc: ReportDoc): Violation[] {
  const out: Violation[] = [];
  const blocks = optimisationBlocks(doc);
  for (const block of blocks) checkBlock(block, out);
  checkPlanCoverage(doc, blocks, out);
  return out;
}
