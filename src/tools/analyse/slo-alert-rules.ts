import { z } from 'zod';
import { BURN_RATE_ALERTS, normaliseSlo } from '../../report/slo-math.js';
import { defineTool } from '../define.js';
import { sloRulesWriter } from './load.js';
import { significant } from '../../numbers.js';

const input = z.object({
  service: z.string().min(1).max(100).describe('Service name: used in rule names and labels.'),
  slo: z.number().gt(0).lt(100).describe('Availability objective, as a percentage (99.9) or a fraction (0.999).'),
  selector: z.string().max(500).optional().describe('PromQL label matchers selecting the service\'s requests, e.g. job="api" (default service="<service>").'),
  total_metric: z.string().max(200).optional().describe('Request counter (default http_requests_total).'),
  error_matcher: z.string().max(200).optional().describe('Label matcher that marks bad requests (default code=~"5..").'),
  window_days: z.number().positive().max(366).optional().describe('SLO window in days, for the annotations (default 30).'),
});

const output = z.object({
  yaml: z.string().describe('A Prometheus rules file: recording rules for the error ratio over 5m..3d and four burn-rate alerts'),
  recording_rules: z.number().int(),
  alerts: z.array(
    z.object({
      alert: z.string(),
      severity: z.enum(['page', 'ticket']),
      long_window: z.string(),
      short_window: z.string(),
      burn_rate: z.number(),
      threshold: z.number(),
    }),
  ),
});

export const sloAlertRulesTool = defineTool({
  name: 'slo_alert_rules',
  title: 'Prometheus SLO burn-rate alerts',
  description: `Generate Prometheus recording and alerting rules (YAML) for an availability SLO with the SRE Workbook's multi-window, multi-burn-rate alerts: page at 14.4x over 1h and 5m or 6x over 6h and 30m; ticket at 3x over 1d and 2h or 1x over 3d and 6h.
The output passes \`promtool check rules\`. Adapt selector, total_metric and error_matcher to the service's real metric names; put the YAML in the report's monitoring section as is.`,
  group: 'analyse',
  input,
  output,
  async handle(_ctx, params) {
    const args = {
      service: params.service,
      slo: params.slo,
      selector: params.selector,
      totalMetric: params.total_metric,
      errorMatcher: params.error_matcher,
      windowDays: params.window_days,
    };
    const { sloRules, sloRulesYaml } = await sloRulesWriter();
    const doc = sloRules(args);
    const yaml = sloRulesYaml(args);
    const budget = 1 - normaliseSlo(params.slo);
    const alerts = BURN_RATE_ALERTS.map((a, i) => ({
      alert: (doc.groups[1]!.rules[i] as { alert: string }).alert,
      severity: a.severity,
      long_window: a.long,
      short_window: a.short,
      burn_rate: a.burnRate,
      threshold: significant(a.burnRate * budget, 12),
    }));
    return { data: { yaml, recording_rules: doc.groups[0]!.rules.length, alerts }, text: yaml };
  },
});
