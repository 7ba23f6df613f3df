import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import type { Comparison, MetricComparison } from '../../analysers/compare/index.js';
import type { SourcedRun } from '../../analysers/loadtest/samples.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { REPORT_APP_META } from '../../report/html/app-meta.js';
import { defineTool } from '../define.js';
import { loadTestInputs, resolveFiles } from './shared.js';
import { showNumber } from '../../numbers.js';

/** Endpoints listed (besides '*'), busiest first. */
export const COMPARE_ENDPOINT_LIMIT = 20;
const NOTES_LIMIT = 30;

const paths = (side: string) =>
  z
    .array(z.string().min(1))
    .min(1)
    .max(50)
    .describe(`${side}: result files, globs, or folders (a folder's result files are its runs), relative to the project root.`);

const input = z.object({
  before: paths('BEFORE (the baseline)'),
  after: paths('AFTER (the change)'),
  alpha: z.number().gt(0).lt(0.5).optional().describe('Two-sided significance level (default 0.05): intervals are 1 − alpha.'),
  threshold_pct: z.number().min(0).max(100).optional().describe('Noise threshold in % (default 5): smaller changes are never improved/regressed.'),
  endpoint_filter: z.string().max(500).optional().describe('Compare only endpoints whose name contains this text (case-insensitive) or matches it (RE2).'),
  limit: z.number().int().min(1).max(100).optional().describe(`Endpoints listed besides the overall '*', busiest first (default ${COMPARE_ENDPOINT_LIMIT}).`),
});

const Verdict = z.enum(['improved', 'regressed', 'unchanged', 'inconclusive']);
const Pair = z.tuple([z.number(), z.number()]);
const File = z.object({ path: z.string(), format: z.string() });

const output = z.object({
  verdict: Verdict.describe('regressed when any metric regressed, else improved when any improved, else unchanged or inconclusive'),
  metrics: z.array(
    z.object({
      endpoint: z.string().describe("endpoint, or '*' for all requests"),
      metric: z.string().describe('p50 p90 p95 p99 max mean (ms), error_rate (%), throughput (req/s)'),
      before: z.number().nullable(),
      after: z.number().nullable(),
      change_pct: z.number().nullable(),
      ci_pct: Pair.nullable().describe('1 − alpha interval of change_pct'),
      verdict: Verdict,
      reason: z.string().optional(),
      change_pp: z.number().optional().describe('error_rate: change in percentage points'),
      ci_pp: Pair.optional(),
      p_value: z.number().nullable().optional(),
      requests: z.object({ before: z.number(), after: z.number() }).optional(),
    }),
  ),
  notes: z.array(z.string()),
  method: z.enum(['block-bootstrap', 'request-bootstrap', 'runs', 'summary']),
  alpha: z.number(),
  threshold_pct: z.number(),
  runs_per_side: z.object({ before: z.number().int(), after: z.number().int(), needed: z.number().int().optional() }),
  load_differences: z.array(z.object({ field: z.string(), before: z.number(), after: z.number(), change_pct: z.number() })),
  blocks: z
    .array(z.object({ endpoint: z.string(), bin_ms: Pair, length_bins: Pair, length_s: Pair, thinning: Pair }))
    .optional()
    .describe('raw runs: the time blocks resampled, per endpoint'),
  sources: z.object({ before: z.array(File), after: z.array(File) }),
  computed: z.string().describe('how every number was computed, and from which files: cite it as the computed source'),
  endpoints_total: z.number().int(),
});

const GLOB_CHARS = /[*?[\]{}]/;

/** Files and globs as they are; a folder becomes the glob of the files under it. */
async function expandFolders(sandbox: Sandbox, given: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of given) {
    if (GLOB_CHARS.test(p)) out.push(p);
    else {
      const r = await sandbox.resolve(p, 'any');
      out.push(r.kind === 'directory' ? `${r.rel === '.' ? '' : `${r.rel}/`}**/*` : p);
    }
  }
  return out;
}

export interface CompareFilesParams {
  before: string[];
  after: string[];
  alpha?: number;
  threshold_pct?: number;
  endpoint_filter?: string;
}

export interface FileComparison {
  comparison: Comparison;
  sources: { before: SourcedRun['files']; after: SourcedRun['files'] };
  computed: string;
}

/** One side's files (files, globs, folders) read as runs through the sandbox; `rawFilesInCall` shares the sample budget. */
export async function readSide(sandbox: Sandbox, given: string[], signal?: AbortSignal, rawFilesInCall?: number) {
  const inputs = await loadTestInputs(sandbox, await resolveFiles(sandbox, await expandFolders(sandbox, given)));
  const { readRuns } = await import('../../analysers/loadtest/index.js');
  return readRuns(inputs, { signal, ...(rawFilesInCall ? { rawFilesInCall } : {}) });
}

