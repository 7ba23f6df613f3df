/**
 * What report.html and the MCP App draw: the report's Markdown and the charts' data, as plain
 * JSON. The builders here are pure (no Node, no DOM): the audit runs them on the evidence, and
 * the app's client runs them on a tool result the host hands it.
 */
import type { ReportLanguage } from '../table.js';
import { downsampleShared } from './lttb.js';

/** Series longer than this are downsampled (largest-triangle-three-buckets). */
export const MAX_POINTS = 2880;

export type TimelineKey = 'p50' | 'p95' | 'p99' | 'rps' | 'errors' | 'users';

/** Load and latency over time: one x axis (seconds since the start), several series. */
export interface TimelineChart {
  source: string;
  t: number[];
  series: { key: TimelineKey; values: (number | null)[] }[];
  /** Set when the series were longer than MAX_POINTS. */
  downsampled?: { from: number; to: number };
}

/** Latency at percentiles, per endpoint: drawn against −log10(1 − p), as HdrHistogram plots. */
export interface SpectrumChart {
  source: string;
  endpoints: { name: string; points: { p: number; ms: number }[] }[];
}

export interface EndpointsChart {
  source: string;
  rows: { name: string; requests: number; errors: number; p95: number | null }[];
}

export interface UslChart {
  source: string;
  points: { n: number; x: number }[];
  sigma: number;
  kappa: number;
  lambda: number;
  r2: number;
  /** N* = √((1 − σ)/κ), null when κ = 0. */
  peak: number | null;
  /** Where efficiency X(N)/(λN) falls to one half: σ(N − 1) + κN(N − 1) = 1. */
  knee: number | null;
  /** The fitted curve X(N), sampled from N = 1 past the measured range (and N*, the knee when near). */
  curve: { n: number; x: number }[];
}

/** A call tree for a flame graph: `v` total weight, `s` self weight, `c` children. */
export interface FlameNode {
  name: string;
  v: number;
  s: number;
  c?: FlameNode[];
}

export interface ProfileChart {
  source: string;
  unit: string;
  root: FlameNode;
  /** Nodes drawn (after small frames were folded away). */
  nodes: number;
  top: { name: string; location: string | null; self: number; share: number }[];
  note?: string;
}

export interface SloChart {
  source: string;
  objective: number;
  windowDays: number;
  errorRatio: number;
  burnRate: number;
  /** Fraction of the window's budget spent by the observed period, when it is known. */
  consumed: number | null;
  observedHours: number | null;
  alerts: { long: string; short: string; burnRate: number; severity: string }[];
}

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'inconclusive';

/** Each change with its confidence interval against the noise band (a forest plot). */
export interface ChangesChart {
  source: string;
  thresholdPct: number;
  rows: { endpoint: string; metric: string; change: number; ci: [number, number] | null; verdict: Verdict }[];
}

/**
 * BEFORE/AFTER overlays, filled in when a comparison exists (a compare_runs result): the same
 * kinds as above, one for each side, drawn on the same axes; and the changes with their intervals.
 */
export interface ComparisonChart {
  source: string;
  labels: { before: string; after: string };
  changes?: ChangesChart;
  spectrum?: { before: SpectrumChart; after: SpectrumChart };
  timeline?: { before: TimelineChart; after: TimelineChart };
  endpoints?: { before: EndpointsChart; after: EndpointsChart };
}

export interface ChartsData {
  timeline?: TimelineChart;
  spectrum?: SpectrumChart;
  endpoints?: EndpointsChart;
  usl?: UslChart;
  profile?: ProfileChart;
  slo?: SloChart;
  comparison?: ComparisonChart;
}

export interface ReportView {
  language: ReportLanguage;
  title: string;
  /** The assembled report (tables, their sources as footnotes). */
  markdown: string;
  charts: ChartsData;
}

/** The parts of a loadtest_summary result (the analysers' LoadTestResult) the charts read. */
interface Value {
  value: number;
}
export interface EndpointStats {
  name: string;
  requests: Value;
  errors: Value;
  latency: Record<'p50' | 'p90' | 'p95' | 'p99' | 'max', Value | null>;
}
export interface HistoryPoint {
  t: number;
  users: number;
  rps: number;
  p95_ms: number | null;
}
export interface LoadTestResult {
  files: { path: string }[];
  overall: EndpointStats;
  endpoints: EndpointStats[];
  history: HistoryPoint[];
}

const fileList = (r: LoadTestResult) => r.files.map((f) => f.path).join(', ');

/** A timeline from series given in full; downsampled past MAX_POINTS. */
export function timelineChart(source: string, t: number[], series: TimelineChart['series']): TimelineChart {
  const kept = series.filter((s) => s.values.some((v) => v !== null));
  if (t.length <= MAX_POINTS) return { source, t, series: kept };
  const idx = downsampleShared(
    t,
    kept.map((s) => s.values),
    MAX_POINTS,
  );
  return {
    source,
    t: idx.map((i) => t[i]!),
    series: kept.map((s) => ({ key: s.key, values: idx.map((i) => s.values[i] ?? null) })),
    downsampled: { from: t.length, to: idx.length },
  };
}

/** The timeline a result's own history gives (users, requests/s, P95 where the tool had it). */
export function timelineFromHistory(source: string, history: readonly HistoryPoint[]): TimelineChart | undefined {
  if (history.length < 2) return undefined;
  return timelineChart(
    source,
    history.map((h) => h.t),
    [
      { key: 'p95', values: history.map((h) => h.p95_ms) },
      { key: 'rps', values: history.map((h) => h.rps) },
      { key: 'users', values: history.map((h) => h.users) },
    ],
  );
}

