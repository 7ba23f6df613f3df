/**
 * Finding the evidence under the target through the `find_evidence` tool (the model calls the
 * same tool): load-test results and CPU profiles, by sniffing, likely files first. Every page is
 * read, so the audit sees every file the tool accounted for: used, skipped with its reason, or
 * unrelated; `limit` says when the tool's limit on files sniffed was reached.
 */
import type { ToolResult } from '../server/typed-client.js';
import type { Caller } from './context.js';

/** Entries per page of find_evidence. */
const PAGE = 200;

export type EvidenceKind = 'loadtest' | 'profile';

export interface FoundFile {
  path: string;
  kind: EvidenceKind;
  /** The format sniffed from the file's first bytes (and name). */
  format: string;
}

export interface SkippedFile {
  /** Project-relative path. */
  path: string;
  /** The format tried, or null when no format matched. */
  tried: string | null;
  /** Why the file was not used: the parser's or the sandbox's message. */
  reason: string;
}

export interface Evidence {
  loadtests: string[];
  profiles: string[];
  /** Every file found, with the format sniffed. */
  found: FoundFile[];
  /** Files that look like evidence but cannot be used. */
  skipped: SkippedFile[];
  /** Files sniffed. */
  scanned: number;
  /** Files sniffed that hold no known format and do not look like results. */
  unrelated: string[];
  /** Set when more files matched than were sniffed: the least likely ones were left unread. */
  limit: { sniffed: number; matched: number } | null;
}

export async function findEvidence(ace: Caller, options: { maxSniffed?: number } = {}): Promise<Evidence> {
  const evidence: Evidence = { loadtests: [], profiles: [], found: [], skipped: [], scanned: 0, unrelated: [], limit: null };
  let offset: number | null = 0;
  while (offset !== null) {
    const page: ToolResult<'find_evidence'> = await ace.tool('find_evidence', {
      include_unrelated: true,
      offset,
      limit: PAGE,
      ...(options.maxSniffed !== undefined ? { max_sniffed: options.maxSniffed } : {}),
    });
    if (page.result_cut) throw new Error(`find_evidence: a page was cut (${page.result_cut})`);
    for (const f of page.files) {
      if (f.use === 'unrelated') evidence.unrelated.push(f.path);
      else if (f.use === 'skipped') evidence.skipped.push({ path: f.path, tried: f.format, reason: f.reason ?? 'skipped' });
      else {
        evidence.found.push({ path: f.path, kind: f.use, format: f.format ?? 'unknown' });
        (f.use === 'loadtest' ? evidence.loadtests : evidence.profiles).push(f.path);
      }
    }
    evidence.scanned = page.scanned;
    evidence.limit = page.limit;
    offset = page.next_offset;
  }
  evidence.loadtests.sort();
  evidence.profiles.sort();
  return evidence;
}

/** The format sniffed for a path, for messages. */
export function formatOf(evidence: Evidence, rel: string): string | null {
  return evidence.found.find((f) => f.path === rel)?.format ?? null;
}