/** Reads both sides through the sandbox and compares them: the tool's and the CLI's one path. */
export async function compareFiles(sandbox: Sandbox, params: CompareFilesParams, signal?: AbortSignal): Promise<FileComparison> {
  const [filesB, filesA] = [
    await resolveFiles(sandbox, await expandFolders(sandbox, params.before)),
    await resolveFiles(sandbox, await expandFolders(sandbox, params.after)),
  ];
  const [inB, inA] = [await loadTestInputs(sandbox, filesB), await loadTestInputs(sandbox, filesA)];
  const { readRuns, countRawFiles, endpointFilter, withoutOrigin } = await import('../../analysers/loadtest/index.js');
  const { compareRuns } = await import('../../analysers/compare/index.js');
  const rawFilesInCall = countRawFiles(inB) + countRawFiles(inA);
  const before = await readRuns(inB, { signal, rawFilesInCall });
  const after = await readRuns(inA, { signal, rawFilesInCall });
  for (const [side, read] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (read.runs.length === 0) throw new UserInputError(`no load-test result among the ${side} files (${read.notes.slice(0, 3).join('; ')})`);
  }
  const keep = endpointFilter(params.endpoint_filter);
  // Endpoints named by URL are compared by path: before and after may have run against two hosts.
  const renamed = new Map<string, string>();
  const rename = (name: string) => {
    let r = renamed.get(name);
    if (r === undefined) renamed.set(name, (r = withoutOrigin(name)));
    return r;
  };
  const filtered = (r: SourcedRun): SourcedRun['run'] => {
    if (r.run.kind !== 'raw')
      return { ...r.run, endpoints: Object.fromEntries(Object.entries(r.run.endpoints ?? {}).flatMap(([name, e]) => (keep(name) ? [[rename(name), e]] : []))) };
    const samples = [];
    for (const s of r.run.samples) {
      if (s.endpoint === undefined) samples.push(s);
      else if (keep(s.endpoint)) {
        const name = rename(s.endpoint);
        samples.push(name === s.endpoint ? s : { ...s, endpoint: name });
      }
    }
    return { ...r.run, samples };
  };
  let comparison: Comparison;
  try {
    comparison = compareRuns(before.runs.map(filtered), after.runs.map(filtered), {
      ...(params.alpha !== undefined ? { alpha: params.alpha } : {}),
      ...(params.threshold_pct !== undefined ? { threshold: params.threshold_pct / 100 } : {}),
    });
  } catch (err) {
    if (err instanceof RangeError) throw new UserInputError(err.message);
    throw err;
  }
  const sideNotes = (side: string, read: typeof before) => {
    // Runs of one tool repeat the same notes: each once, with how many runs it concerns.
    const counts = new Map<string, number>();
    for (const n of [...read.notes, ...read.runs.flatMap((r) => r.notes)]) counts.set(n, (counts.get(n) ?? 0) + 1);
    return [...counts].map(([n, k]) => `${side}: ${n}${k > 1 ? ` (${k} runs)` : ''}`);
  };
  comparison.notes.push(...sideNotes('BEFORE', before), ...sideNotes('AFTER', after));
  const sources = { before: before.runs.flatMap((r) => r.files), after: after.runs.flatMap((r) => r.files) };
  const list = (files: { path: string }[]) => files.map((f) => f.path).join(', ');
  const computed = `compare_runs (${comparison.method}, alpha ${comparison.alpha}, threshold ${comparison.threshold_pct} %): BEFORE ${list(sources.before)} vs AFTER ${list(sources.after)}`;
  return { comparison, sources, computed };
}

/** "+12.3 %" / "[-1.2, +4.5] %". */
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '-' : `${v > 0 ? '+' : ''}${showNumber(v, 3)} %`);
const interval = (m: MetricComparison) =>
  m.ci_pct
    ? `[${showNumber(m.ci_pct[0], 3)}, ${showNumber(m.ci_pct[1], 3)}] %`
    : m.ci_pp
      ? `[${showNumber(m.ci_pp[0], 3)}, ${showNumber(m.ci_pp[1], 3)}] pp`
      : '-';

const COMPARISON_HEAD = ['endpoint', 'metric', 'before', 'after', 'change', 'CI', 'verdict'];

/** The comparison's cells: one row per metric. */
function comparisonCells(metrics: readonly MetricComparison[]): string[][] {
  return metrics.map((m) => [
    m.endpoint,
    m.metric,
    showNumber(m.before, 4),
    showNumber(m.after, 4),
    m.metric === 'error_rate' && m.change_pp !== undefined ? `${showNumber(m.change_pp, 3)} pp` : pct(m.change_pct),
    interval(m),
    m.verdict,
  ]);
}

