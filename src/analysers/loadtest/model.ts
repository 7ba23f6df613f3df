/**
 * The shape every load-test parser produces, and the accumulator raw formats share.
 * Units: latency ms, throughput req/s, duration s, requests count, error rate %.
 */
import { LatencyHistogram } from '../histogram.js';
import { computed, measured, type Quantity, type Unit } from '../quantity.js';
import { routeTemplate } from './route.js';
import { Timeline } from './timeline.js';
import { significant } from '../../numbers.js';

export type LoadTestFormat =
  | 'k6-ndjson'
  | 'k6-csv'
  | 'k6-summary-export'
  | 'k6-handle-summary'
  /** The machine-readable summary (k6 1.5+ --new-machine-readable-summary, default in k6 2). */
  | 'k6-summary'
  | 'locust-stats'
  | 'locust-history'
  | 'locust-failures'
  | 'locust-exceptions'
  | 'jmeter-csv'
  | 'jmeter-xml'
  | 'gatling-stats'
  | 'autocannon'
  | 'wrk';

/** Raw formats hold one record per request: they merge exactly. */
export const RAW_FORMATS: ReadonlySet<LoadTestFormat> = new Set(['k6-ndjson', 'k6-csv', 'jmeter-csv', 'jmeter-xml']);

export interface LatencyStats {
  p50: Quantity | null;
  p90: Quantity | null;
  p95: Quantity | null;
  p99: Quantity | null;
  max: Quantity | null;
  mean: Quantity | null;
}

export interface EndpointStats {
  /** "GET /items", a JMeter label, a k6 name tag, or "overall". */
  name: string;
  requests: Quantity;
  errors: Quantity;
  /** Errors / requests, in percent. */
  error_rate: Quantity;
  throughput: Quantity | null;
  duration: Quantity | null;
  latency: LatencyStats;
}

export interface ErrorEntry {
  endpoint: string;
  message: string;
  count: number;
}

export interface HistoryPoint {
  /** Seconds since the first point. */
  t: number;
  users: number;
  rps: number;
  p95_ms: number | null;
}

export interface LoadTestResult {
  files: { path: string; format: LoadTestFormat; variant?: string }[];
  /** True when built from raw samples: several files merged exactly. */
  mergeable: boolean;
  overall: EndpointStats;
  endpoints: EndpointStats[];
  errors: ErrorEntry[];
  /** Load over time (Locust history), for capacity fits. */
  history: HistoryPoint[];
  notes: string[];
  /** Raw files: distinct endpoint names before ids were folded into route templates. */
  endpoint_names?: { distinct: number; more: boolean };
  /** Every error kind (endpoint + message) and occurrence, when `errors` holds only the most frequent. */
  errors_total?: { kinds: number; occurrences: number };
}

/** What one pre-aggregated parser gives before it becomes a LoadTestResult. */
export interface ParsedSummary {
  format: LoadTestFormat;
  variant?: string;
  overall: EndpointStats | null;
  endpoints: EndpointStats[];
  errors: ErrorEntry[];
  history: HistoryPoint[];
  notes: string[];
}

export function emptyLatency(): LatencyStats {
  return { p50: null, p90: null, p95: null, p99: null, max: null, mean: null };
}

/** Builds an endpoint's stats from the tool's own numbers (pre-aggregated formats). */
export function fromToolNumbers(args: {
  name: string;
  ref: string;
  requests: number;
  errors: number;
  throughput?: number | null;
  durationS?: number | null;
  latency: Partial<Record<keyof LatencyStats, number | null | undefined>>;
  refs?: Partial<Record<'requests' | 'errors' | 'throughput' | 'duration' | keyof LatencyStats, string>>;
}): EndpointStats {
  const r = (k: keyof NonNullable<typeof args.refs>) => args.refs?.[k] ?? args.ref;
  const q = (v: number | null | undefined, unit: Unit, k: keyof NonNullable<typeof args.refs>) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : measured(v, unit, r(k));
  const latency = emptyLatency();
  for (const k of Object.keys(latency) as (keyof LatencyStats)[]) latency[k] = q(args.latency[k], 'ms', k);
  const rate = args.requests > 0 ? (100 * args.errors) / args.requests : 0;
  return {
    name: args.name,
    requests: measured(args.requests, 'count', r('requests')),
    errors: measured(args.errors, 'count', r('errors')),
    error_rate: computed(significant(rate, 6), '%', `errors / requests of ${r('errors')}`),
    throughput: q(args.throughput, 'req/s', 'throughput'),
    duration: q(args.durationS, 's', 'duration'),
    latency,
  };
}

