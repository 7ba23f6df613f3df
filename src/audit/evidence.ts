/**
 * Finding the evidence under the target: load-test results and CPU profiles, by sniffing.
 * Likely result files (the tools' default names, result folders, result extensions) are looked
 * at first, so a folder of notes cannot hide them; when a limit on files sniffed is reached the
 * result says so. Nothing here throws on a file: a file that cannot be read, or that looks like
 * a result but matches no format, is returned in `skipped` with its reason.
 */
import { detectLoadTestFormat } from '../analysers/loadtest/detect.js';
import { detectProfileFormat } from '../analysers/profile/index.js';
import type { Sandbox } from '../sandbox/sandbox.js';

/** Files worth sniffing. */
const CANDIDATES = ['**/*.{json,csv,jtl,xml,txt,ndjson,log,gz,cpuprofile,pb,pprof,prof,folded,collapsed}'];
/** Files sniffed at most; the output says when this is reached. */
export const MAX_SNIFFED = 2000;
const HEAD = 64 * 1024;

/** Names the tools write by default (Locust --csv, JMeter, k6, Gatling, node --cpu-prof, pprof, stackcollapse). */
const RESULT_NAMES = [
  /_stats(_history)?\.csv$/,
  /_(failures|exceptions)\.csv$/,
  /\.jtl$/,
  /\.cpuprofile$/,
  /\.(pprof|pb|pb\.gz|prof)$/,
  /\.(folded|collapsed)(\.txt)?$/,
  /\.ndjson(\.gz)?$/,
  /\.json\.gz$/,
  /(^|\/)(summary|summary-export|stats|global_stats|results?|k6[\w.-]*)\.json$/,
  /(^|\/)(wrk|autocannon|k6|locust|jmeter|gatling)[\w.-]*\.(txt|json|csv|log|xml)$/,
];
/** Folders results are kept in. */
const RESULT_DIRS =
  /(^|\/)(results?|reports?|load-?tests?|load-?testing|perf|performance|bench|benchmarks?|k6|locust|jmeter|gatling|wrk|autocannon|profiles?|profiling|stress|soak)\//i;

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

/** How likely a path is to be a result file: 0 (any file) to 3 (a tool's default name in a result folder). */
export function likelihood(rel: string): number {
  const lower = rel.toLowerCase();
  return (RESULT_NAMES.some((re) => re.test(lower)) ? 2 : 0) + (RESULT_DIRS.test(lower) ? 1 : 0);
}

/** Candidates, most likely first, then by path. */
export function rankCandidates(paths: readonly string[]): string[] {
  return paths
    .map((p) => ({ p, score: likelihood(p) }))
    .sort((a, b) => b.score - a.score || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))
    .map((c) => c.p);
}

/** Sniffs one file's head: a load-test format, a profile format, or neither. */
export function sniff(rel: string, head: Buffer): FoundFile | null {
  const loadtest = detectLoadTestFormat(rel, head);
  if (loadtest) return { path: rel, kind: 'loadtest', format: loadtest };
  const profile = detectProfileFormat(rel, head);
  // A text file that merely looks like folded stacks is one only under a profile's name.
  if (profile && (profile !== 'folded' || !/\.(json|csv|log)$/i.test(rel))) return { path: rel, kind: 'profile', format: profile };
  return null;
}

export async function findEvidence(sandbox: Sandbox, options: { maxSniffed?: number } = {}): Promise<Evidence> {
  const max = options.maxSniffed ?? MAX_SNIFFED;
  const listed = await sandbox.list({ patterns: CANDIDATES, onlyFiles: true, stats: false });
  const ranked = rankCandidates(listed.map((e) => e.rel));
  const evidence: Evidence = {
    loadtests: [],
    profiles: [],
    found: [],
    skipped: [],
    scanned: 0,
    unrelated: [],
    limit: ranked.length > max ? { sniffed: max, matched: ranked.length } : null,
  };
  for (const rel of ranked.slice(0, max)) {
    evidence.scanned++;
    let head: Buffer;
    try {
      head = await sandbox.readHead(await sandbox.resolve(rel, 'file'), HEAD);
    } catch (err) {
      evidence.skipped.push({ path: rel, tried: null, reason: `unreadable: ${(err as Error).message}` });
      continue;
    }
    const found = sniff(rel, head);
    if (found) {
      evidence.found.push(found);
      (found.kind === 'loadtest' ? evidence.loadtests : evidence.profiles).push(rel);
    } else if (likelihood(rel) >= 2) {
      evidence.skipped.push({
        path: rel,
        tried: null,
        reason: 'named like a result file, but its content matches no load-test or profile format Ace reads',
      });
    } else {
      evidence.unrelated.push(rel);
    }
  }
  evidence.loadtests.sort();
  evidence.profiles.sort();
  return evidence;
}

/** The format sniffed for a path, for messages. */
export function formatOf(evidence: Evidence, rel: string): string | null {
  return evidence.found.find((f) => f.path === rel)?.format ?? null;
}
