/**
 * The evidence report.html draws, all of it from the tools: the load test's own charts
 * (loadtest_summary), its full-resolution series and percentile spectrum (loadtest_series), the
 * USL fit (capacity_fit), the flame graph (profile_top's call tree), the SLO arithmetic
 * (report/slo-math). Anything unreadable just leaves its chart out, said in the log.
 */
import type { LoadTestResult } from './types.js';
import { profileChart, seriesCharts, sloChart, uslChart } from '../report/html/from-tools.js';
import { type ChartsData, chartsFromLoadTest } from '../report/html/view.js';
import { DEFAULT_SLO } from './baseline.js';
import type { CapacityReading } from './capacity.js';
import type { AuditContext } from './context.js';

/** The run's full-resolution series and spectrum: loadtest_series read page by page, put together as one answer. */
async function wholeSeries(ctx: AuditContext, paths: string[]): Promise<Pick<ChartsData, 'timeline' | 'spectrum'>> {
  const first = await ctx.ace.tool('loadtest_series', { paths });
  const whole = { ...first, series: first.series.map((x) => ({ key: x.key, values: [...x.values] })), t: [...first.t], next_offset: undefined };
  for (let next = first.next_offset; next !== undefined;) {
    const page = await ctx.ace.tool('loadtest_series', { paths, offset: next });
    whole.t.push(...page.t);
    page.series.forEach((x, i) => whole.series[i]!.values.push(...x.values));
    next = page.next_offset;
  }
  return seriesCharts(whole);
}

export interface ChartInputs {
  primary?: LoadTestResult;
  capacity: CapacityReading | null;
  profiles: readonly string[];
}

/** Every chart the evidence supports; a chart whose evidence cannot be read is left out, and said in the log. */
export async function auditCharts(ctx: AuditContext, inputs: ChartInputs): Promise<ChartsData> {
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
    const locust = r.files.some((f) => f.format === 'locust-history' || f.format === 'locust-stats');
    const jtl = r.files.every((f) => f.format === 'jmeter-csv');
    if (locust || jtl)
      await attempt('time series', async () => {
        Object.assign(
          charts,
          await wholeSeries(
            ctx,
            r.files.map((f) => f.path),
          ),
        );
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
