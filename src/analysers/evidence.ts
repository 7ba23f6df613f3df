/**
 * Telling evidence from other files: which paths are likely load-test results or profiles (the
 * tools' default names, result folders), and what a file's first bytes say it is. Pure: the
 * find_evidence tool lists and reads the files through the sandbox and hands the heads here.
 */
import { detectLoadTestFormat } from './loadtest/detect.js';
import { detectProfileFormat } from './profile/index.js';

/** Files worth sniffing. */
export const EVIDENCE_CANDIDATES = ['**/*.{json,csv,jtl,xml,txt,ndjson,log,gz,cpuprofile,pb,pprof,prof,folded,collapsed}'];

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

export interface Sniffed {
  kind: EvidenceKind;
  /** The format sniffed from the file's first bytes (and name). */
  format: string;
}

/** How likely a path is to be a result file: 0 (any file) to 3 (a tool's default name in a result folder). */
export function likelihood(rel: string): number {
  const lower = rel.toLowerCase();
  return (RESULT_NAMES.some((re) => re.test(lower)) ? 2 : 0) + (RESULT_DIRS.test(lower) ? 1 : 0);
}

/** Named like a result file: worth a skip note when its content matches no format. */
export const namedLikeResult = (rel: string): boolean => likelihood(rel) >= 2;

/** Candidates, most likely first, then by path. */
export function rankCandidates(paths: readonly string[]): string[] {
  return paths
    .map((p) => ({ p, score: likelihood(p) }))
    .sort((a, b) => b.score - a.score || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))
    .map((c) => c.p);
}

/** Sniffs one file's head: a load-test format, a profile format, or neither. */
export function sniff(rel: string, head: Buffer): Sniffed | null {
  const loadtest = detectLoadTestFormat(rel, head);
  if (loadtest) return { kind: 'loadtest', format: loadtest };
  const profile = detectProfileFormat(rel, head);
  // A text file that merely looks like folded stacks is one only under a profile's name.
  if (profile && (profile !== 'folded' || !/\.(json|csv|log)$/i.test(rel))) return { kind: 'profile', format: profile };
  return null;
}
