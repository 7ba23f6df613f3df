/** Phase 5 (implementation): BEFORE/AFTER blocks with computed % changes. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { BEFORE_AFTER_LABELS, VERDICT_WORDS, fenced, formatPercentChange, formatValue, PERCENT_TOLERANCE, percentChange } from '../../report/format.js';
import { BEFORE_AFTER_HEADING } from '../../report/headings.js';
import { convert, DURATION_UNITS, quantityOf, RATE_UNITS, type Unit } from '../../report/quantity.js';
import type { ReportLanguage } from '../../report/table.js';
import { compareFiles } from '../analyse/compare-runs.js';
import type { ToolContext } from '../define.js';
import { defineEmitTool } from './emit-tool.js';
import { text } from './schemas.js';

const Figures = z.strictObject({
  latency: quantityOf(DURATION_UNITS, 'Latency'),
  throughput: quantityOf(RATE_UNITS, 'Throughput'),
});

const LATENCY_METRICS = ['p50', 'p90', 'p95', 'p99'] as const;
const Verdict = z.enum(['improved', 'regressed', 'unchanged', 'inconclusive']);
const Interval = z.tuple([z.number(), z.number()]).nullable();

const Measured = z
  .strictObject({
    before: z.array(z.string().min(1)).min(1).max(50).describe('BEFORE result files, globs or folders (as compare_runs takes them)'),
    after: z.array(z.string().min(1)).min(1).max(50).describe('AFTER result files, globs or folders'),
    endpoint: z.string().min(1).max(300).default('*').describe("The endpoint the optimisation is about, or '*' for all requests"),
    latency: z.enum(LATENCY_METRICS).default('p95').describe('Which latency percentile the block shows'),
  })
  .describe('Measured BEFORE/AFTER: the two sides are compared (compare_runs) and the figures, their intervals and verdicts come from the files');

const Block = z.strictObject({
  name: text('Name of the optimisation, as in the plan'),
  problem: text('The problem, one line'),
  codeBefore: z.string().min(1).max(6000),
  before: Figures.optional().describe('Figures before the change; leave out when `measured` gives them'),
  solution: text('The solution, one line'),
  codeAfter: z.string().min(1).max(6000),
  after: Figures.optional().describe('Expected figures after the change; leave out when `measured` gives them'),
  measured: Measured.optional(),
  explanation: text('Why it works'),
  writtenChange: z
    .strictObject({ latency: z.number().optional(), throughput: z.number().optional() })
    .optional()
    .describe('Optional: % changes you computed yourself; they must agree with the figures'),
});

const Changes = z.strictObject({ latency: z.number(), throughput: z.number() });

/** What the comparison said about the block's two figures. */
const Comparison = z.strictObject({
  endpoint: z.string(),
  latency_metric: z.enum(LATENCY_METRICS),
  method: z.string(),
  runs_per_side: z.strictObject({ before: z.number().int(), after: z.number().int() }),
  latency: z.strictObject({ ci_pct: Interval, verdict: Verdict, reason: z.string().optional() }),
  throughput: z.strictObject({ ci_pct: Interval, verdict: Verdict, reason: z.string().optional() }),
  computed: z.string(),
});

const BuiltBlock = Block.omit({ before: true, after: true, measured: true }).extend({
  before: Figures,
  after: Figures,
  change: Changes,
  comparison: Comparison.optional(),
});
type BuiltBlock = z.output<typeof BuiltBlock>;

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

/** The two sides compared, and the block's figures taken from the comparison (ms, req/s). */
async function measure(ctx: ToolContext, m: z.output<typeof Measured>, where: string) {
  const { comparison, computed } = await compareFiles(ctx.sandbox, { before: m.before, after: m.after }, ctx.signal);
  const row = (metric: string) => {
    const found = comparison.metrics.find((r) => r.endpoint === m.endpoint && r.metric === metric);
    if (!found || found.before === null || found.after === null) {
      const known = [...new Set(comparison.metrics.map((r) => r.endpoint))].slice(0, 10).join(', ');
      throw new UserInputError(`${where}: the comparison has no ${metric} on both sides for endpoint '${m.endpoint}' (endpoints: ${known})`);
    }
    return found as typeof found & { before: number; after: number };
  };
  const latency = row(m.latency);
  const throughput = row('throughput');
  const source = { kind: 'computed', from: computed } as const;
  const figures = (side: 'before' | 'after') => ({
    latency: { value: latency[side], unit: 'ms' as const, source },
    throughput: { value: throughput[side], unit: 'req/s' as const, source },
  });
  const verdictOf = (r: typeof latency) => ({ ci_pct: r.ci_pct, verdict: r.verdict, ...(r.reason ? { reason: r.reason } : {}) });
  return {
    before: figures('before'),
    after: figures('after'),
    comparison: {
      endpoint: m.endpoint,
      latency_metric: m.latency,
      method: comparison.method,
      runs_per_side: { before: comparison.runs_per_side.before, after: comparison.runs_per_side.after },
      latency: verdictOf(latency),
      throughput: verdictOf(throughput),
      computed,
    },
  } satisfies Pick<BuiltBlock, 'before' | 'after' | 'comparison'>;
}

