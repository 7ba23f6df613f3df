/** Phase 4 (plan): the prioritised optimisation plan. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { markdownTable } from '../../report/format.js';
import { type Localised, tableSpec } from '../../report/headings.js';
import { LAYER_LABELS, WORDS } from '../../report/labels.js';
import { DURATION_UNITS, quantityOf, QuantitySchema } from '../../report/quantity.js';
import { defineEmitTool, rowName } from './emit-tool.js';
import { LayerSchema, text } from './schemas.js';

const CATEGORY = {
  quick_win: { rank: 0, label: { fr: 'Quick Win', en: 'Quick Win' } },
  refactoring: { rank: 1, label: { fr: 'Refactoring', en: 'Refactoring' } },
  micro: { rank: 2, label: { fr: 'Micro-optimisation', en: 'Micro-optimisation' } },
} as const satisfies Record<string, { rank: number; label: Localised }>;

const PlanRow = z.strictObject({
  optimisation: text('What to do, e.g. "Add an index on orders.customer_id"'),
  layer: LayerSchema,
  effort: quantityOf(DURATION_UNITS, 'Effort (engineer time)'),
  latencyImpact: QuantitySchema.nullable().describe('Signed change, e.g. -80 ms; null when not applicable'),
  latencyMetric: z.string().max(20).optional().describe('Which latency, e.g. "P95"'),
  throughputImpact: QuantitySchema.nullable().describe('Signed change, e.g. +30 %; null when not applicable'),
  priority: z.enum(['P0', 'P1', 'P2', 'P3']),
  category: z.enum(['quick_win', 'refactoring', 'micro']).describe('quick measurable win > deep refactoring > micro-optimisation'),
});

export const emitOptimisationPlan = defineEmitTool({
  id: 'optimisation_plan',
  title: 'Emit the optimisation plan (phase 4)',
  description:
    'Phase 4 plan: rows ordered by priority (P0 first), each with layer, effort, latency and throughput impacts as signed quantities (at least one), and a category. Rules: priorities never go back up; P0 rows are quick wins; within a priority, quick wins come before refactoring before micro-optimisations.',
  input: z.strictObject({ rows: z.array(PlanRow).min(1).max(30) }),
  data: z.strictObject({ rows: z.array(PlanRow) }),
  build({ rows }) {
    rows.forEach((row, i) => {
      const name = rowName(i, row.optimisation);
      if (!row.latencyImpact && !row.throughputImpact) throw new UserInputError(`${name}: give a latency or a throughput impact as a quantity`);
      if (row.priority === 'P0' && row.category !== 'quick_win') {
        throw new UserInputError(`${name}: P0 is for measurable quick wins; a ${row.category} belongs in P1 or later`);
      }
      const prev = rows[i - 1];
      if (!prev) return;
      if (prev.priority > row.priority) {
        throw new UserInputError(`${name}: priorities out of order: ${row.priority} comes after ${prev.priority}; order rows P0 first, then P1, ...`);
      }
      if (prev.priority === row.priority && CATEGORY[prev.category].rank > CATEGORY[row.category].rank) {
        throw new UserInputError(
          `${name}: within ${row.priority}, a ${row.category} comes after a ${prev.category}; order quick wins > refactoring > micro-optimisations`,
        );
      }
    });
    return { rows };
  },
  render({ rows }, language, notes) {
    const na = WORDS.notApplicable[language];
    return markdownTable(
      tableSpec('optimisation_plan').columns[language],
      rows.map((r, i) => [
        String(i + 1),
        r.optimisation,
        LAYER_LABELS[r.layer][language],
        notes.quantity(r.effort),
        r.latencyImpact ? `${notes.signed(r.latencyImpact)}${r.latencyMetric ? ` ${r.latencyMetric}` : ''}` : na,
        r.throughputImpact ? notes.signed(r.throughputImpact) : na,
        r.category === 'quick_win' ? `${r.priority} ${CATEGORY.quick_win.label[language]}` : r.priority,
      ]),
    );
  },
});

export const planTools = [emitOptimisationPlan];
