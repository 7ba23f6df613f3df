/**
 * Phases 1 and 7 from production instead of a load test (`ace audit --prometheus NAME --service S`):
 * metrics_red_baseline gives the current-metrics table (throughput, error ratio, P50/P95/P99 per
 * endpoint over the window), and the SLO dashboard reads the error budget actually consumed over
 * that window; the burn-rate rules use the service's real counter, selector and status label.
 */
import type { ToolResult } from '../server/typed-client.js';
import { DEFAULT_SLO, emitBaseline, ENDPOINT_ROWS, statRows } from './baseline.js';
import { type AuditContext } from './context.js';
import { alertRows, dashboardRows } from './monitoring.js';
import { significant } from '../numbers.js';

export type RedBaseline = ToolResult<'metrics_red_baseline'>;
type RedEndpoint = RedBaseline['endpoints'][number];

export interface ProductionOptions {
  source: string;
  service: string;
  window: string;
}

export async function readProduction(ctx: AuditContext, options: ProductionOptions): Promise<RedBaseline> {
  const red = await ctx.ace.tool('metrics_red_baseline', { source: options.source, service: options.service, window: options.window });
  const histogram = red.metrics.histogram ? `${red.metrics.histogram.kind} histogram ${red.metrics.histogram.name}` : 'no latency histogram';
  ctx.log.push(`production: {${red.selector}} @ ${red.source}, ${red.window} to ${red.end} (${red.metrics.counter}, ${histogram})`);
  for (const e of red.endpoints) {
    const p = e.latency;
    if (!p) continue;
    const bucket = (q: typeof p.p95) => (q.value ? `${q.value.value} ms in (${q.bucket_lower_ms ?? '-Inf'}, ${q.bucket_upper_ms ?? '+Inf'}]` : 'n/a');
    ctx.log.push(`production ${e.name}: P50 ${bucket(p.p50)}, P95 ${bucket(p.p95)}, P99 ${bucket(p.p99)} ms (histogram buckets: the uncertainty)`);
  }
  return red;
}

function rowStats(e: RedEndpoint) {
  const q = (p: NonNullable<RedEndpoint['latency']>['p50'] | undefined) => p?.value ?? null;
  return {
    latency: { p50: q(e.latency?.p50), p95: q(e.latency?.p95), p99: q(e.latency?.p99) },
    throughput: e.throughput,
    // A window without traffic has no ratio: 0 % of nothing, sourced as the query that found nothing.
    error_rate: e.error_ratio ?? { ...e.throughput, value: 0, unit: '%' as const },
  };
}

/** Phase 1: the whole service, then the busiest endpoints, from production. */
export async function auditProductionBaseline(ctx: AuditContext, red: RedBaseline): Promise<void> {
  const [overall, ...endpoints] = red.endpoints;
  if (!overall) throw new Error(`metrics_red_baseline: no traffic for {${red.selector}} in the window`);
  const rows = statRows(rowStats(overall), undefined, ctx.language);
  for (const e of endpoints.slice(0, ENDPOINT_ROWS)) rows.push(...statRows(rowStats(e), e.name, ctx.language));
  await emitBaseline(ctx, rows);
}

/** Phase 7 from production: the budget consumed over the real window, and rules on the real metric names. */
export async function auditProductionMonitoring(ctx: AuditContext, red: RedBaseline, profileFormats: readonly string[]): Promise<string> {
  const windowDays = DEFAULT_SLO.windowDays;
  const overall = red.endpoints[0]!;
  const observed = overall.error_ratio ?? { ...overall.throughput, value: 0, unit: '%' as const };
  const elapsedDays = Math.min(windowDays, significant(red.window_seconds / 86_400, 3));
  await ctx.ace.call('emit_slo_dashboard', { rows: [{ service: ctx.service, observedErrorRate: observed, windowDays, elapsedDays }] });
  const rules = await ctx.ace.tool('slo_alert_rules', {
    service: ctx.service,
    slo: significant(DEFAULT_SLO.objective / 100, 12),
    window_days: windowDays,
    selector: red.selector,
    total_metric: red.metrics.counter,
    error_matcher: red.metrics.errorMatcher,
  });
  await ctx.ace.call('emit_alerting_rules', { rows: alertRows(rules.alerts, windowDays, ctx.language) });
  await ctx.ace.call('emit_dashboard', {
    rows: dashboardRows(
      red.endpoints.slice(1).map((e) => e.name),
      profileFormats,
      ctx.language,
    ),
  });
  ctx.log.push(
    `SLO: ${DEFAULT_SLO.objective} % over ${windowDays} d against the ${significant(observed.value, 4)} % error ratio measured in production over ${red.window}; ${rules.alerts.length} burn-rate alerts on ${red.metrics.counter}{${red.selector}}`,
  );
  ctx.judgement.push(
    `the SLO dashboard counts the budget consumed over the ${red.window} window measured (${elapsedDays} of ${windowDays} days): widen --window to the SLO's own window when Prometheus keeps that much`,
    "the dashboard's business panel, and the tool choice, are for the team to decide",
  );
  return rules.yaml;
}