/** The comparison as a text table: one line per metric. */
export function comparisonTable(metrics: readonly MetricComparison[]): string[] {
  const rows = comparisonCells(metrics);
  const widths = COMPARISON_HEAD.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(COMPARISON_HEAD), ...rows.map(line)];
}

/** The comparison as a Markdown table (cells escaped: endpoint names come from the evidence). */
export function comparisonMarkdown(metrics: readonly MetricComparison[]): string[] {
  const cell = (c: string) =>
    c
      .replace(/\\/g, '\\\\')
      .replace(/\|/g, '\\|')
      .replace(/[\r\n]+/g, ' ');
  const line = (r: string[]) => `| ${r.map(cell).join(' | ')} |`;
  return [line(COMPARISON_HEAD), `|${COMPARISON_HEAD.map(() => '---').join('|')}|`, ...comparisonCells(metrics).map(line)];
}

/** The endpoints kept: '*' and the `limit` busiest (requests before + after). */
function keepBusiest(metrics: MetricComparison[], limit: number): { metrics: MetricComparison[]; total: number } {
  const load = new Map<string, number>();
  for (const m of metrics) {
    if (m.endpoint === '*') continue;
    load.set(m.endpoint, Math.max(load.get(m.endpoint) ?? 0, (m.requests?.before ?? 0) + (m.requests?.after ?? 0)));
  }
  const kept = new Set(
    [...load]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name]) => name),
  );
  return { metrics: metrics.filter((m) => m.endpoint === '*' || kept.has(m.endpoint)), total: load.size };
}

export const compareRunsTool = defineTool({
  name: 'compare_runs',
  title: 'Compare load-test runs (BEFORE/AFTER)',
  description: `Compare BEFORE and AFTER load-test results, overall ('*') and per endpoint: request count, error rate, throughput, P50/P90/P95/P99/max (and mean): before, after, change in %, its ${'1 − alpha'} confidence interval and a verdict per metric: improved, regressed, unchanged (the interval excludes any change larger than the noise threshold) or inconclusive (with the reason).
Each side is files, globs or folders in any format loadtest_summary reads; a folder holding several run files gives several runs per side. The method follows the evidence: one raw run per side (k6 NDJSON/CSV, JMeter JTL) → block bootstrap over time (autocorrelation-aware; the block length is chosen from the data and reported in blocks); several runs per side → each run one sample (medians, Mann–Whitney; runs_per_side.needed says how many runs a conclusive answer needs); one summary per side → changes only, every verdict inconclusive. Throughput and latency get a verdict only when the load was the same (users, duration, arrival rate) — load_differences names any difference. Error rates: Newcombe interval in percentage points.
Use it for the report's BEFORE/AFTER block: cite 'computed' as the source of every number. Up to 50 files per side; raw files are thinned evenly beyond 1,000,000 requests per call (a note says so); at most 'limit' endpoints (busiest first) besides '*' — use endpoint_filter for others.`,
  group: 'analyse',
  meta: REPORT_APP_META,
  input,
  output,
  async handle({ sandbox, signal }, params) {
    const { comparison, sources, computed } = await compareFiles(sandbox, params, signal);
    const { reasonNotes } = await import('../../analysers/compare/index.js');
    const limit = params.limit ?? COMPARE_ENDPOINT_LIMIT;
    const shown = keepBusiest(comparison.metrics, limit);
    const notes = [...comparison.notes, ...reasonNotes(shown.metrics)];
    if (shown.total > limit)
      notes.push(`${limit} of ${shown.total} endpoints listed, busiest first; the verdict covers them all: use endpoint_filter or raise limit`);
    const boundedNotes = notes.slice(0, NOTES_LIMIT).map((n) => (n.length > 600 ? `${n.slice(0, 600)}…` : n));
    if (notes.length > NOTES_LIMIT) boundedNotes.push(`${notes.length - NOTES_LIMIT} more notes left out`);
    const blocks = comparison.blocks?.filter((b) => b.endpoint === '*' || shown.metrics.some((m) => m.endpoint === b.endpoint));
    const data = {
      ...comparison,
      metrics: shown.metrics,
      notes: boundedNotes,
      ...(blocks ? { blocks } : {}),
      load_differences: comparison.load_differences.map((d) => ({ ...d, change_pct: Number.isFinite(d.change_pct) ? d.change_pct : 1e9 })),
      sources,
      computed,
      endpoints_total: shown.total,
    };
    const text = [
      `verdict: ${comparison.verdict} (${comparison.method}; runs per side ${comparison.runs_per_side.before}/${comparison.runs_per_side.after}${comparison.runs_per_side.needed ? `, about ${comparison.runs_per_side.needed} needed` : ''})`,
      ...comparisonTable(shown.metrics),
      `computed: ${computed}`,
      ...boundedNotes.map((n) => `note: ${n}`),
    ].join('\n');
    return { data, text };
  },
});
