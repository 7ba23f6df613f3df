import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { sourceNamed } from '../../prometheus/client.js';
import {
  DEFAULT_SERIES_LIMIT,
  MAX_POINTS_PER_SERIES,
  MAX_SERIES_LIMIT,
  MAX_TOTAL_POINTS,
  runQuery,
  type QueryRange,
  type QueryResult,
} from '../../prometheus/query.js';
import { parseDuration, parseTime } from '../../prometheus/time.js';
import { MeasuredSource } from '../../report/quantity.js';
import { defineTool } from '../define.js';

const TimeParam = z.union([z.string().max(40), z.number()]);
/** The points a range query aims for when no step is given. */
const DEFAULT_RANGE_POINTS = 250;

const input = z.object({
  source: z.string().min(1).max(100).describe('Name of a Prometheus source listed under "prometheus" in ace.config.json (never a URL).'),
  query: z.string().min(1).max(4000).describe('PromQL expression.'),
  time: TimeParam.optional().describe('Instant query: evaluation time (Unix seconds, RFC 3339, "now" or "now-1h"; default now).'),
  start: TimeParam.optional().describe('Range query: start time (same forms as time). Giving start makes it a range query.'),
  end: TimeParam.optional().describe('Range query: end time (default now).'),
  step: z
    .union([z.string().max(20), z.number().positive()])
    .optional()
    .describe(`Range query: resolution, a duration ("15s", "5m") or seconds (default: the range / ${DEFAULT_RANGE_POINTS}).`),
  limit: z.number().int().min(1).max(MAX_SERIES_LIMIT).optional().describe(`Series returned at most (default ${DEFAULT_SERIES_LIMIT}).`),
});

const Sample = z.tuple([z.number(), z.string()]);
const output = z.object({
  source: z.string(),
  query: z.string(),
  result_type: z.enum(['vector', 'matrix', 'scalar', 'string']),
  provenance: z.string().describe('promql <query> @ <source> [<time>] or [<start>, <end>, <step>]'),
  source_ref: MeasuredSource.describe('Cite a figure taken from this result with this source in the emit tools.'),
  series_total: z.number().int(),
  series: z.array(
    z.object({
      labels: z.record(z.string(), z.string()),
      points: z.array(Sample).describe('[Unix seconds, value as Prometheus writes it]'),
      histograms: z
        .array(
          z.tuple([
            z.number(),
            z.object({
              count: z.string(),
              sum: z.string(),
              buckets: z.array(z.tuple([z.number(), z.string(), z.string(), z.string()])).optional(),
            }),
          ]),
        )
        .optional()
        .describe('native-histogram samples: [time, {count, sum, buckets: [boundary rule, lower, upper, count]}]'),
    }),
  ),
  truncated: z.string().nullable().describe('set when series were left out, with how to narrow the query'),
  warnings: z.array(z.string()),
});

function rangeOf(params: z.output<typeof input>, now: number): QueryRange {
  if (params.start === undefined) {
    if (params.end !== undefined || params.step !== undefined)
      throw new UserInputError('end and step are for range queries: give start too, or use time for an instant query');
    return { time: parseTime(params.time, 'time', now) };
  }
  if (params.time !== undefined) throw new UserInputError('give time (instant query) or start/end/step (range query), not both');
  const start = parseTime(params.start, 'start', now);
  const end = parseTime(params.end, 'end', now);
  const step = params.step === undefined ? Math.max(1, Math.ceil((end - start) / DEFAULT_RANGE_POINTS)) : parseDuration(params.step, 'step');
  return { start, end, step };
}

function render(r: QueryResult): string {
  const lines = [`${r.provenance}: ${r.result_type}, ${r.series_total} series`];
  for (const s of r.series) {
    const labels = `{${Object.entries(s.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ')}}`;
    if (s.histograms?.length) {
      const [, h] = s.histograms[s.histograms.length - 1]!;
      lines.push(`${labels} native histogram: count ${h.count}, sum ${h.sum} (${s.histograms.length} sample(s))`);
    } else if (s.points.length === 1) {
      lines.push(`${labels} ${s.points[0]![1]}`);
    } else {
      const values = s.points.map((p) => Number(p[1])).filter(Number.isFinite);
      const last = s.points[s.points.length - 1]?.[1] ?? '';
      lines.push(`${labels} ${s.points.length} points, min ${Math.min(...values)}, max ${Math.max(...values)}, last ${last}`);
    }
  }
  if (r.truncated) lines.push(`(truncated: ${r.truncated})`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}

export const metricsQueryTool = defineTool({
  name: 'metrics_query',
  title: 'Prometheus query (production metrics)',
  description: `Run a read-only PromQL instant or range query against a Prometheus named in ace.config.json ("prometheus": [{"name", "url", "headers_from_env"}]): production latency, throughput, errors and saturation, instead of guessing.
Give source (a configured name, never a URL) and query; add start (and end, step) for a range query. Returns each series' labels and samples as Prometheus writes them, up to limit series (default ${DEFAULT_SERIES_LIMIT}, max ${MAX_SERIES_LIMIT}) and ${MAX_TOTAL_POINTS} points in all, at most ${MAX_POINTS_PER_SERIES} per series; aggregate (sum by, topk, histogram_quantile) rather than pulling raw series.
Cite a figure taken from the result as source_ref (measured, "promql <query> @ <source> [...]") in the emit tools. For a service's throughput, errors and P50/P95/P99 per endpoint, metrics_red_baseline does the discovery and maths.`,
  group: 'production',
  input,
  output,
  async handle(ctx, params) {
    const source = sourceNamed(ctx.sandbox.prometheus, params.source);
    const range = rangeOf(params, Date.now() / 1000);
    const result = await runQuery(source, params.query, range, { seriesLimit: params.limit, signal: ctx.signal });
    return { data: { ...result, source_ref: { kind: 'measured' as const, ref: result.provenance } }, text: render(result) };
  },
});
