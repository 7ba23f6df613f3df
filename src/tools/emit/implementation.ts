/** Phase 5 (implementation): BEFORE/AFTER blocks with computed % changes. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { BEFORE_AFTER_LABELS, fenced, formatPercentChange, formatValue, PERCENT_TOLERANCE, percentChange } from '../../report/format.js';
import { BEFORE_AFTER_HEADING } from '../../report/headings.js';
import { convert, DURATION_UNITS, quantityOf, RATE_UNITS, type Unit } from '../../report/quantity.js';
import type { ReportLanguage } from '../../report/table.js';
import { defineEmitTool } from './emit-tool.js';
import { text } from './schemas.js';

const Figures = z.strictObject({
  latency: quantityOf(DURATION_UNITS, 'Latency'),
  throughput: quantityOf(RATE_UNITS, 'Throughput'),
});

const Block = z.strictObject({
  name: text('Name of the optimisation, as in the plan'),
  problem: text('The problem, one line'),
  codeBefore: z.string().min(1).max(6000),
  before: Figures,
  solution: text('The solution, one line'),
  codeAfter: z.string().min(1).max(6000),
  after: Figures.describe('Expected figures after the change'),
  explanation: text('Why it works'),
  writtenChange: z
    .strictObject({ latency: z.number().optional(), throughput: z.number().optional() })
    .optional()
    .describe('Optional: % changes you computed yourself; they must agree with the figures'),
});

const Changes = z.strictObject({ latency: z.number(), throughput: z.number() });

interface Figure {
  value: number;
  unit: Unit;
}

function change(before: Figure, after: Figure, where: string): number {
  const a = convert(after.value, after.unit, before.unit);
  if (a === undefined) throw new UserInputError(`${where}: before and after need comparable units`);
  if (before.value === 0) throw new UserInputError(`${where}: the before figure is 0, a % change is undefined`);
  return percentChange(before.value, a);
}

/** The seed's fenced block: AVANT/APRES comments with the figures, the code, the explanation. */
function block(b: z.output<typeof Block> & { change: z.output<typeof Changes> }, language: ReportLanguage): string {
  const L = BEFORE_AFTER_LABELS[language];
  const v = (q: Figure) => formatValue(q.value, q.unit, language);
  return [
    `${L.before}${b.problem}`,
    `// ${L.latency}${v(b.before.latency)}, ${L.throughput}${v(b.before.throughput)}`,
    b.codeBefore.replace(/\n+$/, ''),
    '',
    `${L.after}${b.solution}`,
    `// ${L.expectedLatency}${v(b.after.latency)} (${formatPercentChange(b.change.latency)}), ${L.expectedThroughput}${v(b.after.throughput)} (${formatPercentChange(b.change.throughput)})`,
    b.codeAfter.replace(/\n+$/, ''),
    '',
    `${L.explanation}${b.explanation}`,
  ].join('\n');
}

export const emitBeforeAfter = defineEmitTool({
  id: 'before_after',
  title: 'Emit the BEFORE/AFTER blocks (phase 5)',
  description:
    'Phase 5: one block per P0/P1 optimisation with the problem, the code before with its latency and throughput, the code after with the expected figures, and why it works. The % changes are computed from the figures; % values you pass in writtenChange must agree (±1 point).',
  input: z.strictObject({ blocks: z.array(Block).min(1).max(12) }),
  data: z.strictObject({ blocks: z.array(Block.extend({ change: Changes })) }),
  build({ blocks }) {
    return {
      blocks: blocks.map((b, i) => {
        const where = `block ${i + 1} (${b.name})`;
        const latency = change(b.before.latency, b.after.latency, `${where} latency`);
        const throughput = change(b.before.throughput, b.after.throughput, `${where} throughput`);
        for (const [what, computedP] of [
          ['latency', latency],
          ['throughput', throughput],
        ] as const) {
          const written = b.writtenChange?.[what];
          if (written !== undefined && Math.abs(written - computedP) > PERCENT_TOLERANCE) {
            throw new UserInputError(
              `${where}: written ${what} change ${formatPercentChange(written)} disagrees with its figures (${formatPercentChange(computedP)})`,
            );
          }
        }
        return { ...b, change: { latency, throughput } };
      }),
    };
  },
  render({ blocks }, language, notes) {
    const L = BEFORE_AFTER_LABELS[language];
    return blocks
      .map((b) => {
        const figures = `${L.latency}${notes.quantity(b.before.latency)} → ${notes.quantity(b.after.latency)} (${formatPercentChange(b.change.latency)}); ${L.throughput}${notes.quantity(b.before.throughput)} → ${notes.quantity(b.after.throughput)} (${formatPercentChange(b.change.throughput)})`;
        return [`${BEFORE_AFTER_HEADING[language]}${b.name}`, '', fenced(block(b, language)), '', figures].join('\n');
      })
      .join('\n\n');
  },
});

export const implementationTools = [emitBeforeAfter];
