/**
 * Per-connection state: the report being built. One Session per server instance
 * (one per stdio connection, one per in-memory headless run).
 */
export type ReportLanguage = 'fr' | 'en';

export class Session {
  language: ReportLanguage | undefined;
  target: string | undefined;
}
