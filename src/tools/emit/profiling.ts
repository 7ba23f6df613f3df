/** Phase 2 (profiling): findings by layer and the bottleneck map. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { checkRef } from '../../report/evidence.js';
import { fenced, formatValue, markdownTable } from '../../report/format.js';
import { COLON, tableSpec } from '../../report/headings.js';
import { LAYER_LABELS } from '../../report/labels.js';
import { renderBottleneckMap } from '../../report/bottleneck-map.js';
import { DURATION_UNITS, QuantitySchema, quantityOf, type Unit } from '../../report/quantity.js';
import { defineEmitTool, rowName } from './emit-tool.js';
import { LayerSchema, text } from './schemas.js';

// ---- findings by layer -----------------------------------------------------------------

const FindingRow = z.strictObject({
  layer: LayerSchema,
  finding: text('What is wrong, quantified where possible'),
  evidence: z.string().min(3).describe('"path:line" inside the project that shows it; the file and line must exist'),
  cost: QuantitySchema.describe('What it costs, e.g. 300 ms per request or 51 queries'),
});

export const emitFindings = defineEmitTool({
  id: 'findings',
  title: 'Emit the findings-by-layer table (phase 2)',
  description:
    'Phase 2 findings: one row per finding with its layer (application, database, network, infrastructure), the finding, its evidence as "path:line" (checked: the file and line must exist) and its cost as a quantity.',
  input: z.strictObject({ rows: z.array(FindingRow).min(1).max(40) }),
  data: z.strictObject({ rows: z.array(FindingRow) }),
  async build({ rows }, ctx) {
    for (const [i, row] of rows.entries()) await checkRef(ctx.sandbox, row.evidence, rowName(i, row.layer), true);
    return { rows };
  },
  render({ rows }, language, notes) {
    return markdownTable(
      tableSpec('findings').columns[language],
      rows.map((r) => [LAYER_LABELS[r.layer][language], r.finding, `\`${r.evidence}\``, notes.quantity(r.cost)]),
    );
  },
});

// ---- bottleneck map --------------------------------------------------------------------

const NodeName = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .regex(/^[^[\]\n]+$/, 'no brackets or newlines');
const Latency = quantityOf(DURATION_UNITS, 'Latency of the hop');

const Hop = z.strictObject({
  from: NodeName,
  to: NodeName,
  latency: Latency,
  bottleneck: z.boolean().default(false),
});

const SidePath = z.strictObject({
  from: NodeName.describe('A node of the chain, e.g. API'),
  to: NodeName.describe('e.g. Cache'),
  latency: Latency,
  missRate: quantityOf(['%'], 'Cache miss rate').optional(),
});

const compact = (q: { value: number; unit: Unit }, language: 'fr' | 'en') => formatValue(q.value, q.unit, language).replace(' ', '');

export const emitBottleneckMap = defineEmitTool({
  id: 'bottleneck_map',
  title: 'Emit the bottleneck map (phase 2)',
  description:
    "Phase 2 bottleneck map: the request path as hops (from, to, latency), chained (each hop starts where the previous ended), exactly one hop marked bottleneck, and an optional side path (e.g. API to Cache with its miss rate). Rendered as the prompt's ASCII chain.",
  input: z.strictObject({ hops: z.array(Hop).min(1).max(12), side: SidePath.optional() }),
  data: z.strictObject({ hops: z.array(Hop), side: SidePath.optional() }),
  build({ hops, side }) {
    hops.forEach((hop, i) => {
      const prev = hops[i - 1];
      if (prev && prev.to !== hop.from) {
        throw new UserInputError(`hop ${i + 1} (${hop.from} → ${hop.to}): starts at ${hop.from} but the previous hop ends at ${prev.to}`);
      }
    });
    const marked = hops.filter((h) => h.bottleneck);
    if (marked.length !== 1) {
      throw new UserInputError(
        `exactly one hop must be marked bottleneck; ${marked.length === 0 ? 'none is' : `${marked.length} are (${marked.map((h) => `${h.from} → ${h.to}`).join(', ')})`}`,
      );
    }
    if (side && !hops.some((h) => h.from === side.from || h.to === side.from)) {
      throw new UserInputError(`side path: ${side.from} is not a node of the chain`);
    }
    return { hops, side };
  },
  render({ hops, side }, language, notes) {
    const ascii = renderBottleneckMap(
      hops.map((h) => ({ from: h.from, to: h.to, latency: compact(h.latency, language), bottleneck: h.bottleneck })),
      side && {
        from: side.from,
        to: side.to,
        latency: compact(side.latency, language),
        ...(side.missRate ? { note: `miss ${formatValue(side.missRate.value, '%', language)}` } : {}),
      },
    );
    const sep = COLON[language];
    const legend = hops.map((h) => `- [${h.from}] → [${h.to}]${sep}${notes.quantity(h.latency)}${h.bottleneck ? ' — **BOTTLENECK**' : ''}`);
    if (side) {
      const miss = side.missRate ? `, miss ${notes.quantity(side.missRate)}` : '';
      legend.push(`- [${side.from}] → [${side.to}]${sep}${notes.quantity(side.latency)}${miss}`);
    }
    return [fenced(ascii), '', ...legend].join('\n');
  },
});

export const profilingTools = [emitFindings, emitBottleneckMap];
