/**
 * Per-connection state: the report being built. One Session per server instance
 * (one per stdio connection, one per in-memory headless run).
 */
import type { Footnotes } from '../report/format.js';
import type { TableId } from '../report/headings.js';

export type ReportLanguage = 'fr' | 'en';

/** One emitted table: its checked data and how to render it in either language. */
export interface EmittedTable<D = unknown> {
  id: TableId;
  data: D;
  /** The body under the table's h3 (no heading, no sources): quantities mark `notes`. */
  render(language: ReportLanguage, notes: Footnotes): string;
}

export class Session {
  language: ReportLanguage | undefined;
  target: string | undefined;
  /** Emitted tables by id; re-emitting a table replaces it. */
  readonly tables = new Map<TableId, EmittedTable>();

  store(table: EmittedTable): void {
    this.tables.set(table.id, table);
  }

  table(id: TableId): EmittedTable | undefined {
    return this.tables.get(id);
  }
}
