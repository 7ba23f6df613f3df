/** Phase 7 (monitoring): dashboard, alerting rules, SLO dashboard. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { formatValue, markdownTable } from '../../report/format.js';
import { type Localised, tableSpec } from '../../report/headings.js';
import { condition, WORDS } from '../../report/labels.js';
import { computed, quantityOf } from '../../report/quantity.js';
import { sloStatus } from '../../report/slo-math.js';
import { defineEmitTool, rowName } from './emit-tool.js';
import { ComparatorSchema, DurationSettingSchema, ObjectivePercentSchema, SettingSchema, text } from './schemas.js';
import { formatNumber } from '../../numbers.js';

// ---- recommended dashboard -------------------------------------------------------------

const PANELS = {
  red: { fr: 'RED (Rate, Errors, Duration)', en: 'RED (Rate, Errors, Duration)' },
  use: { fr: 'USE (Utilization, Saturation, Errors)', en: 'USE (Utilization, Saturation, Errors)' },
  business: { fr: 'Business', en: 'Business' },
} as const satisfies Record<string, Localised>;

const PanelRow = z.strictObject({
  panel: z.enum(['red', 'use', 'business', 'custom']),
  title: z.string().max(80).optional().describe('Required for a custom panel'),
  metrics: z.array(z.string().min(1).max(80)).min(1).max(12),
  tool: text('e.g. Grafana + Prometheus'),
});

export const emitDashboard = defineEmitTool({
  id: 'dashboard',
  title: 'Emit the recommended dashboard (phase 7)',
  description:
    'Phase 7 dashboard: panels with their metrics and tool. Rule: a RED panel, a USE panel and a business panel are all present; custom panels need a title.',
  input: z.strictObject({ rows: z.array(PanelRow).min(3).max(20) }),
  data: z.strictObject({ rows: z.array(PanelRow) }),
  build({ rows }) {
    rows.forEach((r, i) => {
      if (r.panel === 'custom' && !r.title) throw new UserInputError(`${rowName(i, 'custom')}: a custom panel needs a title`);
    });
    const missing = (['red', 'use', 'business'] as const).filter((p) => !rows.some((r) => r.panel === p));
    if (missing.length) throw new UserInputError(`the dashboard lacks the ${missing.join(', ')} panel(s); RED, USE and business panels are required`);
    return { rows };
  },
  render({ rows }, language) {
    return markdownTable(
      tableSpec('dashboard').columns[language],
      rows.map((r) => [r.panel === 'custom' ? r.title! : (r.title ?? PANELS[r.panel][language]), r.metrics.join(', '), r.tool]),
    );
  },
});

// ---- alerting rules --------------------------------------------------------------------

const SEVERITY = {
  info: { fr: 'Info', en: 'Info' },
  warning: { fr: 'Warning', en: 'Warning' },
  critical: { fr: 'Critical', en: 'Critical' },
} as const satisfies Record<string, Localised>;

const AlertRow = z.strictObject({
  alert: text('e.g. High Latency'),
  metric: text('What is measured, e.g. "P95" or "Error rate"'),
  comparator: ComparatorSchema,
  threshold: SettingSchema,
  duration: DurationSettingSchema.describe('How long the condition must hold before firing'),
  severity: z.enum(['info', 'warning', 'critical']),
  action: text('e.g. Page on-call'),
});

export const emitAlertingRules = defineEmitTool({
  id: 'alerting_rules',
  title: 'Emit the alerting rules (phase 7)',
  description:
    'Phase 7 alerts: name, condition (metric, comparator, threshold with unit, and a duration it must hold), severity (info, warning, critical) and action.',
  input: z.strictObject({ rows: z.array(AlertRow).min(1).max(30) }),
  data: z.strictObject({ rows: z.array(AlertRow) }),
  build({ rows }) {
    return { rows };
  },
  render({ rows }, language) {
    return markdownTable(
      tableSpec('alerting_rules').columns[language],
      rows.map((r) => [
        r.alert,
        `${r.metric} ${condition(r.comparator, r.threshold.value, r.threshold.unit, language, r.duration)}`,
        SEVERITY[r.severity][language],
        r.action,
      ]),
    );
  },
});

// ---- SLO dashboard ---------------------------------------------------------------------

const SloDashRow = z.strictObject({
  service: text('The service; when the SLO table has it, its objective is used and checked'),
  objective: ObjectivePercentSchema.optional().describe('Defaults to the objective emitted in the SLO table for this service'),
  observedErrorRate: quantityOf(['%'], 'Observed error (bad event) rate over the elapsed part of the window'),
  windowDays: z.number().int().min(1).max(366).default(30),
  elapsedDays: z.number().min(0).describe('Days of the window elapsed so far'),
});

const Figures = z.strictObject({
  objective: z.number(),
  budget: z.number(),
  burnRate: z.number(),
  remaining: z.number(),
  daysToExhaustion: z.number().nullable(),
});

const FORMULA: Localised = {
  fr: 'burn rate = erreurs observees / budget ; budget restant = 1 - burn rate x jours ecoules / fenetre ; epuisement = fenetre / burn rate - jours ecoules',
  en: 'burn rate = observed errors / budget; budget remaining = 1 - burn rate x elapsed / window; exhaustion = window / burn rate - elapsed',
};

export const emitSloDashboard = defineEmitTool({
  id: 'slo_dashboard',
  title: 'Emit the SLO dashboard (phase 7)',
  description:
    'Phase 7 SLO dashboard: per service, the error budget remaining, burn rate and time to exhaustion, computed from the SLO objective (taken from the SLO table when emitted), the observed error rate, the window and the days elapsed.',
  input: z.strictObject({ rows: z.array(SloDashRow).min(1).max(20) }),
  data: z.strictObject({ rows: z.array(SloDashRow.extend({ figures: Figures })) }),
  build({ rows }, ctx) {
    const slos = (ctx.session.table('slos')?.data as { rows: Array<{ service: string; objective: number }> } | undefined)?.rows ?? [];
    return {
      rows: rows.map((row, i) => {
        const name = rowName(i, row.service);
        const declared = slos.find((s) => s.service === row.service)?.objective;
        const objective = row.objective ?? declared;
        if (objective === undefined) throw new UserInputError(`${name}: no objective given and no SLO emitted for this service`);
        if (declared !== undefined && declared !== objective) {
          throw new UserInputError(`${name}: objective ${formatNumber(objective)}% differs from the SLO table (${formatNumber(declared)}%)`);
        }
        if (row.elapsedDays > row.windowDays) throw new UserInputError(`${name}: ${row.elapsedDays} days elapsed exceed the ${row.windowDays}-day window`);
        return { ...row, figures: { objective, ...sloStatus(objective, row.observedErrorRate.value, row.windowDays, row.elapsedDays) } };
      }),
    };
  },
  render({ rows }, language, notes) {
    return markdownTable(
      tableSpec('slo_dashboard').columns[language],
      rows.map((r) => {
        const f = r.figures;
        const src = FORMULA[language];
        const days = (d: number) => formatValue(d, 'd', language);
        const observed = notes.quantity(r.observedErrorRate);
        const remaining = notes.quantity(computed(f.remaining, '%', src));
        const burn = notes.quantity(computed(f.burnRate, 'x', src));
        const exhaustion =
          f.daysToExhaustion === null
            ? WORDS.never[language]
            : f.daysToExhaustion === 0
              ? WORDS.exhausted[language]
              : notes.quantity(computed(f.daysToExhaustion, 'd', src));
        const window = `${days(r.windowDays)} (${WORDS.day[language]} ${formatNumber(r.elapsedDays)})`;
        return [r.service, `${formatNumber(f.objective)}%`, observed, window, remaining, burn, exhaustion];
      }),
    );
  },
});

export const monitoringTools = [emitDashboard, emitAlertingRules, emitSloDashboard];
