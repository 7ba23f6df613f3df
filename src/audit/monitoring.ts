/**
 * Phase 7 from the availability SLO and the load test's error rate: the SLO dashboard (budget
 * remaining, burn rate, time to exhaustion), the SRE Workbook's multi-window, multi-burn-rate
 * alerts (from `slo_alert_rules`, whose Prometheus rules go next to the report) and the
 * recommended dashboard: RED over the endpoints found, USE, and a business panel whose KPIs
 * need judgement.
 */
import type { LoadTestResult } from './types.js';
import { type ReportLanguage, inLanguage } from '../report/headings.js';
import { DEFAULT_SLO } from './baseline.js';
import { type AuditContext } from './context.js';
import { endpointLabel, parseEndpoint } from './endpoints.js';
import { significant } from '../numbers.js';

interface AlertOut {
  alert: string;
  severity: 'page' | 'ticket';
  long_window: string;
  short_window: string;
  burn_rate: number;
  threshold: number;
}

const WINDOW_UNITS = { m: 'min', h: 'h', d: 'd' } as const;

/** "1h" → { value: 1, unit: 'h' }. */
export function windowSetting(window: string): { value: number; unit: 'min' | 'h' | 'd' } {
  const m = /^(\d+)([mhd])$/.exec(window);
  if (!m) throw new Error(`unexpected alert window: ${window}`);
  return { value: Number(m[1]), unit: WINDOW_UNITS[m[2] as keyof typeof WINDOW_UNITS] };
}

export function alertRows(alerts: readonly AlertOut[], windowDays: number, language: ReportLanguage = 'en') {
  return alerts.map((a) => ({
    alert: inLanguage(language, {
      fr: `Consommation du budget d'erreur ${a.burn_rate}x (${a.long_window})`,
      en: `Error budget burn ${a.burn_rate}x (${a.long_window})`,
    }),
    metric: inLanguage(language, {
      fr: `Taux d'erreur (moyenne sur ${a.long_window}, et sur ${a.short_window})`,
      en: `Error ratio (mean over ${a.long_window}, and over ${a.short_window})`,
    }),
    comparator: '>',
    threshold: { value: significant(a.threshold * 100, 6), unit: '%' },
    duration: windowSetting(a.long_window),
    severity: a.severity === 'page' ? 'critical' : 'warning',
    action: inLanguage(language, {
      fr:
        `${a.severity === 'page' ? "Appeler l'astreinte" : 'Ouvrir un ticket'} : a ${a.burn_rate}x le budget de ${windowDays} jours est epuise en ` +
        `${significant((windowDays * 24) / a.burn_rate, 3)} h (alerte Prometheus ${a.alert}, slo-rules.yaml)`,
      en:
        `${a.severity === 'page' ? 'Page on-call' : 'Open a ticket'}: at ${a.burn_rate}x the ${windowDays}-day budget is gone in ` +
        `${significant((windowDays * 24) / a.burn_rate, 3)} h (Prometheus alert ${a.alert}, slo-rules.yaml)`,
    }),
  }));
}

/** The endpoints a load test measured, as the dashboard lists them. */
function loadTestEndpoints(primary: LoadTestResult): string[] {
  return primary.endpoints
    .map((e) => parseEndpoint(e.name, e.requests.value))
    .filter((e) => e !== null)
    .map(endpointLabel);
}

