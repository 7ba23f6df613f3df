/**
 * Phase 1 from the load tests: the current-metrics table of the primary result (its measured
 * figures against default targets, for the whole service then per endpoint) and a default
 * availability SLO.
 */
import type { EndpointStats, LoadTestResult } from './types.js';
import { type ReportLanguage, inLanguage } from '../report/headings.js';
import { type AuditContext, judged } from './context.js';
import { endpointTitle } from './endpoints.js';

/** Default targets, each printed as "needs judgement". */
export const DEFAULT_TARGETS = { p50: 100, p95: 200, p99: 500, errorRatePercent: 0.1 } as const;
/** Default availability objective (percent) and window (days). */
export const DEFAULT_SLO = { objective: 99.9, windowDays: 30 } as const;

/** The result the baseline comes from: one with a P95 (wrk and autocannon have none), then the busiest. */
export function primaryResult(results: readonly LoadTestResult[]): LoadTestResult {
  return [...results].sort(
    (a, b) => Number(!!b.overall.latency.p95) - Number(!!a.overall.latency.p95) || b.overall.requests.value - a.overall.requests.value,
  )[0]!;
}

/** Endpoints given their own rows at most (the busiest, then any other with errors). */
export const ENDPOINT_ROWS = 8;

/** The endpoints worth a row: the busiest, plus every endpoint with errors, at most ENDPOINT_ROWS. */
export function rowEndpoints(r: LoadTestResult): EndpointStats[] {
  if (r.endpoints.length < 2) return [];
  const busiest = [...r.endpoints].sort((a, b) => b.requests.value - a.requests.value);
  const failing = busiest.filter((e) => e.errors.value > 0);
  const chosen = [...failing, ...busiest.filter((e) => e.errors.value === 0)].slice(0, ENDPOINT_ROWS);
  return busiest.filter((e) => chosen.includes(e));
}

export function metricRows(r: LoadTestResult, language: ReportLanguage = 'en') {
  const used = new Set<string>();
  const rows = statRows(r.overall, undefined, language);
  for (const e of rowEndpoints(r)) {
    const title = endpointTitle(e.name);
    if (used.has(title)) continue;
    used.add(title);
    rows.push(...statRows(e, title, language));
  }
  return rows;
}

/** What a row of the table needs: a load test's endpoint, or a production RED baseline's (metrics_red_baseline). */
export type RowStats = {
  latency: Pick<EndpointStats['latency'], 'p50' | 'p95' | 'p99'>;
  throughput: EndpointStats['throughput'];
  error_rate: EndpointStats['error_rate'];
};

export function statRows(o: RowStats, endpoint: string | undefined, language: ReportLanguage) {
  const rows: Record<string, unknown>[] = [];
  const at = endpoint ? { endpoint } : {};
  const latency = (metric: string, q: EndpointStats['latency']['p50'], target: number) => {
    if (!q) return;
    rows.push({
      metric,
      ...at,
      current: q,
      target: { comparator: '<', value: target, unit: 'ms', source: judged(`${target} ms`, language) },
      criticality: q.value > target ? 'high' : 'ok',
    });
  };
  latency('latency_p50', o.latency.p50, DEFAULT_TARGETS.p50);
  latency('latency_p95', o.latency.p95, DEFAULT_TARGETS.p95);
  latency('latency_p99', o.latency.p99, DEFAULT_TARGETS.p99);
  if (o.throughput) {
    rows.push({
      metric: 'throughput',
      ...at,
      current: o.throughput,
      target: {
        comparator: '>=',
        value: o.throughput.value,
        unit: 'req/s',
        source: judged(inLanguage(language, { fr: 'tenir le debit mesure', en: 'hold the measured rate' }), language),
      },
      criticality: 'ok',
    });
  }
  const maxErrors = DEFAULT_TARGETS.errorRatePercent;
  rows.push({
    metric: 'error_rate',
    ...at,
    current: o.error_rate,
    target: {
      comparator: '<',
      value: maxErrors,
      unit: '%',
      source: judged(
        inLanguage(language, { fr: `${maxErrors} %, un SLO de ${DEFAULT_SLO.objective} %`, en: `${maxErrors} %, a ${DEFAULT_SLO.objective} % SLO` }),
        language,
      ),
    },
    criticality: o.error_rate.value > 10 * maxErrors ? 'critical' : o.error_rate.value > maxErrors ? 'high' : 'ok',
  });
  return rows;
}

export async function auditBaseline(ctx: AuditContext, primary: LoadTestResult): Promise<void> {
  await emitBaseline(ctx, metricRows(primary, ctx.language));
}

/** The current-metrics table from `rows`, and the default availability SLO. */
export async function emitBaseline(ctx: AuditContext, rows: Record<string, unknown>[]): Promise<void> {
  await ctx.ace.call('emit_current_metrics', { rows });
  await ctx.ace.call('emit_slos', {
    rows: [
      {
        service: ctx.service,
        sli: inLanguage(ctx.language, { fr: 'Disponibilite', en: 'Availability' }),
        objective: DEFAULT_SLO.objective,
        windowDays: DEFAULT_SLO.windowDays,
      },
    ],
  });
  ctx.judgement.push(
    `targets of the current-metrics table and the ${DEFAULT_SLO.objective} % availability objective are defaults: set them from the business need`,
  );
}
