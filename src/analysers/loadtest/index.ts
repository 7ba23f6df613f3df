/**
 * Load-test analysis over any number of files: raw files (k6 NDJSON/CSV, JMeter JTL) are
 * streamed into HDR histograms, and those of one run (overlapping in time) merge exactly;
 * every pre-aggregated file (k6 summaries, Locust, Gatling, autocannon, wrk) is reported as
 * its tool computed it.
 */
import { type ByteSource, readAllText } from '../bytes.js';
import { detectLoadTestFormat } from './detect.js';
import { parseAutocannon } from './autocannon.js';
import { parseGatling } from './gatling.js';
import { parseJmeterCsv, parseJmeterXml } from './jmeter.js';
import { parseK6Csv } from './k6-csv.js';
import { parseK6Ndjson } from './k6-ndjson.js';
import { parseK6Summary } from './k6-summary.js';
import { parseLocustExceptions, parseLocustFailures, parseLocustHistory, parseLocustStats } from './locust.js';
import {
  RAW_FORMATS,
  RawAccumulator,
  statsFromAccumulator,
  type ErrorEntry,
  type LoadTestFormat,
  type LoadTestResult,
  type ParsedSummary,
} from './model.js';
import { addToRuns, byStart } from './runs.js';
import { parseWrk } from './wrk.js';

export * from './model.js';
export { detectLoadTestFormat } from './detect.js';

/** A file to analyse: its project-relative path, its first bytes, and a way to stream it. */
export interface LoadTestInput {
  path: string;
  head: Buffer;
  open(): ByteSource;
  /** Matched by a glob rather than named: an unrecognised file is skipped with a note, not refused. */
  fromGlob?: boolean;
}

/** Pre-aggregated summaries are small; refuse anything bigger than this. */
export const SUMMARY_MAX_BYTES = 64 * 1024 * 1024;

export class FormatError extends Error {
  override readonly name = 'FormatError';
}

async function parseSummaryFile(format: LoadTestFormat, input: LoadTestInput): Promise<ParsedSummary> {
  const text = await readAllText(input.open(), SUMMARY_MAX_BYTES);
  const json = () => {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new FormatError(`${input.path}: invalid JSON (${(err as Error).message})`);
    }
  };
  switch (format) {
    case 'k6-summary-export':
    case 'k6-handle-summary':
      return parseK6Summary(json(), input.path);
    case 'gatling-stats':
      return parseGatling(json(), input.path);
    case 'autocannon':
      return parseAutocannon(json(), input.path);
    case 'wrk':
      return parseWrk(text, input.path);
    case 'locust-stats':
      return parseLocustStats(text, input.path);
    case 'locust-history':
      return parseLocustHistory(text, input.path);
    case 'locust-failures':
      return { format, overall: null, endpoints: [], errors: parseLocustFailures(text), history: [], notes: [] };
    case 'locust-exceptions':
      return { format, overall: null, endpoints: [], errors: parseLocustExceptions(text), history: [], notes: [] };
    default:
      throw new FormatError(`${input.path}: ${format} is not a summary format`);
  }
}

export interface AnalyseOptions {
  /** Keep only endpoints whose name contains this (case-insensitive) or matches it as a regex. */
  endpointFilter?: string;
  signal?: AbortSignal;
}

function filterFn(filter: string | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  let re: RegExp | null = null;
  try {
    re = new RegExp(filter, 'i');
  } catch {
    re = null;
  }
  const lower = filter.toLowerCase();
  return (name) => name.toLowerCase().includes(lower) || (re !== null && re.test(name));
}

/** Raw files of one run once streamed: their samples merged, and what to say about them. */
interface RawRun {
  files: LoadTestResult['files'];
  acc: RawAccumulator;
  notes: string[];
  firstStartMs: number | null;
  lastEndMs: number | null;
}

function mergeRuns(into: RawRun, from: RawRun): void {
  into.acc.add(from.acc);
  into.files.push(...from.files);
  into.notes.push(...from.notes);
}

/**
 * Analyses the files. Raw files become one merged result per run (files overlapping in time);
 * each pre-aggregated file becomes its own result, except that Locust's stats, history and
 * failures files of one run (same prefix) are combined.
 */