export function dashboardRows(endpoints: readonly string[], profileFormats: readonly string[], language: ReportLanguage) {
  const list = (prefix: string) => {
    let text = prefix;
    for (const [i, e] of endpoints.entries()) {
      const next = `${text}${i ? ', ' : ''}${e}`;
      if (next.length > 76) return `${text}, ...`;
      text = next;
    }
    return text;
  };
  const red = [
    inLanguage(language, { fr: 'Debit par endpoint', en: 'Request rate by endpoint' }),
    inLanguage(language, { fr: "Taux d'erreur (5xx) par endpoint", en: 'Error ratio (5xx) by endpoint' }),
    inLanguage(language, { fr: 'Latence P50/P95/P99 par endpoint', en: 'Latency P50/P95/P99 by endpoint' }),
  ];
  if (endpoints.length > 0) red.push(list(inLanguage(language, { fr: 'Endpoints : ', en: 'Endpoints: ' })));
  const use = [
    inLanguage(language, { fr: 'Utilisation et saturation CPU (run queue)', en: 'CPU utilisation and saturation (run queue)' }),
    inLanguage(language, { fr: 'Utilisation memoire (RSS)', en: 'Memory utilisation (RSS)' }),
    inLanguage(language, { fr: 'Erreurs : redemarrages, OOM kills', en: 'Errors: restarts, OOM kills' }),
  ];
  if (profileFormats.includes('cpuprofile')) use.push(inLanguage(language, { fr: "Retard de l'event loop (Node.js)", en: 'Event-loop lag (Node.js)' }));
  const slo = [
    inLanguage(language, { fr: "Budget d'erreur restant (30 j)", en: 'Error budget remaining (30 d)' }),
    inLanguage(language, { fr: 'Burn rate sur 5m, 1h, 6h, 1d, 3d (slo-rules.yaml)', en: 'Burn rate over 5m, 1h, 6h, 1d, 3d (slo-rules.yaml)' }),
  ];
  return [
    { panel: 'red', metrics: red, tool: 'Grafana + Prometheus' },
    { panel: 'use', metrics: use, tool: 'Grafana + Prometheus (node_exporter)' },
    { panel: 'custom', title: inLanguage(language, { fr: "Budget d'erreur du SLO", en: 'SLO error budget' }), metrics: slo, tool: 'Grafana + Prometheus' },
    {
      panel: 'business',
      title: inLanguage(language, { fr: 'Business (a juger)', en: 'Business (needs judgement)' }),
      metrics: [
        inLanguage(language, { fr: 'A juger : les KPI business ne sont pas dans les mesures', en: 'Needs judgement: business KPIs are not in the evidence' }),
      ],
      tool: inLanguage(language, { fr: "A choisir avec l'equipe", en: 'To choose with the team' }),
    },
  ];
}

/** Emits the three phase-7 tables; returns the Prometheus rules file to write next to the report. */
export async function auditMonitoring(ctx: AuditContext, primary: LoadTestResult, profileFormats: readonly string[]): Promise<string> {
  const windowDays = DEFAULT_SLO.windowDays;
  const durationS = primary.overall.duration?.value ?? 0;
  // A test longer than the SLO window (a weeks-long soak) is read as one full window.
  const elapsedDays = Math.min(windowDays, significant(durationS / 86_400, 3));
  await ctx.ace.call('emit_slo_dashboard', {
    rows: [{ service: ctx.service, observedErrorRate: primary.overall.error_rate, windowDays, elapsedDays }],
  });
  const rules = await ctx.ace.tool('slo_alert_rules', {
    service: ctx.service,
    slo: significant(DEFAULT_SLO.objective / 100, 12), // a fraction: 99.9 / 100 is 0.9990000000000001 in floating point
    window_days: windowDays,
  });
  await ctx.ace.call('emit_alerting_rules', { rows: alertRows(rules.alerts, windowDays, ctx.language) });
  await ctx.ace.call('emit_dashboard', { rows: dashboardRows(loadTestEndpoints(primary), profileFormats, ctx.language) });
  ctx.log.push(
    `SLO: ${DEFAULT_SLO.objective} % over ${windowDays} d against the ${significant(primary.overall.error_rate.value, 4)} % error rate of the load test; ${rules.alerts.length} burn-rate alerts`,
  );
  ctx.judgement.push(
    `the SLO dashboard reads the load test's error rate as if production ran at it for the ${significant(durationS, 3)} s of the test`,
    'slo-rules.yaml assumes an http_requests_total counter with service and code labels: adapt selector and metric names to the real ones',
    "the dashboard's business panel, and the tool choice, are for the team to decide",
  );
  return rules.yaml;
}
