/**
 * Load-test files as the BEFORE/AFTER comparison's runs (compare/types.ts):
 *  - raw files (k6 NDJSON / CSV, JMeter JTL) → `RawRun`: every request with its start time,
 *    latency, outcome and route template, bounded while read (SampleBuffer thins 1 in k);
 *    files overlapping in time are one run (distributed runners), others are separate runs,
 *    and runs appended to one JTL are split, as loadtest_summary does;
 *  - summaries (Locust, k6 summaries, autocannon, wrk, Gatling) → `SummaryRun` from
 *    `analyseLoadTests`' results, one per result.
 * The load descriptor says what the files say: the highest active-user count the tool wrote
 * (k6 `vus`, JMeter allThreads, Locust history), and the run's duration.
 */
import { EvidenceError } from '../../errors.js';
import type { LoadDescriptor, Run, SummaryStats } from '../compare/types.js';
import { decoded, InflateBudget } from '../bytes.js';
import { classifyLoadTestFile } from './detect.js';
import { inFile, NotAResultError } from './errors.js';
import { analyseLoadTests, type LoadTestInput } from './index.js';
import { parseK6Csv } from './k6-csv.js';
import { parseK6Ndjson } from './k6-ndjson.js';
import { RAW_FORMATS, type EndpointStats, type LoadTestFormat, type LoadTestResult, type RawAccumulator } from './model.js';
import { addToRuns, byStart } from './runs.js';
import { SampleBuffer } from './sample-buffer.js';
import { jtlCsvSamples, jtlXmlSamples } from './samples-jtl.js';

/** Samples kept in memory for one call, all runs together (about 100 bytes each). */
export const MAX_SAMPLES_TOTAL = 1_000_000;
/** A run keeps at least this many, however many files share the budget. */
export const MIN_SAMPLES_PER_RUN = 20_000;

/** A run and the files it was read from. */
export interface SourcedRun {
  run: Run;
  files: { path: string; format: LoadTestFormat }[];
  notes: string[];
}

interface RawPart {
  buf: SampleBuffer;
  files: { path: string; format: LoadTestFormat }[];
  notes: string[];
  firstStartMs: number | null;
  lastEndMs: number | null;
}

/**
 * What k6's parsers call on their accumulator: `endpoint(name).record(...)` and
 * `timeline.activeUsers(...)`. Samples go to the buffer instead of a histogram.
 */
function k6Sink(buf: SampleBuffer): RawAccumulator {
  const sink = {
    endpoint: (name: string) => ({ record: (latencyMs: number, ok: boolean, startMs?: number) => buf.record(name, latencyMs, ok, startMs) }),
    timeline: { activeUsers: (_t: number, n: number) => buf.activeUsers(n) },
  };
  return sink as unknown as RawAccumulator;
}

async function readRawFile(
  format: LoadTestFormat,
  input: LoadTestInput,
  cap: number,
  signal?: AbortSignal,
): Promise<{ bufs: SampleBuffer[]; notes: string[] }> {
  if (format === 'k6-ndjson' || format === 'k6-csv') {
    const buf = new SampleBuffer(cap);
    if (format === 'k6-ndjson') {
      const s = await parseK6Ndjson(input.open(), k6Sink(buf), { signal });
      if (s.points === 0) throw new EvidenceError(null, null, 'no http_req_duration point: not a k6 --out json file of requests');
      return { bufs: [buf], notes: s.skippedMalformed > 0 ? [`${input.path}: ${s.skippedMalformed} malformed http_req_duration lines skipped`] : [] };
    }
    const s = await parseK6Csv(input.open(), k6Sink(buf), { signal });
    const note = s.bad.verdict(input.path, s.rows);
    return {
      bufs: [buf],
      notes: [...(note ? [note] : []), `${input.path}: k6 CSV timestamps are whole seconds: requests of one second keep their file order`],
    };
  }
  const jtl = format === 'jmeter-csv' ? await jtlCsvSamples(input.open(), cap, signal) : await jtlXmlSamples(input.open(), cap, signal);
  const note = jtl.bad.verdict(input.path, jtl.rows, 'samples');
  const notes = note ? [note] : [];
  if (jtl.runs.length > 1) notes.push(`${input.path} holds ${jtl.runs.length} runs appended one after another (${jtl.breaks.join('; ')}): each is a run`);
  return { bufs: jtl.runs, notes };
}