export async function analyseLoadTests(inputs: LoadTestInput[], options: AnalyseOptions = {}): Promise<LoadTestResult[]> {
  const keep = filterFn(options.endpointFilter);
  const rawRuns: RawRun[] = [];
  const results: LoadTestResult[] = [];
  const locustRuns = new Map<string, { files: LoadTestResult['files']; parts: ParsedSummary[] }>();
  const skipped: string[] = [];

  for (const input of inputs) {
    options.signal?.throwIfAborted();
    const format = detectLoadTestFormat(input.path, input.head);
    if (format === null && input.fromGlob) {
      skipped.push(input.path);
      continue;
    }
    if (format === null) {
      throw new FormatError(
        `${input.path}: not a recognised load-test result (k6 JSON/NDJSON/CSV, Locust CSV, JMeter JTL, Gatling stats.json, autocannon JSON, wrk output)`,
      );
    }
    if (RAW_FORMATS.has(format)) {
      const acc = new RawAccumulator();
      const notes: string[] = [];
      let variant: string | undefined;
      if (format === 'k6-ndjson') {
        const s = await parseK6Ndjson(input.open(), acc);
        if (s.skippedMalformed > 0) notes.push(`${input.path}: ${s.skippedMalformed} malformed http_req_duration lines skipped`);
      } else if (format === 'k6-csv') await parseK6Csv(input.open(), acc);
      else if (format === 'jmeter-csv') variant = (await parseJmeterCsv(input.open(), acc)).variant;
      else await parseJmeterXml(input.open(), acc);
      const file = variant ? { path: input.path, format, variant } : { path: input.path, format };
      addToRuns(rawRuns, { files: [file], acc, notes, ...acc.span() }, mergeRuns);
      continue;
    }
    const parsed = await parseSummaryFile(format, input);
    if (format.startsWith('locust-')) {
      const prefix = input.path.replace(/_(stats|stats_history|failures|exceptions)\.csv$/, '');
      const run = locustRuns.get(prefix) ?? { files: [], parts: [] };
      run.files.push({ path: input.path, format });
      run.parts.push(parsed);
      locustRuns.set(prefix, run);
      continue;
    }
    results.push(toResult([{ path: input.path, format, ...(parsed.variant ? { variant: parsed.variant } : {}) }], parsed, keep));
  }

  for (const run of locustRuns.values()) {
    const stats = run.parts.find((p) => p.format === 'locust-stats');
    const history = run.parts.find((p) => p.format === 'locust-history');
    const errors: ErrorEntry[] = run.parts.flatMap((p) => p.errors);
    const main = stats ?? history;
    if (!main) {
      throw new FormatError(`${run.files.map((f) => f.path).join(', ')}: Locust failures/exceptions files alone have no request counts: add the run's _stats.csv`);
    }
    const merged: ParsedSummary = {
      ...main,
      errors,
      history: history?.history ?? [],
      notes: [...new Set(run.parts.flatMap((p) => p.notes))],
    };
    results.push(toResult(run.files, merged, keep));
  }

  results.unshift(...byStart(rawRuns).map((run) => rawResult(run, keep, rawRuns.length)));
  if (results.length === 0) {
    throw new FormatError(`no load-test result among the files (${skipped.length} unrecognised: ${skipped.slice(0, 5).join(', ')})`);
  }
  if (skipped.length > 0) results[0]!.notes.push(`${skipped.length} files matched by the globs are not load-test results and were skipped: ${skipped.slice(0, 10).join(', ')}`);
  return results;
}

/** One run's raw files, merged exactly (histogram addition). */
function rawResult(run: RawRun, keep: (name: string) => boolean, runCount: number): LoadTestResult {
  const raw = run.acc;
  const paths = run.files.map((f) => f.path);
  const all = raw.overall();
  const span = all.lastEndMs > all.firstStartMs ? (all.lastEndMs - all.firstStartMs) / 1000 : undefined;
  const endpoints = [...raw.endpoints.entries()]
    .filter(([name]) => keep(name))
    .sort((a, b) => b[1].requests - a[1].requests)
    .map(([name, acc]) => statsFromAccumulator(name, acc, paths, span));
  const notes = ['percentiles from an HDR histogram (3 significant digits), interpolated between the two closest ranks as k6 does'];
  notes.push(...run.notes);
  if (run.files.length > 1) notes.push(`${run.files.length} raw files merged exactly (histogram addition): their time spans overlap, as distributed runners' do`);
  if (runCount > 1) notes.push(`the raw files make ${runCount} runs that do not overlap in time: each is reported on its own`);
  if (all.hist.clamped > 0) notes.push(`${all.hist.clamped} samples above 1 h were clamped to 1 h`);
  if (run.files.some((f) => f.format === 'k6-csv')) notes.push('k6 CSV timestamps are whole seconds: duration and throughput are known to about ±1 s');
  const history = raw.timeline.history();
  if (history.length > 0) {
    notes.push("history: requests started per second, and the tool's own count of active users (k6 vus, JMeter allThreads) in that second");
  }
  if (raw.timeline.overflow) notes.push('the run spans more than a week: its history covers the first week only');
  return {
    files: run.files,
    mergeable: true,
    overall: statsFromAccumulator('overall', all, paths, span),
    endpoints,
    errors: [],
    history,
    notes,
  };
}

function toResult(files: LoadTestResult['files'], parsed: ParsedSummary, keep: (name: string) => boolean): LoadTestResult {
  if (!parsed.overall) throw new FormatError(`${files.map((f) => f.path).join(', ')}: no overall figures found`);
  return {
    files,
    mergeable: false,
    overall: parsed.overall,
    endpoints: parsed.endpoints.filter((e) => keep(e.name)),
    errors: parsed.errors.filter((e) => keep(e.endpoint)),
    history: parsed.history,
    notes: ['pre-aggregated by the tool: reported as computed, cannot be merged exactly with other runs', ...parsed.notes],
  };
}
