/**
 * The evidence report.html draws. From the tools: the load test's own charts (loadtest_summary),
 * the USL fit (capacity_fit), the flame graph (profile_top's call tree). Read again where the
 * tools' results do not carry it yet: the full load-over-time series with P50/P95/P99 and
 * failures (Locust's history file; a raw run's second-by-second timeline) and the percentile
 * spectrum per endpoint (Locust's percentile columns, a raw run's HDR histograms), through the
 * analysers' public functions and the sandbox. Anything unreadable just leaves its chart out.
 */
import { readAllText } from '../analysers/bytes.js';
import { parseJmeterCsv } from '../analysers/loadtest/jmeter.js';
import { parseCsvText, parseLocustHistory } from '../analysers/loadtest/locust.js';
import { RawAccumulator } from '../analysers/loadtest/model.js';
import type { LoadTestResult } from './types.js';
import { profileChart, sloChart, uslChart } from '../report/html/from-tools.js';
import { type ChartsData, chartsFromLoadTest, type SpectrumChart, type TimelineChart, timelineChart } from '../report/html/view.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { DEFAULT_SLO } from './baseline.js';
import type { CapacityReading } from './capacity.js';
import type { AuditContext } from './context.js';

const TEXT_MAX_BYTES = 64 * 1024 * 1024;
/** Percentiles read from a histogram for the spectrum: log-spaced towards 99.999. */
const SPECTRUM_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 99.995, 99.999, 100];
/** Locust's percentile columns. */
const LOCUST_PERCENTILES = ['50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%', '99.9%', '99.99%', '100%'];

async function text(sandbox: Sandbox, rel: string): Promise<string> {
  const file = await sandbox.resolve(rel, 'file');
  return readAllText(sandbox.chunks(file), TEXT_MAX_BYTES);
}

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

/** A raw run (JMeter CSV) read again: its full timeline and every endpoint's histogram. */
async function rawCharts(sandbox: Sandbox, r: LoadTestResult): Promise<Pick<ChartsData, 'timeline' | 'spectrum'>> {
  if (!r.files.every((f) => f.format === 'jmeter-csv')) return {};
  const acc = new RawAccumulator();
  for (const f of r.files) {
    const file = await sandbox.resolve(f.path, 'file');
    const parsed = await parseJmeterCsv(sandbox.chunks(file));
    for (const run of parsed.runs) acc.add(run);
  }
  const source = r.files.map((f) => f.path).join(', ');
  const history = acc.timeline.history();
  const out: Pick<ChartsData, 'timeline' | 'spectrum'> = {};
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

export interface ChartInputs {
  primary?: LoadTestResult;
  capacity: CapacityReading | null;
  profiles: readonly string[];
}

/** Every chart the evidence supports; a chart whose evidence cannot be read is left out, and said in the log. */
export async function auditCharts(ctx: AuditContext, sandbox: Sandbox, inputs: ChartInputs): Promise<ChartsData> {
  const charts: ChartsData = {};
  const attempt = async (what: string, step: () => Promise<void>) => {
    try {
      await step();
    } catch (err) {
      ctx.log.push(`html: ${what} chart left out: ${(err as Error).message}`);
    }
  };
  const r = inputs.primary;
  if (r) {
    Object.assign(charts, chartsFromLoadTest(r));
    const history = r.files.find((f) => f.format === 'locust-history')?.path;
    const stats = r.files.find((f) => f.format === 'locust-stats')?.path;
    if (history)
      await attempt('timeline', async () => {
        const t = locustTimeline(history, await text(sandbox, history));
        if (t) charts.timeline = t;
      });
    if (stats)
      await attempt('percentile spectrum', async () => {
        const s = locustSpectrum(stats, await text(sandbox, stats));
        if (s) charts.spectrum = s;
      });
    if (r.mergeable)
      await attempt('raw run', async () => {
        Object.assign(charts, await rawCharts(sandbox, r));
      });
    const source = r.files.map((f) => f.path).join(', ');
    charts.slo = sloChart(source, {
      objective: DEFAULT_SLO.objective,
      windowDays: DEFAULT_SLO.windowDays,
      errorRatePercent: r.overall.error_rate.value,
      durationS: r.overall.duration?.value ?? null,
    });
  }
  if (inputs.capacity) {
    const usl = inputs.capacity.usl;
    charts.usl = uslChart(r ? r.files.map((f) => f.path).join(', ') : 'capacity_fit', usl);
  }
  // The flame graph of the first profile, a .cpuprofile when there is one (any format profile_top reads).
  const first = inputs.profiles.find((p) => /\.cpuprofile(\.gz)?$/i.test(p)) ?? inputs.profiles[0];
  if (first)
    await attempt('flame graph', async () => {
      const p = profileChart(await ctx.ace.tool('profile_top', { path: first, limit: 15, call_tree: true }));
      if (p) charts.profile = p;
    });
  return charts;
}