/** The percentiles an endpoint's stats hold (P50, P90, P95, P99, max as 100). */
export function spectrumFromStats(e: EndpointStats): { p: number; ms: number }[] {
  const l = e.latency;
  const at: [number, { value: number } | null][] = [
    [50, l.p50],
    [90, l.p90],
    [95, l.p95],
    [99, l.p99],
    [100, l.max],
  ];
  return at.filter((x): x is [number, { value: number }] => x[1] !== null).map(([p, q]) => ({ p, ms: q.value }));
}

export function endpointsChart(r: LoadTestResult): EndpointsChart | undefined {
  if (r.endpoints.length === 0) return undefined;
  return {
    source: fileList(r),
    rows: r.endpoints.map((e) => ({ name: e.name, requests: e.requests.value, errors: e.errors.value, p95: e.latency.p95?.value ?? null })),
  };
}

/** What one load-test result shows by itself (the loadtest_summary tool's result). */
export function chartsFromLoadTest(r: LoadTestResult): ChartsData {
  const charts: ChartsData = {};
  const timeline = timelineFromHistory(fileList(r), r.history);
  if (timeline) charts.timeline = timeline;
  const endpoints = r.endpoints.length > 0 ? r.endpoints : [r.overall];
  const spectrum = endpoints.map((e) => ({ name: e.name, points: spectrumFromStats(e) })).filter((e) => e.points.length >= 2);
  if (spectrum.length > 0) charts.spectrum = { source: fileList(r), endpoints: spectrum };
  const bars = endpointsChart(r);
  if (bars) charts.endpoints = bars;
  return charts;
}

/** The parts of a compare_runs result the charts read. */
export interface ComparisonResult {
  verdict: Verdict;
  metrics: {
    endpoint: string;
    metric: string;
    before: number | null;
    after: number | null;
    change_pct: number | null;
    ci_pct: [number, number] | null;
    verdict: Verdict;
    requests?: { before: number; after: number };
  }[];
  threshold_pct: number;
  computed: string;
  sources: { before: { path: string }[]; after: { path: string }[] };
}

/** A long list of files as its first few and a count ("a/run1.csv, a/run2.csv and 22 more files"). */
export function fileSummary(paths: readonly string[], shown = 3): string {
  if (paths.length <= shown + 1) return paths.join(', ');
  return `${paths.slice(0, shown).join(', ')} and ${paths.length - shown} more files`;
}

const PERCENTILES: [string, number][] = [
  ['p50', 50],
  ['p90', 90],
  ['p95', 95],
  ['p99', 99],
  ['max', 100],
];
/** Rows of the changes chart: the overall latencies and throughput, then each endpoint's P95. */
const OVERALL_CHANGES = ['p50', 'p95', 'p99', 'throughput'];
const MAX_COMPARED_ENDPOINTS = 12;

/** A compare_runs result as BEFORE/AFTER charts: changes with intervals, percentile spectra and endpoints side by side. */
export function chartsFromComparison(r: ComparisonResult): ChartsData {
  const byEndpoint = new Map<string, Map<string, ComparisonResult['metrics'][number]>>();
  for (const m of r.metrics) {
    const metrics = byEndpoint.get(m.endpoint) ?? new Map();
    metrics.set(m.metric, m);
    byEndpoint.set(m.endpoint, metrics);
  }
  const named = [...byEndpoint.keys()].filter((e) => e !== '*').slice(0, MAX_COMPARED_ENDPOINTS);
  const changeRows = [...OVERALL_CHANGES.map((metric) => byEndpoint.get('*')?.get(metric)), ...named.map((e) => byEndpoint.get(e)?.get('p95'))].filter(
    (m): m is ComparisonResult['metrics'][number] & { change_pct: number } => m !== undefined && m.change_pct !== null,
  );
  const side = (which: 'before' | 'after') => {
    const files = fileSummary(r.sources[which].map((f) => f.path));
    const spectrumOf = (endpoint: string) =>
      PERCENTILES.flatMap(([metric, p]) => {
        const v = byEndpoint.get(endpoint)?.get(metric)?.[which];
        return v === null || v === undefined ? [] : [{ p, ms: v }];
      });
    const spectra = (named.length > 0 ? named : ['*']).map((name) => ({ name, points: spectrumOf(name) })).filter((e) => e.points.length >= 2);
    // Request counts come with raw and summary comparisons; a comparison of runs has none to draw.
    const rows = named.flatMap((name) => {
      const m = byEndpoint.get(name)!;
      const requests = [...m.values()].find((x) => x.requests)?.requests?.[which];
      if (requests === undefined) return [];
      const rate = m.get('error_rate')?.[which] ?? 0;
      return [{ name, requests, errors: Math.round((rate / 100) * requests), p95: m.get('p95')?.[which] ?? null }];
    });
    return { spectrum: { source: files, endpoints: spectra }, endpoints: { source: files, rows } };
  };
  const before = side('before');
  const after = side('after');
  const source = `compare_runs: BEFORE ${before.spectrum.source} vs AFTER ${after.spectrum.source}`;
  const comparison: ComparisonChart = { source, labels: { before: 'before', after: 'after' } };
  if (changeRows.length > 0)
    comparison.changes = {
      source,
      thresholdPct: r.threshold_pct,
      rows: changeRows.map((m) => ({ endpoint: m.endpoint, metric: m.metric, change: m.change_pct, ci: m.ci_pct, verdict: m.verdict })),
    };
  if (before.spectrum.endpoints.length > 0 && after.spectrum.endpoints.length > 0) comparison.spectrum = { before: before.spectrum, after: after.spectrum };
  if (before.endpoints.rows.length > 0 && after.endpoints.rows.length > 0) comparison.endpoints = { before: before.endpoints, after: after.endpoints };
  return { comparison };
}
