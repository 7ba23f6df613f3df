/**
 * Per-connection state: the report being built. One Session per server instance
 * (one per stdio connection, one per in-memory headless run).
 */
import type { TableId } from '../report/headings.js';
import type { EmittedTable, ReportLanguage, TableSource } from '../report/table.js';

export class Session implements TableSource {
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
