/**
 * Load-test analysis over any number of files: raw files (k6 NDJSON/CSV, JMeter JTL) are
 * streamed into HDR histograms, and those of one run (overlapping in time) merge exactly;
 * every pre-aggregated file (k6 summaries, Locust, Gatling, autocannon, wrk) is reported as
 * its tool computed it. Every parse is linear in its input and stops when `signal` aborts;
 * every answer is bounded (route templates, top errors) whatever the input's size.
 */
import { EvidenceError, UserInputError } from '../../errors.js';
import { compileUserRegex } from '../../regex/user-regex.js';
import { type ByteSource, decoded, InflateBudget, readAllText } from '../bytes.js';
import { classifyLoadTestFile } from './detect.js';
import { parseAutocannon } from './autocannon.js';
import { inFile, LineError, NotAResultError } from './errors.js';
import { parseGatling } from './gatling.js';
import { parseJmeterCsv, parseJmeterXml, type JtlParse } from './jmeter.js';
import { parseK6Csv } from './k6-csv.js';
import { parseK6Ndjson } from './k6-ndjson.js';
import { parseK6Summary } from './k6-summary.js';
import { parseLocustExceptions, parseLocustFailures, parseLocustHistory, parseLocustStats } from './locust.js';
import { RawAccumulator, RAW_FORMATS, statsFromAccumulator, type ErrorEntry, type LoadTestFormat, type LoadTestResult, type ParsedSummary } from './model.js';
import { addToRuns, byStart } from './runs.js';
import { parseWrk } from './wrk.js';

export * from './model.js';
export { classifyLoadTestFile, detectLoadTestFormat, type Detection } from './detect.js';
export { LoadTestFileError, NotAResultError } from './errors.js';
export { withoutOrigin } from './route.js';

/** A file to analyse: its project-relative path, its first bytes, and a way to stream it. */
export interface LoadTestInput {
  path: string;
  head: Buffer;
  open(): ByteSource;
  /** Matched by a glob rather than named: an unrecognised file is skipped with a note, not refused. */
  fromGlob?: boolean;
}

/** Pre-aggregated text summaries (Locust CSV, wrk output) are read whole: refuse anything bigger. */
export const SUMMARY_MAX_BYTES = 64 * 1024 * 1024;
/** JSON summaries (k6, Gatling, autocannon) are parsed whole: a smaller cap, as JSON.parse's memory is several times the text. */
export const JSON_SUMMARY_MAX_BYTES = 16 * 1024 * 1024;
/** Error kinds (endpoint + message) listed per result, most frequent first. */
export const ERRORS_LIMIT = 20;
/** Characters kept of an error message or an endpoint name in a result. */
export const TEXT_LIMIT = 300;

function clip(s: string): string {
  return s.length <= TEXT_LIMIT ? s : `${s.slice(0, TEXT_LIMIT)}… (${s.length} characters)`;
}

const JSON_FORMATS: ReadonlySet<LoadTestFormat> = new Set(['k6-summary-export', 'k6-handle-summary', 'k6-summary', 'gatling-stats', 'autocannon']);

async function parseSummaryFile(format: LoadTestFormat, input: LoadTestInput, signal?: AbortSignal): Promise<ParsedSummary[]> {
  const text = await readAllText(input.open(), JSON_FORMATS.has(format) ? JSON_SUMMARY_MAX_BYTES : SUMMARY_MAX_BYTES);
  signal?.throwIfAborted();
  const json = () => {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new LineError(null, `invalid JSON (${(err as Error).message})`);
    }
  };
  const only = (errors: ErrorEntry[]): ParsedSummary => ({ format, overall: null, endpoints: [], errors, history: [], notes: [] });
  switch (format) {
    case 'k6-summary-export':
    case 'k6-handle-summary':
    case 'k6-summary':
      return [parseK6Summary(json(), input.path)];
    case 'gatling-stats':
      return [parseGatling(json(), input.path)];
    case 'autocannon':
      return [parseAutocannon(json(), input.path)];
    case 'wrk':
      return parseWrk(text, input.path, signal);
    case 'locust-stats':
      return [parseLocustStats(text, input.path, signal)];
    case 'locust-history':
      return [parseLocustHistory(text, input.path, signal)];
    case 'locust-failures':
      return [only(parseLocustFailures(text, signal))];
    case 'locust-exceptions':
      return [only(parseLocustExceptions(text, signal))];
    default:
      throw new LineError(null, `${format} is not a summary format`);
  }
}

export interface AnalyseOptions {
  /** Keep only endpoints whose name contains this (case-insensitive) or matches it as a regex (RE2, linear time). */
  endpointFilter?: string;
  signal?: AbortSignal;
}

