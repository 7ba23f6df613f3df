/**
 * What report.html's load charts draw at full resolution, which loadtest_summary's result (120
 * history points, five percentiles) does not carry: every second of load over time with
 * P50/P95/P99 and failures (Locust's history file; a JMeter CSV run's second-by-second timeline),
 * and the percentile spectrum per endpoint (Locust's percentile columns; a raw run's HDR
 * histograms, log-spaced towards P99.999). The loadtest_series tool pages through it.
 */
import { readAllText } from '../bytes.js';
import { timelineChart, type SpectrumChart, type TimelineChart } from '../../report/html/view.js';
import { detectLoadTestFormat } from './detect.js';
import type { LoadTestInput } from './index.js';
import { parseJmeterCsv } from './jmeter.js';
import { parseCsvText, parseLocustHistory } from './locust.js';
import { RawAccumulator } from './model.js';

export interface ChartSeries {
  timeline?: TimelineChart;
  spectrum?: SpectrumChart;
}

const TEXT_MAX_BYTES = 64 * 1024 * 1024;
/** Percentiles read from a histogram for the spectrum: log-spaced towards 99.999. */
const SPECTRUM_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 100];
/** Locust's percentile columns. */
const LOCUST_PERCENTILES = ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%'];

const text = (input: LoadTestInput, signal?: AbortSignal) => readAllText(input.open(), TEXT_MAX_BYTES, { signal, maxBytes: TEXT_MAX_BYTES, what: input.path });

const num = (s: string | undefined): number | null => {
  if (s === undefined || s.trim() === '' || s.trim() === 'N/A') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

/**
 * Locust's history, every Aggregated row (loadtest_summary keeps 120): time, users, requests/s
 * and P95 as parseLocustHistory reads them (throughput from the cumulative count, not Locust's
 * moving average), with P50, P99 and errors/s (from the cumulative failure count) beside them.
 */
export function locustTimeline(rel: string, csv: string): TimelineChart | undefined {
  const history = parseLocustHistory(csv, rel).history;
  const { header, rows } = parseCsvText(csv);
  const col = (name: string) => header.findIndex((h) => h.trim() === name);
  const [ts, name, p50, p99, fails] = ['Timestamp', 'Name', '50%', '99%', 'Total Failure Count'].map(col) as [number, number, number, number, number];
  const agg = rows.map((r) => r.fields).filter((f) => f[name] === 'Aggregated' && num(f[ts]) !== null);
  if (history.length < 2 || agg.length !== history.length) return undefined;
  const errors = agg.map((f, i) => {
    if (i === 0 || fails < 0) return i === 0 ? 0 : null;
    const dt = num(f[ts])! - num(agg[i - 1]![ts])!;
    const df = (num(f[fails]) ?? 0) - (num(agg[i - 1]![fails]) ?? 0);
    return dt > 0 ? df / dt : 0;
  });
  const at = (i: number) => agg.map((f) => (i < 0 ? null : num(f[i])));
  return timelineChart(
    rel,
    history.map((h) => h.t),
    [
      { key: 'p50', values: at(p50) },
      { key: 'p95', values: history.map((h) => h.p95_ms) },
      { key: 'p99', values: at(p99) },
      { key: 'rps', values: history.map((h) => h.rps) },
      { key: 'errors', values: errors },
      { key: 'users', values: history.map((h) => h.users) },
    ],
  );
}

/** Locust's stats: each endpoint's percentile columns, P50 to the maximum. */
export function locustSpectrum(rel: string, csv: string): SpectrumChart | undefined {
  const { header, rows } = parseCsvText(csv);
  const col = (name: string) => header.findIndex((h) => h.trim() === name);
  const type = col('Type');
  const name = col('Name');
  const endpoints = rows
    .filter((r) => r.fields[name] !== 'Aggregated')
    .map((r) => ({
      name: [r.fields[type] ?? '', r.fields[name] ?? ''].filter(Boolean).join(' '),
      points: LOCUST_PERCENTILES.map((c) => ({ p: Number.parseFloat(c), ms: num(r.fields[col(c)]) })).filter(
        (x): x is { p: number; ms: number } => x.ms !== null,
      ),
    }))
    .filter((e) => e.points.length >= 2);
  return endpoints.length > 0 ? { source: rel, endpoints } : undefined;
}

/** A raw run (JMeter CSV files of one run) read again: its full timeline and every endpoint's histogram. */
async function rawCharts(inputs: readonly LoadTestInput[], signal?: AbortSignal): Promise<ChartSeries> {
  const acc = new RawAccumulator();
  for (const input of inputs) {
    const parsed = await parseJmeterCsv(input.open(), { signal });
    for (const run of parsed.runs) acc.add(run);
  }
  const source = inputs.map((f) => f.path).join(', ');
  const history = acc.timeline.history();
  const out: ChartSeries = {};
  if (history.length >= 2) {
    out.timeline = timelineChart(
      source,
      history.map((h) => h.t),
      [
        { key: 'rps', values: history.map((h) => h.rps) },
        { key: 'users', values: history.map((h) => h.users) },
      ],
    );
  }
  const endpoints = [...acc.endpoints.entries()]
    .sort((a, b) => b[1].requests - a[1].requests)
    .slice(0, 12)
    .map(([name, e]) => ({
      name,
      points: SPECTRUM_PERCENTILES.map((p) => ({ p, ms: e.hist.percentileMs(p) })).filter((x): x is { p: number; ms: number } => x.ms !== null),
    }));
  if (endpoints.length > 0) out.spectrum = { source, endpoints };
  return out;
}

/**
 * The full-resolution charts of one run's files: a Locust run's history and stats files, or the
 * JMeter CSV files of one raw run; {} for anything else (the summary's own charts stand).
 */
export async function chartSeries(inputs: readonly LoadTestInput[], signal?: AbortSignal): Promise<ChartSeries> {
  const formats = inputs.map((i) => ({ input: i, format: detectLoadTestFormat(i.path, i.head) }));
  const history = formats.find((f) => f.format === 'locust-history')?.input;
  const stats = formats.find((f) => f.format === 'locust-stats')?.input;
  const out: ChartSeries = {};
  if (history) {
    const timeline = locustTimeline(history.path, await text(history, signal));
    if (timeline) out.timeline = timeline;
  }
  if (stats) {
    const spectrum = locustSpectrum(stats.path, await text(stats, signal));
    if (spectrum) out.spectrum = spectrum;
  }
  const jtl = formats.filter((f) => f.format === 'jmeter-csv').map((f) => f.input);
  if (jtl.length > 0 && jtl.length === inputs.length) Object.assign(out, await rawCharts(jtl, signal));
  return out;
}