/** "+30% [+25.1, +34.9] %, regressed" for a measured change. */
function measuredChange(changePct: number, r: NonNullable<BuiltBlock['comparison']>['latency'], language: ReportLanguage): string {
  const L = BEFORE_AFTER_LABELS[language];
  const ci = r.ci_pct ? `, ${L.interval} [${r.ci_pct.map((x) => formatPercentChange(Math.round(x * 10) / 10)).join(', ')}]` : '';
  return `${formatPercentChange(changePct)}${ci}, ${VERDICT_WORDS[language][r.verdict]}`;
}

/** The seed's fenced block: AVANT/APRES comments with the figures, the code, the explanation. */
function block(b: BuiltBlock, language: ReportLanguage): string {
  const L = BEFORE_AFTER_LABELS[language];
  const v = (q: Figure) => formatValue(q.value, q.unit, language);
  const c = b.comparison;
  const afterFigures = c
    ? `// ${L.measuredLatency.replace('{p}', c.latency_metric.toUpperCase())}${v(b.after.latency)} (${measuredChange(b.change.latency, c.latency, language)}), ${L.measuredThroughput}${v(b.after.throughput)} (${measuredChange(b.change.throughput, c.throughput, language)})`
    : `// ${L.expectedLatency}${v(b.after.latency)} (${formatPercentChange(b.change.latency)}), ${L.expectedThroughput}${v(b.after.throughput)} (${formatPercentChange(b.change.throughput)})`;
  return [
    `${L.before}${b.problem}`,
    `// ${c ? L.measuredLatency.replace('{p}', c.latency_metric.toUpperCase()) : L.latency}${v(b.before.latency)}, ${L.throughput}${v(b.before.throughput)}`,
    b.codeBefore.replace(/\n+$/, ''),
    '',
    `${L.after}${b.solution}`,
    afterFigures,
    b.codeAfter.replace(/\n+$/, ''),
    '',
    `${L.explanation}${b.explanation}`,
  ].join('\n');
}

/** The block with its % changes, after checking any written change against them. */
function checked(b: Omit<BuiltBlock, 'change'>, where: string): BuiltBlock {
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
}

export const emitBeforeAfter = defineEmitTool({
  id: 'before_after',
  title: 'Emit the BEFORE/AFTER blocks (phase 5)',
  description:
    'Phase 5: one block per P0/P1 optimisation with the problem, the code before with its latency and throughput, the code after with the expected figures, and why it works. The % changes are computed from the figures; % values you pass in writtenChange must agree (±1 point).\nWhen the change was measured (load-test results before and after it), give `measured` {before, after, endpoint, latency} instead of the figures: the two sides are compared as compare_runs does, and the block shows the measured figures with their confidence interval and verdict, each sourced to the files.',
  input: z.strictObject({ blocks: z.array(Block).min(1).max(12) }),
  data: z.strictObject({ blocks: z.array(BuiltBlock) }),
  async build({ blocks }, ctx) {
    const built: BuiltBlock[] = [];
    for (const [i, given] of blocks.entries()) {
      const where = `block ${i + 1} (${given.name})`;
      const { measured, before: givenBefore, after: givenAfter, ...rest } = given;
      let b: Omit<BuiltBlock, 'change'>;
      if (measured) {
        if (givenBefore || givenAfter) throw new UserInputError(`${where}: give either measured or the before/after figures, not both`);
        b = { ...rest, ...(await measure(ctx, measured, where)) };
      } else {
        if (!givenBefore || !givenAfter) throw new UserInputError(`${where}: give the before and after figures, or measured {before, after} result files`);
        b = { ...rest, before: givenBefore, after: givenAfter };
      }
      built.push(checked(b, where));
    }
    return { blocks: built };
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
