import { z } from 'zod';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { defineTool } from '../define.js';
import { HEAD_BYTES } from './shared.js';

/** Loaded on the first call, as the other analysers are (src/tools/analyse/load.ts). */
const evidenceSniffer = () => import('../../analysers/evidence.js');

/** Files sniffed at most per call; the output says when this is reached. */
export const MAX_SNIFFED = 2000;
const PAGE_DEFAULT = 100;
const PAGE_MAX = 500;

const input = z.object({
  path: z.string().min(1).optional().describe('Folder to search, relative to the project root (default: the whole project).'),
  include_unrelated: z
    .boolean()
    .optional()
    .describe('Also list the files sniffed that hold no known format and are not named like results (default false: only counted).'),
  max_sniffed: z.number().int().min(1).max(MAX_SNIFFED).optional().describe(`Files sniffed at most, most likely first (default ${MAX_SNIFFED}).`),
  offset: z.number().int().min(0).optional().describe("Entries to skip: the previous page's next_offset."),
  limit: z.number().int().min(1).max(PAGE_MAX).optional().describe(`Entries per page (default ${PAGE_DEFAULT}).`),
});

const Entry = z.object({
  path: z.string().describe('project-relative'),
  use: z
    .enum(['loadtest', 'profile', 'skipped', 'unrelated'])
    .describe('loadtest/profile: read it with loadtest_summary/profile_top; skipped: looks like evidence but cannot be used; unrelated: no known format'),
  format: z.string().nullable().describe('the format sniffed (e.g. "locust-stats", "jmeter-csv", "cpuprofile"); null when none matched'),
  reason: z.string().optional().describe('why a skipped file cannot be used'),
});

const output = z.object({
  files: z.array(Entry).describe('one page of the files sniffed, in the order they were sniffed (most likely first)'),
  counts: z.object({ loadtest: z.number().int(), profile: z.number().int(), skipped: z.number().int(), unrelated: z.number().int() }),
  scanned: z.number().int().describe('files sniffed'),
  limit: z
    .object({ sniffed: z.number().int(), matched: z.number().int() })
    .nullable()
    .describe('set when more files matched than were sniffed: the least likely ones were left unread'),
  next_offset: z.number().int().nullable().describe('offset of the next page; null on the last'),
});

type Entry = z.output<typeof Entry>;

interface Scan {
  entries: Entry[];
  scanned: number;
  limit: { sniffed: number; matched: number } | null;
}

/** Every candidate under `cwd`, most likely first: each used, skipped with a reason, or unrelated. Never throws on a file. */
async function scan(sandbox: Sandbox, cwd: string, maxSniffed: number): Promise<Scan> {
  const { EVIDENCE_CANDIDATES, namedLikeResult, rankCandidates, sniff } = await evidenceSniffer();
  const listed = await sandbox.list({ patterns: EVIDENCE_CANDIDATES, cwd, onlyFiles: true, stats: false });
  const ranked = rankCandidates(listed.map((e) => e.rel));
  const entries: Entry[] = [];
  for (const rel of ranked.slice(0, maxSniffed)) {
    let head: Buffer;
    try {
      head = await sandbox.readHead(await sandbox.resolve(rel, 'file'), HEAD_BYTES);
    } catch (err) {
      entries.push({ path: rel, use: 'skipped', format: null, reason: `unreadable: ${(err as Error).message}` });
      continue;
    }
    const found = sniff(rel, head);
    if (found) entries.push({ path: rel, use: found.kind, format: found.format });
    else if (namedLikeResult(rel)) {
      entries.push({
        path: rel,
        use: 'skipped',
        format: null,
        reason: 'named like a result file, but its content matches no load-test or profile format Ace reads',
      });
    } else entries.push({ path: rel, use: 'unrelated', format: null });
  }
  return { entries, scanned: Math.min(ranked.length, maxSniffed), limit: ranked.length > maxSniffed ? { sniffed: maxSniffed, matched: ranked.length } : null };
}

function line(e: Entry): string {
  return `${e.use} ${e.path}${e.format ? ` (${e.format})` : ''}${e.reason ? `: ${e.reason}` : ''}`;
}

export const findEvidenceTool = defineTool({
  name: 'find_evidence',
  title: 'Find load-test results and profiles',
  description: `Find the evidence under a folder: load-test results (k6, Locust, JMeter, Gatling, autocannon, wrk) and CPU profiles (.cpuprofile, pprof, folded stacks), by sniffing each candidate file's first 64 KiB, not by trusting its name.
Likely files (the tools' default names, result folders such as results/, perf/, locust/) are sniffed first, so a folder of notes cannot hide them; at most max_sniffed files (default ${MAX_SNIFFED}) are sniffed, and \`limit\` says when more matched. Every candidate is accounted for: used (loadtest or profile, with its format: read it with loadtest_summary or profile_top), skipped with the reason (unreadable, or named like a result but in no format Ace reads), or unrelated (counted; listed with include_unrelated).
Returns up to 'limit' entries per page (default ${PAGE_DEFAULT}, max ${PAGE_MAX}): page on with offset = next_offset until it is null.`,
  group: 'analyse',
  paging: { params: ['offset', 'limit'] },
  input,
  output,
  async handle({ sandbox }, params) {
    const cwd = params.path ?? '.';
    const { entries, scanned, limit } = await scan(sandbox, cwd, params.max_sniffed ?? MAX_SNIFFED);
    const count = (use: Entry['use']) => entries.filter((e) => e.use === use).length;
    const listed = params.include_unrelated ? entries : entries.filter((e) => e.use !== 'unrelated');
    const offset = params.offset ?? 0;
    const files = listed.slice(offset, offset + (params.limit ?? PAGE_DEFAULT));
    const end = offset + files.length;
    const data = {
      files,
      counts: { loadtest: count('loadtest'), profile: count('profile'), skipped: count('skipped'), unrelated: count('unrelated') },
      scanned,
      limit,
      next_offset: end < listed.length ? end : null,
    };
    const c = data.counts;
    const text = [
      `${scanned} file(s) sniffed under ${cwd}: ${c.loadtest} load-test result(s), ${c.profile} profile(s), ${c.skipped} skipped, ${c.unrelated} unrelated`,
      ...(limit ? [`scan limit reached: only the ${limit.sniffed} most likely of ${limit.matched} candidate files were sniffed`] : []),
      ...files.map(line),
      ...(data.next_offset !== null ? [`[${files.length} of ${listed.length} entries from offset ${offset}: page on with offset=${data.next_offset}]`] : []),
    ].join('\n');
    return { data, text };
  },
});
