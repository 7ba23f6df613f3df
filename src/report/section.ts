/** One table's section of the report: h3 heading, body, then the sources it cited. */
import type { EmittedTable, ReportLanguage } from './table.js';
import { Footnotes } from './format.js';
import { tableHeading } from './headings.js';

export function renderSection(table: EmittedTable, language: ReportLanguage, notes = new Footnotes(language)): string {
  const body = table.render(language, notes);
  const sources = notes.flush();
  return [tableHeading(table.id, language), '', body, ...(sources ? ['', sources] : [])].join('\n');
}