function rawRunOf(part: RawPart): SourcedRun {
  const b = part.buf;
  const label = part.files.map((f) => f.path).join(', ');
  const load: LoadDescriptor = {};
  if (b.maxUsers > 0) load.vus = b.maxUsers;
  // Duration of the load: first to last request start, so that slower responses do not read as a longer test.
  if (b.lastStartMs > b.firstStartMs) load.duration_s = (b.lastStartMs - b.firstStartMs) / 1000;
  const notes = [...part.notes];
  if (b.stride > 1)
    notes.push(
      `${label}: ${b.requests} requests, kept 1 in ${b.stride} evenly through the run (${b.samples.length}) to bound memory: percentiles and error rate are estimated from those`,
    );
  if (b.untimed > 0) notes.push(`${label}: ${b.untimed} requests without a timestamp: their file order stands in for time`);
  if (part.files.length > 1) notes.push(`${label}: files overlapping in time, read as one run (distributed runners)`);
  return { run: { kind: 'raw', samples: b.samples, ...(Object.keys(load).length ? { load } : {}), label }, files: part.files, notes };
}

function statsOf(e: EndpointStats): SummaryStats {
  const l = e.latency;
  return {
    requests: e.requests.value,
    errors: e.errors.value,
    throughput: e.throughput?.value ?? null,
    duration_s: e.duration?.value ?? null,
    p50: l.p50?.value ?? null,
    p90: l.p90?.value ?? null,
    p95: l.p95?.value ?? null,
    p99: l.p99?.value ?? null,
    max: l.max?.value ?? null,
    mean: l.mean?.value ?? null,
  };
}

/** A pre-aggregated result as a SummaryRun; users from its history when it has one. */
export function summaryRunOf(r: LoadTestResult): SourcedRun {
  const load: LoadDescriptor = {};
  const users = r.history.reduce((m, h) => Math.max(m, h.users), 0);
  if (users > 0) load.vus = users;
  if (r.overall.duration?.value) load.duration_s = r.overall.duration.value;
  const label = r.files.map((f) => f.path).join(', ');
  return {
    run: {
      kind: 'summary',
      overall: statsOf(r.overall),
      endpoints: Object.fromEntries(r.endpoints.map((e) => [e.name, statsOf(e)])),
      ...(Object.keys(load).length ? { load } : {}),
      label,
    },
    files: r.files.map((f) => ({ path: f.path, format: f.format })),
    notes: r.notes.filter((n) => !n.startsWith('pre-aggregated by the tool')),
  };
}

export interface ReadRunsOptions {
  signal?: AbortSignal;
  /** Samples kept for the whole call (shared by the raw files); default MAX_SAMPLES_TOTAL. */
  maxSamples?: number;
  /** How many raw files share the budget (both sides of a comparison); default: these inputs'. */
  rawFilesInCall?: number;
}

/** Counts the raw files among inputs (from their first bytes). */
export function countRawFiles(inputs: readonly LoadTestInput[]): number {
  return inputs.filter((i) => {
    const f = classifyLoadTestFile(i.path, i.head).format;
    return f !== null && RAW_FORMATS.has(f);
  }).length;
}

/**
 * Reads one side's files as runs: raw runs first (in the order they started), then each
 * pre-aggregated result. Errors name the file (EvidenceError); a file a glob matched that is
 * not a result is skipped with a note.
 */
export async function readRuns(inputs: LoadTestInput[], options: ReadRunsOptions = {}): Promise<{ runs: SourcedRun[]; notes: string[] }> {
  const rawCount = Math.max(1, options.rawFilesInCall ?? countRawFiles(inputs));
  const cap = Math.max(MIN_SAMPLES_PER_RUN, Math.floor((options.maxSamples ?? MAX_SAMPLES_TOTAL) / rawCount));
  const budget = new InflateBudget();
  const parts: RawPart[] = [];
  const summaries: LoadTestInput[] = [];
  const notes: string[] = [];
  for (const given of inputs) {
    options.signal?.throwIfAborted();
    const detection = classifyLoadTestFile(given.path, given.head);
    if (detection.format === null) {
      if (given.fromGlob) {
        notes.push(`${given.path} skipped: ${detection.reason}`);
        continue;
      }
      throw new NotAResultError(
        given.path,
        `${detection.reason}; supported: k6 JSON/NDJSON/CSV, Locust CSV, JMeter JTL, Gatling stats.json, autocannon JSON, wrk output`,
      );
    }
    if (!RAW_FORMATS.has(detection.format)) {
      summaries.push(given);
      continue;
    }
    const input: LoadTestInput = { ...given, open: () => decoded(given.open(), { signal: options.signal, budget }) };
    try {
      const read = await readRawFile(detection.format, input, cap, options.signal);
      const file = { path: given.path, format: detection.format };
      read.bufs.forEach((buf, i) =>
        addToRuns(parts, { buf, files: [{ ...file }], notes: i === 0 ? read.notes : [], ...buf.span() }, (into, from) => {
          into.buf.add(from.buf);
          into.files.push(...from.files);
          into.notes.push(...from.notes);
        }),
      );
    } catch (err) {
      throw inFile(given.path, err);
    }
  }
  const runs = byStart(parts).map(rawRunOf);
  if (summaries.length > 0) {
    const results = await analyseLoadTests(summaries, { signal: options.signal });
    runs.push(...results.map(summaryRunOf));
  }
  return { runs, notes };
}
