/**
 * k6 `--out json` (NDJSON, optionally gzipped). `http_req_duration` Points are the requests:
 * their tags carry the endpoint (name, method) and the outcome (expected_response, status).
 * `vus` Points (the active virtual users, about once a second) give the load over time. Lines
 * are located with Buffer.indexOf on the metric name, so the other metrics (about nine lines
 * in ten) are skipped without being looked at.
 */
import { type ByteSource, decoded } from '../bytes.js';
import { MAX_LINE_BYTES } from '../lines.js';
import { RawAccumulator } from './model.js';
import { LineError } from './errors.js';

const NEEDLE = Buffer.from('"metric":"http_req_duration"');
const VUS = Buffer.from('"metric":"vus"');
const POINT = Buffer.from('"type":"Point"');
const VALUE = Buffer.from('"value":');
const TIME = Buffer.from('"time":"');
const NAME = Buffer.from('"name":"');
const METHOD = Buffer.from('"method":"');
const EXPECTED = Buffer.from('"expected_response":"');
const STATUS = Buffer.from('"status":"');
const NL = 10;

export interface K6NdjsonStats {
  points: number;
  skippedMalformed: number;
}

/**
 * Finds `needle` in buf[from, to); -1 when absent. The search stops at `to`, the end of the
 * line: a tag missing from a line (k6 without `expected_response`) costs that line, not the
 * rest of the chunk.
 */
function find(buf: Buffer, needle: Buffer, from: number, to: number): number {
  if (to - from < needle.length) return -1;
  const i = buf.subarray(from, to).indexOf(needle);
  return i === -1 ? -1 : from + i;
}

/** Reads a JSON string value starting at `start` (just after the opening quote). */
function readString(buf: Buffer, start: number, to: number): string | null {
  let i = start;
  while (i < to && buf[i] !== 34 /* " */) {
    if (buf[i] === 92 /* \ */) i++;
    i++;
  }
  if (i >= to) return null;
  const raw = buf.toString('utf8', start, i);
  return raw.indexOf('\\') === -1 ? raw : (JSON.parse(`"${raw}"`) as string);
}

function readNumber(buf: Buffer, start: number, to: number): number {
  let i = start;
  while (i < to) {
    const c = buf[i]!;
    if (c === 44 /* , */ || c === 125 /* } */ || c === 32) break;
    i++;
  }
  return Number(buf.toString('latin1', start, i));
}

/**
 * The value and time (epoch ms, null when absent) of the Point on line [ls, le); null for a
 * metric's declaration line, 'malformed' when the Point has no numeric value.
 */
function readPoint(buf: Buffer, ls: number, le: number): { value: number; timeMs: number | null } | null | 'malformed' {
  if (find(buf, POINT, ls, le) === -1) return null;
  const v = find(buf, VALUE, ls, le);
  const value = v === -1 ? NaN : readNumber(buf, v + VALUE.length, le);
  if (!Number.isFinite(value)) return 'malformed';
  const t = find(buf, TIME, ls, le);
  const time = t === -1 ? null : readString(buf, t + TIME.length, le);
  return { value, timeMs: time === null ? null : Date.parse(time) };
}

export interface K6NdjsonOptions {
  signal?: AbortSignal;
}

/** Accumulates one k6 NDJSON stream into `acc`. */
export async function parseK6Ndjson(source: ByteSource, acc: RawAccumulator, options: K6NdjsonOptions = {}): Promise<K6NdjsonStats> {
  const stats: K6NdjsonStats = { points: 0, skippedMalformed: 0 };

  const handleLine = (buf: Buffer, ls: number, le: number) => {
    const point = readPoint(buf, ls, le);
    if (point === null) return;
    if (point === 'malformed' || point.value < 0) {
      stats.skippedMalformed++;
      return;
    }
    const { value, timeMs } = point;
    const startMs = timeMs === null || Number.isNaN(timeMs) ? undefined : timeMs - value;
    const n = find(buf, NAME, ls, le);
    const name = n === -1 ? '(no name tag)' : (readString(buf, n + NAME.length, le) ?? '(no name tag)');
    const m = find(buf, METHOD, ls, le);
    const method = m === -1 ? '' : (readString(buf, m + METHOD.length, le) ?? '');
    const e = find(buf, EXPECTED, ls, le);
    let ok: boolean;
    if (e !== -1) ok = buf[e + EXPECTED.length] === 116; /* t(rue) */
    else {
      const s = find(buf, STATUS, ls, le);
      const status = s === -1 ? 0 : Number(readString(buf, s + STATUS.length, le));
      ok = status > 0 && status < 400;
    }
    acc.endpoint(method ? `${method} ${name}` : name).record(value, ok, startMs);
    stats.points++;
  };

  const handleVus = (buf: Buffer, ls: number, le: number) => {
    const point = readPoint(buf, ls, le);
    if (point && point !== 'malformed' && point.timeMs !== null) acc.timeline.activeUsers(point.timeMs, point.value);
  };

  /** Calls `handle` on each complete line of data[from, limit) that holds `needle`. */
  const eachLine = (data: Buffer, from: number, limit: number, needle: Buffer, handle: (buf: Buffer, ls: number, le: number) => void) => {
    for (let hit = data.indexOf(needle, from); hit !== -1 && hit < limit; hit = data.indexOf(needle, from)) {
      const ls = hit === from ? from : Math.max(from, data.lastIndexOf(NL, hit - 1) + 1);
      const le = data.indexOf(NL, hit);
      handle(data, ls, le);
      from = le + 1;
    }
  };

  /** One line gathered from several chunks. */
  const handleWhole = (line: Buffer) => {
    if (find(line, NEEDLE, 0, line.length) !== -1) handleLine(line, 0, line.length);
    else if (find(line, VUS, 0, line.length) !== -1) handleVus(line, 0, line.length);
  };

  // A line cut by a chunk boundary is kept in parts and joined once it ends: no re-copying.
  let pending: Buffer[] = [];
  let pendingLen = 0;
  for await (const chunk of decoded(source)) {
    options.signal?.throwIfAborted();
    let start = 0;
    if (pendingLen > 0) {
      const nl = chunk.indexOf(NL);
      if (nl === -1) {
        pending.push(Buffer.from(chunk));
        pendingLen += chunk.length;
        if (pendingLen > MAX_LINE_BYTES) throw new LineError(null, `a line is longer than ${MAX_LINE_BYTES} bytes: not k6 NDJSON`);
        continue;
      }
      handleWhole(Buffer.concat([...pending, chunk.subarray(0, nl)]));
      pending = [];
      pendingLen = 0;
      start = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(NL);
    const limit = lastNl < start ? start : lastNl + 1; // complete lines end before `limit`
    if (limit > start) {
      eachLine(chunk, start, limit, NEEDLE, handleLine);
      eachLine(chunk, start, limit, VUS, handleVus);
    }
    if (limit < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(limit)));
      pendingLen += chunk.length - limit;
      if (pendingLen > MAX_LINE_BYTES) throw new LineError(null, `a line is longer than ${MAX_LINE_BYTES} bytes: not k6 NDJSON`);
    }
  }
  if (pendingLen > 0) handleWhole(Buffer.concat(pending));
  return stats;
}
