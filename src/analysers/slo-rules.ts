/**
 * Prometheus recording and alerting rules for an availability SLO, with the SRE Workbook's
 * multi-window, multi-burn-rate alerts: page at 14.4× over 1h and 5m, or 6× over 6h and 30m;
 * ticket at 3× over 1d and 2h, or 1× over 3d and 6h. Output is a rules file
 * (`promtool check rules` accepts it).
 */
import { stringify } from 'yaml';
import { BURN_RATE_ALERTS, normaliseSlo } from '../report/slo-math.js';
import { UserInputError } from '../errors.js';
import { significant } from '../numbers.js';

export interface SloRulesInput {
  service: string;
  slo: number;
  /** PromQL selector body for all requests, e.g. `job="api"`. */
  selector?: string;
  /** Counter of requests (default http_requests_total). */
  totalMetric?: string;
  /** Label matcher that marks bad requests (default code=~"5.."). */
  errorMatcher?: string;
  windowDays?: number;
}

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

function ident(s: string): string {
  return s.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^([0-9])/, '_$1');
}

function labelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Builds the rules document as data (groups → rules). */
export function sloRules(input: SloRulesInput) {
  const slo = normaliseSlo(input.slo);
  const budget = significant(1 - slo, 12);
  const metric = input.totalMetric ?? 'http_requests_total';
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(metric)) throw new UserInputError(`not a Prometheus metric name: ${metric}`);
  const selector = input.selector ?? `service="${labelValue(input.service)}"`;
  const bad = input.errorMatcher ?? 'code=~"5.."';
  const svc = ident(input.service);
  const ratioName = (w: string) => `${svc}:sli_error:ratio_rate${w}`;
  const join = (...parts: string[]) => parts.filter((p) => p.trim() !== '').join(', ');
  const labels = { service: input.service, slo: String(slo) };

  const recording = WINDOWS.map((w) => ({
    record: ratioName(w),
    expr: `sum(rate(${metric}{${join(selector, bad)}}[${w}])) / sum(rate(${metric}{${selector}}[${w}]))`,
    labels,
  }));

  const alerts = BURN_RATE_ALERTS.map((a) => ({
    alert: `${svc}_ErrorBudgetBurn_${a.severity === 'page' ? 'Page' : 'Ticket'}_${a.long}`,
    expr: `${ratioName(a.long)} > (${a.burnRate} * ${budget}) and ${ratioName(a.short)} > (${a.burnRate} * ${budget})`,
    labels: { severity: a.severity, service: input.service, long_window: a.long, short_window: a.short },
    annotations: {
      summary: `${input.service}: error budget burning at ${a.burnRate}x over ${a.long} (and ${a.short})`,
      description: `At ${a.burnRate}x the ${input.windowDays ?? 30}-day budget of ${(budget * 100).toPrecision(3)}% errors would be ${Math.round(a.budgetSpent * 100)}% spent in ${a.long}.`,
    },
  }));

  return {
    groups: [
      { name: `${svc}-slo-recording`, rules: recording },
      { name: `${svc}-slo-alerts`, rules: alerts },
    ],
  };
}

export function sloRulesYaml(input: SloRulesInput): string {
  return stringify(sloRules(input), { lineWidth: 0 });
}
