/**
 * Structure rules: the seven phases in order, every table of the report, and the
 * required columns of each table (in any order and either language). With `required`, only
 * those phases (and their tables) must be present, e.g. the phases `ace audit` covers.
 */
import { PHASES, type Phase } from '../headings.js';
import { expectedPhaseHeading, headingNames, TABLE_KINDS, type TableKind } from './catalog.js';
import type { ReportDoc } from './doc.js';
import type { Violation } from './types.js';

function phaseLine(doc: ReportDoc, phase: Phase): number {
  return doc.phaseHeadings.find((p) => p.phase === phase)?.heading.line ?? 1;
}

export function checkPhases(doc: ReportDoc, required: readonly Phase[] = PHASES): Violation[] {
  const out: Violation[] = [];
  const seen = new Set(doc.phaseHeadings.map((p) => p.phase));
  for (const phase of PHASES.filter((p) => required.includes(p))) {
    if (!seen.has(phase)) {
      out.push({
        rule: 'missing-phase',
        line: 1,
        severity: 'error',
        message: `phase ${phase} is missing: expected a heading ${expectedPhaseHeading(phase)}`,
      });
    }
  }
  let highest = 0;
  for (const { phase, heading } of doc.phaseHeadings) {
    if (phase < highest) {
      out.push({
        rule: 'phase-order',
        line: heading.line,
        severity: 'error',
        message: `phase ${phase} comes after phase ${highest}: the phases go in order 1 to 7`,
      });
    }
    highest = Math.max(highest, phase);
  }
  return out;
}

function hasBottleneckMap(doc: ReportDoc): boolean {
  return doc.blocks.some((b) => (b.kind === 'code' || b.kind === 'prose') && /bottleneck|goulot/i.test(b.text) && /-->|->|→|─|\[[^[\]]+\][ \t]*-/.test(b.text));
}

function present(doc: ReportDoc, kind: TableKind): boolean {
  if (doc.tables.some((t) => t.kind?.id === kind.id)) return true;
  if (kind.id === 'bottleneck_map') return hasBottleneckMap(doc);
  if (kind.form === 'table-or-section') {
    return doc.blocks.some((b) => b.kind === 'heading' && headingNames(kind, b.text) >= 100);
  }
  return false;
}

const label = (kind: TableKind) => kind.name;

export function checkTables(doc: ReportDoc, required: readonly Phase[] = PHASES): Violation[] {
  const out: Violation[] = [];
  for (const kind of TABLE_KINDS) {
    if (kind.id === 'test_script' || kind.id === 'before_after') continue; // their own rules
    if (!required.includes(kind.phase)) continue;
    if (!present(doc, kind)) {
      const what = kind.form === 'block' ? 'block' : 'table';
      out.push({
        rule: 'missing-table',
        line: phaseLine(doc, kind.phase),
        severity: kind.absent,
        message: `phase ${kind.phase} has no ${label(kind)} ${what}` + (kind.columnLabels.length > 0 ? ` (columns: ${kind.columnLabels.join(', ')})` : ''),
      });
    }
  }
  for (const t of doc.tables) {
    if (!t.kind) continue;
    const kind = t.kind;
    const missing = kind.columnLabels.filter((_, i) => (t.columns[i] ?? -1) < 0);
    if (missing.length > 0) {
      out.push({
        rule: 'table-missing-columns',
        line: t.table.line,
        severity: kind.form === 'table' ? 'error' : 'warning',
        message: `the ${label(kind)} table lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      });
    }
  }
  return out;
}