/** Per-endpoint raw accumulation: counts, errors, time span and an HDR histogram. */
export class EndpointAccumulator {
  requests = 0;
  errors = 0;
  firstStartMs = Infinity;
  lastEndMs = -Infinity;
  readonly hist = new LatencyHistogram();

  /** `timeline`: where a raw file's requests are also counted second by second. */
  constructor(private readonly timeline?: Timeline) {}

  record(latencyMs: number, ok: boolean, startMs?: number): void {
    this.requests++;
    if (!ok) this.errors++;
    this.hist.recordMs(latencyMs);
    if (startMs !== undefined && Number.isFinite(startMs)) {
      this.timeline?.request(startMs);
      if (startMs < this.firstStartMs) this.firstStartMs = startMs;
      const end = startMs + (latencyMs > 0 ? latencyMs : 0);
      if (end > this.lastEndMs) this.lastEndMs = end;
    }
  }

  add(other: EndpointAccumulator): void {
    this.requests += other.requests;
    this.errors += other.errors;
    this.firstStartMs = Math.min(this.firstStartMs, other.firstStartMs);
    this.lastEndMs = Math.max(this.lastEndMs, other.lastEndMs);
    this.hist.add(other.hist);
  }
}

/**
 * Endpoint groups kept apart (route templates, ids folded); requests of any further group share
 * one "(other endpoints)" bucket. Each group holds an HDR histogram (~95 KB), so this bounds a
 * run's memory whatever the number of distinct names.
 */
export const MAX_ENDPOINTS = 200;
export const OTHER_ENDPOINTS = '(other endpoints)';
/** Distinct raw names are counted exactly up to this many (as 52-bit hashes), then "more than". */
export const DISTINCT_NAMES_CAP = 250_000;
/** Raw names remembered with their group, so a repeated name costs one map look-up. */
const NAME_CACHE_MAX = 10_000;

/** FNV-1a over the UTF-16 code units, kept to 52 bits so that it is an exact double. */
function hash52(s: string): number {
  let lo = 0x811c9dc5;
  let hi = 0x050c5d1f;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    lo = Math.imul(lo ^ c, 0x01000193) >>> 0;
    hi = Math.imul(hi ^ (c + (lo & 0xff)), 0x01000193) >>> 0;
  }
  return (hi & 0xfffff) * 0x100000000 + lo;
}

/** How many distinct raw names were seen, counted by hash, bounded in memory. */
export class DistinctCounter {
  private readonly seen = new Set<number>();
  overflow = false;

  addName(name: string): void {
    this.addHash(hash52(name));
  }

  private addHash(h: number): void {
    if (this.seen.has(h)) return;
    if (this.seen.size >= DISTINCT_NAMES_CAP) {
      this.overflow = true;
      return;
    }
    this.seen.add(h);
  }

  add(other: DistinctCounter): void {
    for (const h of other.seen) this.addHash(h);
    this.overflow ||= other.overflow;
  }

  get count(): number {
    return this.seen.size;
  }
}

/** Raw samples from one or more files, per endpoint group (route template). */
export class RawAccumulator {
  /** Route template → its samples; at most MAX_ENDPOINTS + 1 entries (with OTHER_ENDPOINTS). */
  readonly endpoints = new Map<string, EndpointAccumulator>();
  /** Requests and active users per second, across endpoints. */
  readonly timeline = new Timeline();
  /** Distinct raw names before ids were folded. */
  readonly names = new DistinctCounter();
  /** Distinct route templates that did not fit (their requests are in OTHER_ENDPOINTS). */
  groupsOverflowed = 0;
  private readonly cache = new Map<string, EndpointAccumulator>();

