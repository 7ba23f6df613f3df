/** Phase 1 (baseline): current metrics and recommended SLOs. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { markdownTable } from '../../report/format.js';
import { type Localised, inLanguage } from '../../report/headings.js';
import { tableSpec } from '../../report/headings.js';
import { computed, convert, DURATION_UNITS, type Quantity, QuantitySchema, RATE_UNITS, SIZE_UNITS, sameDimension, type Unit } from '../../report/quantity.js';
import { defineEmitTool, rowName } from './emit-tool.js';
import { ComparatorSchema, ObjectivePercentSchema, text } from './schemas.js';
import { formatNumber } from '../../numbers.js';

// ---- current metrics -------------------------------------------------------------------

const METRICS = {
  latency_p50: { label: { fr: 'Latence P50', en: 'Latency P50' }, units: DURATION_UNITS },
  latency_p95: { label: { fr: 'Latence P95', en: 'Latency P95' }, units: DURATION_UNITS },
  latency_p99: { label: { fr: 'Latence P99', en: 'Latency P99' }, units: DURATION_UNITS },
  throughput: { label: { fr: 'Throughput', en: 'Throughput' }, units: RATE_UNITS },
  error_rate: { label: { fr: 'Error rate', en: 'Error rate' }, units: ['%'] },
  cpu_avg: { label: { fr: 'CPU usage (avg)', en: 'CPU usage (avg)' }, units: ['%', 'vCPU'] },
  memory: { label: { fr: 'Memory usage', en: 'Memory usage' }, units: SIZE_UNITS },
  db_query_time_avg: { label: { fr: 'DB query time (avg)', en: 'DB query time (avg)' }, units: DURATION_UNITS },
  cold_start: { label: { fr: 'Cold start time', en: 'Cold start time' }, units: DURATION_UNITS },
} as const satisfies Record<string, { label: Localised; units: readonly Unit[] }>;
type MetricId = keyof typeof METRICS;
const METRIC_IDS = Object.keys(METRICS) as [MetricId, ...MetricId[]];

const CRITICALITY = {
  critical: { fr: 'Critique', en: 'Critical' },
  high: { fr: 'Haute', en: 'High' },
  medium: { fr: 'Moyenne', en: 'Medium' },
  low: { fr: 'Basse', en: 'Low' },
  ok: { fr: 'OK', en: 'OK' },
} as const satisfies Record<string, Localised>;

const TargetSchema = QuantitySchema.extend({ comparator: ComparatorSchema }).describe(
  'The goal, e.g. {comparator: "<", value: 200, unit: "ms", source: {kind: "estimate", basis: "SLO P95 < 200 ms"}}',
);

const MetricRow = z.strictObject({
  metric: z.enum(METRIC_IDS).describe('One of the baseline metrics of the prompt'),
  endpoint: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[^|\n]+$/, 'no pipes or newlines')
    .optional()
    .describe('The endpoint the row measures, e.g. "GET /items"; omit for the whole service'),
  current: QuantitySchema,
  target: TargetSchema,
  criticality: z.enum(Object.keys(CRITICALITY) as [keyof typeof CRITICALITY, ...(keyof typeof CRITICALITY)[]]),
});

const GAP_FORMULA: Localised = { fr: 'Ecart = Valeur Actuelle - Cible', en: 'Gap = Current - Target' };

/** "latency_p95" or "latency_p95 (GET /items)": how a row is named in messages. */
const rowKey = (r: { metric: MetricId; endpoint?: string | undefined }) => (r.endpoint ? `${r.metric} (${r.endpoint})` : r.metric);

function checkPercentileOrder(rows: ReadonlyArray<z.output<typeof MetricRow>>): void {
  for (const endpoint of new Set(rows.map((r) => r.endpoint))) checkPercentileOrderOf(rows, endpoint);
}

function checkPercentileOrderOf(rows: ReadonlyArray<z.output<typeof MetricRow>>, endpoint: string | undefined): void {
  const order: MetricId[] = ['latency_p50', 'latency_p95', 'latency_p99'];
  const present = order
    .map((id) => ({ id, i: rows.findIndex((r) => r.metric === id && r.endpoint === endpoint) }))
    .filter((p) => p.i >= 0)
    .map((p) => ({ ...p, ms: convert(rows[p.i]!.current.value, rows[p.i]!.current.unit, 'ms')! }));
  for (let k = 1; k < present.length; k++) {
    const lo = present[k - 1]!;
    const hi = present[k]!;
    if (lo.ms > hi.ms) {
      throw new UserInputError(
        `${rowName(hi.i, rowKey(rows[hi.i]!))}: percentiles out of order: ${lo.id} (${formatNumber(lo.ms)} ms) is above ${hi.id} (${formatNumber(hi.ms)} ms)${endpoint ? ` for ${endpoint}` : ''}; P50 <= P95 <= P99 must hold`,
      );
    }
  }
}

