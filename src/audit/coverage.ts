/**
 * Which phases an audit covers: a phase is covered when every table whose absence the
 * validator counts as an error is emitted (the load-test script and the BEFORE/AFTER blocks
 * included), partly covered when some of its tables are. `ace validate --phases` takes the
 * covered ones.
 */
import { PHASES, type Phase, type TableId, TABLES } from '../report/headings.js';

export interface Coverage {
  covered: Phase[];
  partial: Phase[];
}

export function coverage(emitted: readonly TableId[]): Coverage {
  const has = new Set(emitted);
  const covered: Phase[] = [];
  const partial: Phase[] = [];
  for (const phase of PHASES) {
    const tables = TABLES.filter((t) => t.phase === phase);
    if (!tables.some((t) => has.has(t.id))) continue;
    if (tables.every((t) => has.has(t.id) || !t.required)) covered.push(phase);
    else partial.push(phase);
  }
  return { covered, partial };
}

/** The command that checks a report for the covered phases. */
export function validateCommand(report: string, covered: readonly Phase[], language: string): string {
  const quoted = /^[\w./@+-]+$/.test(report) ? report : `'${report.replace(/'/g, "'\\''")}'`;
  return `ace validate ${quoted} --lang ${language} --phases ${covered.join(',')}`;
}