  /** The group of a raw endpoint name (ids folded into its route template). */
  endpoint(name: string): EndpointAccumulator {
    const hit = this.cache.get(name);
    if (hit) return hit;
    this.names.addName(name);
    const acc = this.group(routeTemplate(name));
    if (this.cache.size >= NAME_CACHE_MAX) this.cache.clear();
    this.cache.set(name, acc);
    return acc;
  }

  /** The accumulator of a route template, or the shared bucket once MAX_ENDPOINTS are kept. */
  private group(template: string): EndpointAccumulator {
    let acc = this.endpoints.get(template);
    if (acc) return acc;
    const full = template !== OTHER_ENDPOINTS && this.endpoints.size - (this.endpoints.has(OTHER_ENDPOINTS) ? 1 : 0) >= MAX_ENDPOINTS;
    const key = full ? OTHER_ENDPOINTS : template;
    if (full) this.groupsOverflowed++;
    acc = this.endpoints.get(key);
    if (!acc) {
      acc = new EndpointAccumulator(this.timeline);
      this.endpoints.set(key, acc);
    }
    return acc;
  }

  /** Adds another file of the same run (another runner): samples, names, and load over time. */
  add(other: RawAccumulator): void {
    for (const [name, acc] of other.endpoints) this.group(name).add(acc);
    this.names.add(other.names);
    this.groupsOverflowed += other.groupsOverflowed;
    this.timeline.add(other.timeline);
  }

  /** When the samples started and ended (epoch ms), null without timestamps; no histogram work. */
  span(): { firstStartMs: number | null; lastEndMs: number | null } {
    let first = Infinity;
    let last = -Infinity;
    for (const acc of this.endpoints.values()) {
      first = Math.min(first, acc.firstStartMs);
      last = Math.max(last, acc.lastEndMs);
    }
    return last >= first ? { firstStartMs: first, lastEndMs: last } : { firstStartMs: null, lastEndMs: null };
  }

  overall(): EndpointAccumulator {
    const all = new EndpointAccumulator();
    for (const acc of this.endpoints.values()) all.add(acc);
    return all;
  }
}

/**
 * Turns an accumulator into stats. One raw file is the measured source of every figure; several
 * merged files make them computed ("loadtest_summary: HDR merge of a, b").
 */
export function statsFromAccumulator(name: string, acc: EndpointAccumulator, files: string[], spanS?: number): EndpointStats {
  const h = acc.hist;
  const one = files.length === 1;
  const what = one ? files[0]! : `loadtest_summary: merge of ${files.join(', ')}`;
  const q = (value: number, unit: Unit): Quantity => (one ? measured(value, unit, files[0]!) : computed(value, unit, what));
  const pct = (p: number) => {
    const v = h.percentileMs(p);
    return v === null ? null : q(significant(v, 6), 'ms');
  };
  const own = acc.lastEndMs > acc.firstStartMs ? (acc.lastEndMs - acc.firstStartMs) / 1000 : null;
  const durationS = spanS ?? own;
  const rate = acc.requests > 0 ? (100 * acc.errors) / acc.requests : 0;
  const mean = h.meanMs();
  return {
    name,
    requests: q(acc.requests, 'count'),
    errors: q(acc.errors, 'count'),
    error_rate: computed(significant(rate, 6), '%', `errors / requests of ${what}`),
    throughput: durationS && durationS > 0 ? computed(significant(acc.requests / durationS, 6), 'req/s', `requests / test span of ${what}`) : null,
    duration: durationS !== null && durationS !== undefined ? q(significant(durationS, 6), 's') : null,
    latency: {
      p50: pct(50),
      p90: pct(90),
      p95: pct(95),
      p99: pct(99),
      max: h.count > 0 ? q(h.maxMs, 'ms') : null,
      mean: mean === null ? null : computed(significant(mean, 6), 'ms', `mean of the samples of ${what}`),
    },
  };
}
