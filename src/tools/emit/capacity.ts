/** Phase 6 (capacity): load projections, scaling triggers, cost vs performance trade-offs. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { formatValue, markdownTable } from '../../report/format.js';
import { inLanguage, tableSpec } from '../../report/headings.js';
import { condition, WORDS } from '../../report/labels.js';
import { convert, quantityOf, QuantitySchema, RATE_UNITS, SIZE_UNITS } from '../../report/quantity.js';
import type { ReportLanguage } from '../../report/table.js';
import { defineEmitTool, rowName } from './emit-tool.js';
import { DurationSettingSchema, SettingSchema, text } from './schemas.js';

// ---- load projections ------------------------------------------------------------------

const ProjectionRow = z.strictObject({
  months: z.number().int().min(0).max(120).describe('Horizon in months from now; 0 = current'),
  users: quantityOf(['users'], 'Users'),
  throughput: quantityOf(RATE_UNITS, 'Request rate'),
  dbSize: quantityOf(SIZE_UNITS, 'Database size'),
  infra: text('Infrastructure needed, e.g. "4 pods + read replica"'),
  monthlyCost: quantityOf(['$/month'], 'Monthly cost'),
});

function horizon(months: number, language: ReportLanguage): string {
  if (months === 0) return inLanguage(language, { fr: 'Actuel', en: 'Current' });
  return inLanguage(language, { fr: `+${months} mois`, en: `+${months} month${months === 1 ? '' : 's'}` });
}

export const emitLoadProjections = defineEmitTool({
  id: 'load_projections',
  title: 'Emit the load projections table (phase 6)',
  description:
    'Phase 6 projections: one row per horizon (months from now, 0 = current), in increasing order, with users, req/s, DB size, infrastructure and monthly cost as quantities. The growth assumption is required and printed under the table.',
  input: z.strictObject({
    growthAssumption: text('The growth assumption behind the projections, with its numbers'),
    rows: z.array(ProjectionRow).min(2).max(12),
  }),
  data: z.strictObject({ growthAssumption: z.string(), rows: z.array(ProjectionRow) }),
  build({ growthAssumption, rows }) {
    rows.forEach((row, i) => {
      const prev = rows[i - 1];
      if (prev && row.months <= prev.months) {
        throw new UserInputError(`${rowName(i, horizon(row.months, 'en'))}: horizons must increase; it follows ${horizon(prev.months, 'en')}`);
      }
    });
    return { growthAssumption, rows };
  },
  render({ growthAssumption, rows }, language, notes) {
    const table = markdownTable(
      tableSpec('load_projections').columns[language],
      rows.map((r) => [
        horizon(r.months, language),
        notes.quantity(r.users),
        notes.quantity(r.throughput),
        notes.quantity(r.dbSize),
        r.infra,
        notes.quantity(r.monthlyCost),
      ]),
    );
    return `${table}\n\n${WORDS.growth[language]}${growthAssumption}`;
  },
});

// ---- scaling triggers ------------------------------------------------------------------

const Threshold = SettingSchema.extend({ sustained: DurationSettingSchema.optional().describe('How long it must hold') });

const TriggerRow = z.strictObject({
  metric: text('e.g. CPU, Memory, Request queue'),
  scaleUp: Threshold.describe('Scale up above this value'),
  scaleDown: Threshold.describe('Scale down below this value (must be lower than scale-up)'),
  cooldown: DurationSettingSchema,
});

export const emitScalingTriggers = defineEmitTool({
  id: 'scaling_triggers',
  title: 'Emit the scaling triggers table (phase 6)',
  description:
    'Phase 6 scaling triggers: metric, scale-up threshold (> value, optionally sustained for a duration), scale-down threshold (< value) and cooldown. Rule: scale-down is below scale-up, in comparable units.',
  input: z.strictObject({ rows: z.array(TriggerRow).min(1).max(20) }),
  data: z.strictObject({ rows: z.array(TriggerRow) }),
  build({ rows }) {
    rows.forEach((row, i) => {
      const down = convert(row.scaleDown.value, row.scaleDown.unit, row.scaleUp.unit);
      if (down === undefined) {
        throw new UserInputError(`${rowName(i, row.metric)}: scale-up (${row.scaleUp.unit}) and scale-down (${row.scaleDown.unit}) need comparable units`);
      }
      if (down >= row.scaleUp.value) {
        throw new UserInputError(
          `${rowName(i, row.metric)}: scale-down threshold ${row.scaleDown.value} ${row.scaleDown.unit} must be below scale-up ${row.scaleUp.value} ${row.scaleUp.unit}`,
        );
      }
    });
    return { rows };
  },
  render({ rows }, language) {
    return markdownTable(
      tableSpec('scaling_triggers').columns[language],
      rows.map((r) => [
        r.metric,
        condition('>', r.scaleUp.value, r.scaleUp.unit, language, r.scaleUp.sustained),
        condition('<', r.scaleDown.value, r.scaleDown.unit, language, r.scaleDown.sustained),
        formatValue(r.cooldown.value, r.cooldown.unit, language),
      ]),
    );
  },
});

// ---- cost vs performance trade-offs ----------------------------------------------------

const TradeoffRow = z.strictObject({
  option: text('e.g. "Option A: bigger Redis cache"'),
  monthlyCostDelta: quantityOf(['$/month'], 'Signed change in monthly cost'),
  effect: QuantitySchema.describe('Signed performance effect, e.g. -120 ms or +60 req/s'),
  effectMetric: text('What the effect measures, e.g. "P95 latency"'),
});

export const emitCostTradeoffs = defineEmitTool({
  id: 'cost_tradeoffs',
  title: 'Emit the cost vs performance trade-offs (phase 6)',
  description:
    'Phase 6 trade-offs: one row per option with its monthly cost delta and its performance effect, both quantified (signed quantities), and what the effect measures.',
  input: z.strictObject({ rows: z.array(TradeoffRow).min(1).max(12) }),
  data: z.strictObject({ rows: z.array(TradeoffRow) }),
  build({ rows }) {
    rows.forEach((row, i) => {
      if (row.effect.value === 0) throw new UserInputError(`${rowName(i, row.option)}: a trade-off needs a non-zero performance effect`);
    });
    return { rows };
  },
  render({ rows }, language, notes) {
    return markdownTable(
      tableSpec('cost_tradeoffs').columns[language],
      rows.map((r) => [r.option, notes.signed(r.monthlyCostDelta), `${notes.signed(r.effect)} ${r.effectMetric}`]),
    );
  },
});

export const capacityTools = [emitLoadProjections, emitScalingTriggers, emitCostTradeoffs];
