/**
 * `loadtest_series`: a run's load over time at full resolution (downsampled past 2,880 points,
 * peaks kept) and its percentile spectrum per endpoint, for charts: what loadtest_summary's
 * 120-point history and five percentiles leave out. Paged over the time points.
 */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { defineTool } from '../define.js';
import { chartSeriesReader } from './load.js';
import { loadTestInputs, resolveFiles } from './shared.js';

/** Time points per page: seven series of them fit the result cap with room to spare. */
export const SERIES_PAGE_POINTS = 400;

const SeriesKey = z.enum(['p50', 'p95', 'p99', 'rps', 'errors', 'users']);

const input = z.object({
  paths: z
    .array(z.string().min(1))
    .min(1)
    .max(50)
    .describe("One run's files, relative to the project root: a Locust run's _stats.csv and _stats_history.csv, or the JMeter CSV JTL files of one run"),
  offset: z.number().int().min(0).optional().describe('First time point of the page (default 0; next_offset gives the next page)'),
  limit: z.number().int().min(1).max(SERIES_PAGE_POINTS).optional().describe(`Time points per page (default and maximum ${SERIES_PAGE_POINTS})`),
});

const output = z.object({
  source: z.string().describe('the files the series were read from'),
  points_total: z.number().int().describe('time points of the whole run, after downsampling'),
  downsampled: z
    .object({ from: z.number().int(), to: z.number().int() })
    .optional()
    .describe('set when the run had more than 2,880 points (largest-triangle-three-buckets, which keeps peaks)'),
  offset: z.number().int(),
  next_offset: z.number().int().optional().describe('set when more points follow'),
  t: z.array(z.number()).describe('seconds since the start of the run'),
  series: z.array(z.object({ key: SeriesKey, values: z.array(z.number().nullable()) })).describe('ms for p50/p95/p99, per second for rps and errors, users'),
  spectrum: z
    .object({ source: z.string(), endpoints: z.array(z.object({ name: z.string(), points: z.array(z.object({ p: z.number(), ms: z.number() })) })) })
    .nullable()
    .describe('latency at percentiles per endpoint (first page only; null on the others or when the files have none)'),
});

export const loadtestSeriesTool = defineTool({
  name: 'loadtest_series',
  title: 'Load-test time series and percentile spectrum',
  description: `One run's load over time second by second — P50/P95/P99 latency, requests/s, errors/s and active users — and each endpoint's latency at percentiles up to the maximum (Locust's percentile columns; a raw run's histogram at 16 percentiles towards P99.999), for charts and for reading warm-up, saturation and pauses that a summary hides.
Reads a Locust run (_stats_history.csv for the series, _stats.csv for the spectrum) or the JMeter CSV JTL files of one run; other formats have only loadtest_summary's history. Series longer than 2,880 points are downsampled (largest-triangle-three-buckets, peaks kept). Paged: ${SERIES_PAGE_POINTS} points at most per call; pass next_offset as offset for the next page.`,
  group: 'analyse',
  input,
  output,
  async handle({ sandbox, signal }, params) {
    const inputs = await loadTestInputs(sandbox, await resolveFiles(sandbox, params.paths));
    const { chartSeries } = await chartSeriesReader();
    const { timeline, spectrum } = await chartSeries(inputs, signal);
    if (!timeline && !spectrum)
      throw new UserInputError(
        `no time series or percentile spectrum in ${inputs.map((i) => i.path).join(', ')}: give a Locust run's _stats_history.csv / _stats.csv or a JMeter CSV JTL (loadtest_summary reads the other formats)`,
      );
    const offset = params.offset ?? 0;
    const limit = params.limit ?? SERIES_PAGE_POINTS;
    const total = timeline?.t.length ?? 0;
    if (offset > total) throw new UserInputError(`offset ${offset} is past the last time point (${total})`);
    const end = Math.min(total, offset + limit);
    const data = {
      source: timeline?.source ?? spectrum!.source,
      points_total: total,
      ...(timeline?.downsampled ? { downsampled: timeline.downsampled } : {}),
      offset,
      ...(end < total ? { next_offset: end } : {}),
      t: timeline?.t.slice(offset, end) ?? [],
      series: (timeline?.series ?? []).map((s) => ({ key: s.key, values: s.values.slice(offset, end) })),
      spectrum: offset === 0 ? (spectrum ?? null) : null,
    };
    const text = [
      `${data.source}: ${total} time points${data.downsampled ? ` (downsampled from ${data.downsampled.from})` : ''}; points ${offset}..${end - 1} here${data.next_offset !== undefined ? `, next_offset ${data.next_offset}` : ''}`,
      `series: ${data.series.map((s) => s.key).join(', ') || 'none'}`,
      ...(data.spectrum ? [`spectrum: ${data.spectrum.endpoints.map((e) => `${e.name} (${e.points.length} percentiles)`).join(', ')}`] : []),
    ].join('\n');
    return { data, text };
  },
});
