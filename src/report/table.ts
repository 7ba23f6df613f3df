/** What the report is made of: a language, and tables that render themselves in it. */
import type { Footnotes } from './format.js';
import type { TableId } from './headings.js';

/** The languages a report is written in. */
export const REPORT_LANGUAGES = ['fr', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** One emitted table: its checked data and how to render it in either language. */
export interface EmittedTable<D = unknown> {
  id: TableId;
  data: D;
  /** The body under the table's h3 (no heading, no sources): quantities mark `notes`. */
  render(language: ReportLanguage, notes: Footnotes): string;
}

/** Where emitted tables are found by id (the session, for a report being built). */
export interface TableSource {
  table(id: TableId): EmittedTable | undefined;
}
