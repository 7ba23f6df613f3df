/**
 * Charts from tool results: what a session's calls of loadtest_summary, loadtest_series,
 * compare_runs, capacity_fit, slo_math and profile_top returned is enough to draw report.html's charts (`ace run`), with
 * the same pure builders as the audit and the MCP App. Types are the parts of the tools'
 * output schemas the charts read.
 */
import { BURN_RATE_ALERTS, sloMath } from '../slo-math.js';
import { type FlatFrame, unflattenFlame } from './flame.js';
import {
  type ChartsData,
  chartsFromComparison,
  chartsFromLoadTest,
  type ComparisonResult,
  type LoadTestResult,
  type ProfileChart,
  type SloChart,
  type SpectrumChart,
  type TimelineChart,
  type UslChart,
} from './view.js';

/** The parts of capacity_fit's `usl` the chart reads. */
export interface UslFitResult {
  points: { concurrency: number; throughput: number }[];
  sigma: number;
  kappa: number;
  lambda: number;
  r_squared: number;
  peak_concurrency: { value: number } | null;
  knee: number | null;
  curve: { concurrency: number; throughput: number }[];
}

/** The fit's chart: measured points, N*, the knee and the sampled curve, as capacity_fit returns them. */
export function uslChart(source: string, fit: UslFitResult): UslChart {
  return {
    source,
    points: fit.points.map((p) => ({ n: p.concurrency, x: p.throughput })),
    sigma: fit.sigma,
    kappa: fit.kappa,
    lambda: fit.lambda,
    r2: fit.r_squared,
    peak: fit.peak_concurrency?.value ?? null,
    knee: fit.knee,
    curve: fit.curve.map((p) => ({ n: p.concurrency, x: p.throughput })),
  };
}

/** The error budget and burn rate of an availability SLO at an observed error rate (percent), with the multi-window alerts. */
export function sloChart(source: string, input: { objective: number; windowDays: number; errorRatePercent: number; durationS: number | null }): SloChart {
  const observedHours = input.durationS !== null && input.durationS > 0 ? Math.min(input.durationS / 3600, input.windowDays * 24) : undefined;
  const m = sloMath({
    slo: input.objective,
    windowDays: input.windowDays,
    errorRatio: Math.min(1, input.errorRatePercent / 100),
    ...(observedHours !== undefined ? { observedHours } : {}),
  });
  return {
    source,
    objective: input.objective,
    windowDays: input.windowDays,
    errorRatio: m.error_ratio,
    burnRate: m.burn_rate,
    consumed: m.budget_consumed_ratio,
    observedHours: observedHours ?? null,
    alerts: BURN_RATE_ALERTS.map((a) => ({ long: a.long, short: a.short, burnRate: a.burnRate, severity: a.severity })),
  };
}

/** The parts of a profile_top result (called with call_tree) the flame graph reads. */
export interface ProfileTopResult {
  path: string;
  unit: string;
  by_self: { function: string; location: string | null; self: number; self_share: number }[];
  call_tree?: { unit: string; frames: FlatFrame[]; note: string };
}

/** The flame graph of a profile_top result with its call tree, and its top functions by self time. */
export function profileChart(r: ProfileTopResult): ProfileChart | undefined {
  if (!r.call_tree || r.call_tree.frames.length < 2) return undefined;
  return {
    source: r.path,
    unit: r.call_tree.unit,
    root: unflattenFlame(r.call_tree.frames),
    nodes: r.call_tree.frames.length,
    top: r.by_self.slice(0, 10).map((f) => ({ name: f.function, location: f.location, self: f.self, share: f.self_share })),
    note: r.call_tree.note,
  };
}

/** The parts of a loadtest_series page the charts read. */
export interface SeriesPage {
  source: string;
  offset: number;
  next_offset?: number;
  downsampled?: { from: number; to: number };
  t: number[];
  series: TimelineChart['series'];
  spectrum: SpectrumChart | null;
}

/** A whole run's series (a loadtest_series answer of one page: offset 0, nothing after) as its charts. */
export function seriesCharts(page: SeriesPage): Pick<ChartsData, 'timeline' | 'spectrum'> {
  const out: Pick<ChartsData, 'timeline' | 'spectrum'> = {};
  if (page.offset !== 0 || page.next_offset !== undefined) return out;
  if (page.t.length >= 2)
    out.timeline = { source: page.source, t: page.t, series: page.series, ...(page.downsampled ? { downsampled: page.downsampled } : {}) };
  if (page.spectrum && page.spectrum.endpoints.length > 0) out.spectrum = page.spectrum;
  return out;
}

/** A tool call of the session: its name and structured result. */
export interface ToolResultRecord {
  name: string;
  content: Record<string, unknown>;
}

const SLO_WINDOW_DEFAULT_DAYS = 30;

/**
 * The charts a session's tool results support: the busiest load-test result's timeline, spectrum
 * and endpoints; the last comparison; the last USL fit; the last SLO arithmetic; the last profile
 * read with its call tree. A later call of
 * the same tool replaces an earlier one (the model refines its calls).
 */
export function chartsFromToolResults(records: readonly ToolResultRecord[]): ChartsData {
  const charts: ChartsData = {};
  const last = (name: string) => [...records].reverse().find((r) => r.name === name)?.content;
  const loadResults = records.filter((r) => r.name === 'loadtest_summary').flatMap((r) => (r.content.results as LoadTestResult[] | undefined) ?? []);
  const primary = [...loadResults].sort((a, b) => b.overall.requests.value - a.overall.requests.value)[0];
  if (primary) Object.assign(charts, chartsFromLoadTest(primary));
  const series = last('loadtest_series') as SeriesPage | undefined;
  if (series) Object.assign(charts, seriesCharts(series));
  const comparison = last('compare_runs') as ComparisonResult | undefined;
  if (comparison?.metrics) Object.assign(charts, chartsFromComparison(comparison));
  const fit = last('capacity_fit') as { usl?: UslFitResult | null; source?: string } | undefined;
  if (fit?.usl) charts.usl = uslChart(primary ? primary.files.map((f) => f.path).join(', ') : 'capacity_fit', fit.usl);
  const slo = last('slo_math') as { slo_percent: number; window_days?: number; error_rate: { value: number } } | undefined;
  if (slo && Number.isFinite(slo.slo_percent) && Number.isFinite(slo.error_rate?.value))
    charts.slo = sloChart('slo_math', {
      objective: slo.slo_percent,
      windowDays: slo.window_days ?? SLO_WINDOW_DEFAULT_DAYS,
      errorRatePercent: slo.error_rate.value,
      durationS: null,
    });
  const profile = [...records].reverse().find((r) => r.name === 'profile_top' && r.content.call_tree)?.content;
  if (profile) {
    const chart = profileChart(profile as unknown as ProfileTopResult);
    if (chart) charts.profile = chart;
  }
  return charts;
}
