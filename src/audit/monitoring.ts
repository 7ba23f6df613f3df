/**
 * Phase 7 from the availability SLO and the load test's error rate: the SLO dashboard (budget
 * remaining, burn rate, time to exhaustion), the SRE Workbook's multi-window, multi-burn-rate
 * alerts (from `slo_alert_rules`, whose Prometheus rules go next to the report) and the
 * recommended dashboard: RED over the endpoints found, USE, and a business panel whose KPIs
 * need judgement.
 */
import type { LoadTestResult } from './types.js';
import type { ReportLanguage } from '../report/headings.js';
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
  const t = (en: string, fr: string) => (language === 'fr' ? fr : en);
  return alerts.map((a) => ({
    alert: t(`Error budget burn ${a.burn_rate}x (${a.long_window})`, `Consommation du budget d'erreur ${a.burn_rate}x (${a.long_window})`),
    metric: t(`Error ratio (mean over ${a.long_window}, and over ${a.short_window})`, `Taux d'erreur (moyenne sur ${a.long_window}, et sur ${a.short_window})`),
    comparator: '>',
    threshold: { value: significant(a.threshold * 100, 6), unit: '%' },
    duration: windowSetting(a.long_window),
    severity: a.severity === 'page' ? 'critical' : 'warning',
    action: t(
      `${a.severity === 'page' ? 'Page on-call' : 'Open a ticket'}: at ${a.burn_rate}x the ${windowDays}-day budget is gone in ` +
        `${significant((windowDays * 24) / a.burn_rate, 3)} h (Prometheus alert ${a.alert}, slo-rules.yaml)`,
      `${a.severity === 'page' ? "Appeler l'astreinte" : 'Ouvrir un ticket'} : a ${a.burn_rate}x le budget de ${windowDays} jours est epuise en ` +
        `${significant((windowDays * 24) / a.burn_rate, 3)} h (alerte Prometheus ${a.alert}, slo-rules.yaml)`,
    ),
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
  const t = (en: string, fr: string) => (language === 'fr' ? fr : en);
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
    t('Request rate by endpoint', 'Debit par endpoint'),
    t('Error ratio (5xx) by endpoint', "Taux d'erreur (5xx) par endpoint"),
    t('Latency P50/P95/P99 by endpoint', 'Latence P50/P95/P99 par endpoint'),
  ];
  if (endpoints.length > 0) red.push(list(t('Endpoints: ', 'Endpoints : ')));
  const use = [
    t('CPU utilisation and saturation (run queue)', 'Utilisation et saturation CPU (run queue)'),
    t('Memory utilisation (RSS)', 'Utilisation memoire (RSS)'),
    t('Errors: restarts, OOM kills', 'Erreurs : redemarrages, OOM kills'),
  ];
  if (profileFormats.includes('cpuprofile')) use.push(t('Event-loop lag (Node.js)', "Retard de l'event loop (Node.js)"));
  const slo = [
    t('Error budget remaining (30 d)', "Budget d'erreur restant (30 j)"),
    t('Burn rate over 5m, 1h, 6h, 1d, 3d (slo-rules.yaml)', 'Burn rate sur 5m, 1h, 6h, 1d, 3d (slo-rules.yaml)'),
  ];
  return [
    { panel: 'red', metrics: red, tool: 'Grafana + Prometheus' },
    { panel: 'use', metrics: use, tool: 'Grafana + Prometheus (node_exporter)' },
    { panel: 'custom', title: t('SLO error budget', "Budget d'erreur du SLO"), metrics: slo, tool: 'Grafana + Prometheus' },
    {
      panel: 'business',
      title: t('Business (needs judgement)', 'Business (a juger)'),
      metrics: [t('Needs judgement: business KPIs are not in the evidence', 'A juger : les KPI business ne sont pas dans les mesures')],
      tool: t('To choose with the team', "A choisir avec l'equipe"),
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