/**
 * The endpoint filter: a case-insensitive substring, or a regular expression run by the shared
 * RE2 matcher (linear time, a work budget: a caller's pattern cannot freeze the server). A
 * pattern RE2 cannot read (look-around, back-references) leaves the substring test alone.
 */
export function endpointFilter(filter: string | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  let re: { test(s: string): boolean } | null = null;
  try {
    re = compileUserRegex(filter, { flags: 'i', what: 'endpoint_filter' });
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
    re = null; // not a pattern RE2 reads: the substring test alone
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

/** Streams one raw file: one accumulator per run it holds (JTL files can hold appended runs). */
async function parseRawFile(
  format: LoadTestFormat,
  input: LoadTestInput,
  signal?: AbortSignal,
): Promise<{ runs: RawAccumulator[]; notes: string[]; variant?: string }> {
  const notes: string[] = [];
  if (format === 'k6-ndjson') {
    const acc = new RawAccumulator();
    const s = await parseK6Ndjson(input.open(), acc, { signal });
    const total = s.points + s.skippedMalformed;
    if (s.skippedMalformed > 0 && (s.points === 0 || (s.skippedMalformed > 10 && s.skippedMalformed > total / 100))) {
      throw new LineError(null, `${s.skippedMalformed} of ${total} http_req_duration points have no non-negative numeric value: not written by k6`);
    }
    if (s.skippedMalformed > 0) notes.push(`${input.path}: ${s.skippedMalformed} malformed http_req_duration lines skipped`);
    return { runs: [acc], notes };
  }
  if (format === 'k6-csv') {
    const acc = new RawAccumulator();
    const s = await parseK6Csv(input.open(), acc, { signal });
    const note = s.bad.verdict(input.path, s.rows);
    if (note) notes.push(note);
    return { runs: [acc], notes };
  }
  const jtl: JtlParse = format === 'jmeter-csv' ? await parseJmeterCsv(input.open(), { signal }) : await parseJmeterXml(input.open(), { signal });
  const note = jtl.bad.verdict(input.path, jtl.rows, 'samples');
  if (note) notes.push(note);
  if (jtl.delimiter && jtl.delimiter !== ',') notes.push(`${input.path}: JTL delimiter ${JSON.stringify(jtl.delimiter)} (read from its header line)`);
  if (jtl.runs.length > 1) {
    notes.push(`${input.path} holds ${jtl.runs.length} runs appended one after another (${jtl.breaks.join('; ')}): each is reported on its own`);
  }
  return { runs: jtl.runs.length > 0 ? jtl.runs : [new RawAccumulator()], notes, ...(jtl.variant ? { variant: jtl.variant } : {}) };
}

/**
 * Analyses the files. Raw files become one merged result per run (files overlapping in time);
 * each pre-aggregated file becomes its own result (one per run for wrk files holding several),
 * except that Locust's stats, history and failures files of one run (same prefix) are combined.
 * Errors name the file and, where it applies, the line; a file that is not a result at all is
 * refused with NotAResultError (or skipped with its reason when a glob matched it).
 */
export async function analyseLoadTests(inputs: LoadTestInput[], options: AnalyseOptions = {}): Promise<LoadTestResult[]> {
  const keep = endpointFilter(options.endpointFilter);
  const rawRuns: RawRun[] = [];
  const results: LoadTestResult[] = [];
  const locustRuns = new Map<string, { files: LoadTestResult['files']; parts: ParsedSummary[] }>();
  const skipped: string[] = [];

  // Gzipped inputs inflate under one budget for the whole call, cancellable inside a file.
  const budget = new InflateBudget();
  for (const given of inputs) {
    options.signal?.throwIfAborted();
    const input: LoadTestInput = { ...given, open: () => decoded(given.open(), { signal: options.signal, budget }) };
    const detection = classifyLoadTestFile(input.path, input.head);
    if (detection.format === null) {
      if (input.fromGlob) {
        skipped.push(`${input.path} (${detection.reason})`);
        continue;
      }
      throw new NotAResultError(
        input.path,
        `${detection.reason}; supported: k6 JSON/NDJSON/CSV, Locust CSV, JMeter JTL, Gatling stats.json, autocannon JSON, wrk output`,
      );
    }
    const format = detection.format;
    try {
      if (RAW_FORMATS.has(format)) {
        const parsed = await parseRawFile(format, input, options.signal);
        const file = parsed.variant ? { path: input.path, format, variant: parsed.variant } : { path: input.path, format };
        parsed.runs.forEach((acc, i) => addToRuns(rawRuns, { files: [{ ...file }], acc, notes: i === 0 ? parsed.notes : [], ...acc.span() }, mergeRuns));
        continue;
      }
      const parts = await parseSummaryFile(format, input, options.signal);
      if (format.startsWith('locust-')) {
        const prefix = input.path.replace(/_(stats|stats_history|failures|exceptions)\.csv$/, '');
        const run = locustRuns.get(prefix) ?? { files: [], parts: [] };
        run.files.push({ path: input.path, format });
        run.parts.push(parts[0]!);
        locustRuns.set(prefix, run);
        continue;
      }
      for (const parsed of parts) results.push(toResult([{ path: input.path, format, ...(parsed.variant ? { variant: parsed.variant } : {}) }], parsed, keep));
    } catch (err) {
      throw inFile(input.path, err);
    }
  }

  for (const run of locustRuns.values()) {
    const stats = run.parts.find((p) => p.format === 'locust-stats');
    const history = run.parts.find((p) => p.format === 'locust-history');
    const errors: ErrorEntry[] = run.parts.flatMap((p) => p.errors);
    const main = stats ?? history;
    if (!main) {
      throw new EvidenceError(
        run.files.map((f) => f.path).join(', '),
        null,
        "Locust failures/exceptions files alone have no request counts: add the run's _stats.csv",
      );
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
    throw new EvidenceError(null, null, `no load-test result among the files (${skipped.length} unrecognised: ${skipped.slice(0, 5).join(', ')})`);
  }
  if (skipped.length > 0)
    results[0]!.notes.push(`${skipped.length} files matched by the globs are not load-test results and were skipped: ${skipped.slice(0, 10).join(', ')}`);
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
    .map(([name, acc]) => statsFromAccumulator(clip(name), acc, paths, span));
  const notes = ['percentiles from an HDR histogram (3 significant digits), interpolated between the two closest ranks as k6 does'];
  notes.push(...run.notes);
  if (run.files.length > 1)
    notes.push(`${run.files.length} raw files merged exactly (histogram addition): their time spans overlap, as distributed runners' do`);
  if (runCount > 1) notes.push(`the raw files make ${runCount} runs that do not overlap in time: each is reported on its own`);
  const distinct = raw.names.count;
  if (distinct > raw.endpoints.size || raw.names.overflow) {
    notes.push(
      `${raw.names.overflow ? `more than ${distinct}` : distinct} distinct endpoint names, grouped into ${raw.endpoints.size} route templates (ids, UUIDs, hashes and tokens folded to {id}, as k6's name tag advises)`,
    );
  }
  if (raw.groupsOverflowed > 0) notes.push(`more route templates than ${raw.endpoints.size - 1}: the rest share "(other endpoints)"`);
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
    endpoint_names: { distinct, more: raw.names.overflow },
  };
}

/** Errors by endpoint and message, most frequent first, the list cut at ERRORS_LIMIT. */
export function topErrors(entries: ErrorEntry[], keep: (name: string) => boolean): { errors: ErrorEntry[]; kinds: number; occurrences: number } {
  const byKey = new Map<string, ErrorEntry>();
  let occurrences = 0;
  for (const e of entries) {
    if (!keep(e.endpoint)) continue;
    occurrences += e.count;
    const key = `${e.endpoint}\u0000${e.message}`;
    const cur = byKey.get(key);
    if (cur) cur.count += e.count;
    else byKey.set(key, { ...e });
  }
  const all = [...byKey.values()].sort((a, b) => b.count - a.count);
  return {
    errors: all.slice(0, ERRORS_LIMIT).map((e) => ({ endpoint: clip(e.endpoint), message: clip(e.message), count: e.count })),
    kinds: all.length,
    occurrences,
  };
}

function toResult(files: LoadTestResult['files'], parsed: ParsedSummary, keep: (name: string) => boolean): LoadTestResult {
  if (!parsed.overall) throw new EvidenceError(files.map((f) => f.path).join(', '), null, 'no overall figures found');
  const top = topErrors(parsed.errors, keep);
  const notes = ['pre-aggregated by the tool: reported as computed, cannot be merged exactly with other runs', ...parsed.notes];
  if (top.kinds > top.errors.length) {
    notes.push(
      `errors: ${top.kinds} kinds (endpoint + message), ${top.occurrences} occurrences; the ${top.errors.length} most frequent are listed, ${top.kinds - top.errors.length} left out`,
    );
  }
  return {
    files,
    mergeable: false,
    overall: parsed.overall,
    endpoints: parsed.endpoints.filter((e) => keep(e.name)).map((e) => (e.name.length > TEXT_LIMIT ? { ...e, name: clip(e.name) } : e)),
    errors: top.errors,
    history: parsed.history,
    notes,
    ...(top.kinds > top.errors.length ? { errors_total: { kinds: top.kinds, occurrences: top.occurrences } } : {}),
  };
}
export { countRawFiles, readRuns, summaryRunOf, MAX_SAMPLES_TOTAL, type ReadRunsOptions, type SourcedRun } from './samples.js';
