/** The whole report from the session: title, the seven phases in order, each table or a "not emitted" marker. */
import type { ReportLanguage, TableSource } from './table.js';
import { Footnotes } from './format.js';
import { COLON, NOT_EMITTED, PHASES, PHASE_HEADINGS, TABLES, type TableId, inLanguage, tableHeading } from './headings.js';
import { renderSection } from './section.js';

export interface AssembledReport {
  markdown: string;
  emitted: TableId[];
  missing: TableId[];
}

export function defaultTitle(language: ReportLanguage, target: string | undefined): string {
  const base = inLanguage(language, { fr: 'Rapport de performance', en: 'Performance report' });
  return target ? `${base}${COLON[language]}${target}` : base;
}

export function assembleReport(session: TableSource, language: ReportLanguage, title: string): AssembledReport {
  const notes = new Footnotes(language);
  const parts: string[] = [`# ${title}`];
  const emitted: TableId[] = [];
  const missing: TableId[] = [];
  for (const phase of PHASES) {
    parts.push(PHASE_HEADINGS[phase][language]);
    for (const spec of TABLES.filter((t) => t.phase === phase)) {
      const table = session.table(spec.id);
      if (table) {
        emitted.push(spec.id);
        parts.push(renderSection(table, language, notes));
      } else {
        missing.push(spec.id);
        parts.push(`${tableHeading(spec.id, language)}\n\n${NOT_EMITTED[language].replace('{id}', spec.id)}`);
      }
    }
  }
  return { markdown: `${parts.join('\n\n')}\n`, emitted, missing };
}