export const emitCurrentMetrics = defineEmitTool({
  id: 'current_metrics',
  title: 'Emit the current metrics table (phase 1)',
  description:
    'Phase 1 baseline table: one row per metric (latency P50/P95/P99, throughput, error rate, CPU avg, memory, DB query time avg, cold start), each with current value, target and criticality; rows for one endpoint name it in `endpoint` (e.g. "GET /items"). The gap is computed (current - target, in the target unit), never typed. Rules: each metric at most once per endpoint (and once for the whole service), units fit the metric, P50 <= P95 <= P99 for each.',
  input: z.strictObject({ rows: z.array(MetricRow).min(1).max(60) }),
  data: z.strictObject({ rows: z.array(MetricRow.extend({ gap: QuantitySchema })) }),
  build({ rows }) {
    const seen = new Set<string>();
    const out = rows.map((row, i) => {
      const key = rowKey(row);
      const name = rowName(i, key);
      if (seen.has(key)) throw new UserInputError(`${name}: ${key} appears twice`);
      seen.add(key);
      const allowed: readonly Unit[] = METRICS[row.metric].units;
      for (const [what, q] of [
        ['current', row.current],
        ['target', row.target],
      ] as const) {
        if (!allowed.includes(q.unit)) {
          throw new UserInputError(`${name}: ${what} unit "${q.unit}" does not fit ${row.metric}; use one of ${allowed.join(', ')}`);
        }
      }
      if (!sameDimension(row.current.unit, row.target.unit)) {
        throw new UserInputError(`${name}: current (${row.current.unit}) and target (${row.target.unit}) need the same unit to compute the gap`);
      }
      const current = convert(row.current.value, row.current.unit, row.target.unit)!;
      const gap: Quantity = computed(current - row.target.value, row.target.unit, GAP_FORMULA.en);
      return { ...row, gap };
    });
    checkPercentileOrder(rows);
    return { rows: out };
  },
  render({ rows }, language, notes) {
    return markdownTable(
      tableSpec('current_metrics').columns[language],
      rows.map((r) => [
        r.endpoint ? `${METRICS[r.metric].label[language]} (${r.endpoint})` : METRICS[r.metric].label[language],
        notes.quantity(r.current),
        `${r.target.comparator} ${notes.quantity(r.target)}`,
        notes.signed({ ...r.gap, source: { kind: 'computed', from: GAP_FORMULA[language] } }),
        CRITICALITY[r.criticality][language],
      ]),
    );
  },
});

// ---- recommended SLOs ------------------------------------------------------------------

const SloRow = z.strictObject({
  service: text('The service, e.g. "API principale"'),
  sli: text('The indicator, e.g. "Latence P99" or "Availability"'),
  objective: ObjectivePercentSchema,
  threshold: z
    .strictObject({ comparator: ComparatorSchema, value: z.number().positive(), unit: z.enum(DURATION_UNITS) })
    .optional()
    .describe('For a latency SLI: the bound good events meet, e.g. < 200 ms'),
  windowDays: z.number().int().min(1).max(366).default(30),
  errorBudget: z.number().optional().describe('Optional: the budget you expect, in percent; it is checked against 100 - objective'),
});

/** 100 - objective, in percent, free of floating noise. */
export function errorBudgetOf(objective: number): number {
  return Math.round((100 - objective) * 1e6) / 1e6;
}

/** `0.1% hors budget/mois` / `0.1% out of budget/month`. */
function budgetCell(budget: string, windowDays: number, language: 'fr' | 'en'): string {
  const per =
    windowDays === 30 ? inLanguage(language, { fr: 'mois', en: 'month' }) : inLanguage(language, { fr: `${windowDays} jours`, en: `${windowDays} days` });
  return inLanguage(language, { fr: `${budget} hors budget/${per}`, en: `${budget} out of budget/${per}` });
}

const BUDGET_FORMULA: Localised = { fr: 'Error Budget = 100% - SLO', en: 'Error Budget = 100% - SLO' };

export const emitSlos = defineEmitTool({
  id: 'slos',
  title: 'Emit the recommended SLO/SLI table (phase 1)',
  description:
    'Phase 1 SLO table: service, SLI, objective in percent (e.g. 99.9) with an optional latency bound (< 200 ms) and a window (days, default 30). The error budget is computed as 100 - objective; an errorBudget you pass is checked against it.',
  input: z.strictObject({ rows: z.array(SloRow).min(1).max(20) }),
  data: z.strictObject({ rows: z.array(SloRow.extend({ errorBudget: z.number() })) }),
  build({ rows }) {
    return {
      rows: rows.map((row, i) => {
        const budget = errorBudgetOf(row.objective);
        if (row.errorBudget !== undefined && Math.abs(row.errorBudget - budget) > 1e-6) {
          throw new UserInputError(
            `${rowName(i, row.service)}: error budget ${formatNumber(row.errorBudget)}% does not follow from SLO ${formatNumber(row.objective)}% (100 - ${formatNumber(row.objective)} = ${formatNumber(budget)}%)`,
          );
        }
        return { ...row, errorBudget: budget };
      }),
    };
  },
  render({ rows }, language, notes) {
    return markdownTable(
      tableSpec('slos').columns[language],
      rows.map((r) => {
        const bound = r.threshold ? ` ${r.threshold.comparator} ${formatNumber(r.threshold.value)} ${r.threshold.unit}` : '';
        const budget = `${formatNumber(r.errorBudget)}%${notes.marker({ kind: 'computed', from: BUDGET_FORMULA[language] })}`;
        return [r.service, r.sli, `${formatNumber(r.objective)}%${bound}`, budgetCell(budget, r.windowDays, language)];
      }),
    );
  },
});

export const baselineTools = [emitCurrentMetrics, emitSlos];
