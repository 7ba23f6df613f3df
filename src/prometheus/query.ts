/**
 * PromQL instant and range queries against a configured source, bounded (series, points) and
 * with their provenance: `promql <query> @ <source> [<time>]` or `[<start>, <end>, <step>]`.
 */
import { UserInputError } from '../errors.js';
import type { PrometheusSource } from '../sandbox/config.js';
import { apiGet } from './client.js';
import { formatDuration, formatTime } from './time.js';

/** Prometheus refuses more than 11,000 points per series; far fewer are useful to a reader. */
export const MAX_POINTS_PER_SERIES = 1000;
export const DEFAULT_SERIES_LIMIT = 20;
export const MAX_SERIES_LIMIT = 200;
/** Points over all series of one result. */
export const MAX_TOTAL_POINTS = 5000;

/** A sample as Prometheus writes it: Unix seconds and the value as a string ("NaN", "+Inf" stay exact). */
export type Sample = [number, string];

export interface NativeHistogram {
  count: string;
  sum: string;
  /** [boundary rule, lower, upper, count]. */
  buckets?: [number, string, string, string][];
}

export interface Series {
  labels: Record<string, string>;
  points: Sample[];
  /** Native-histogram samples, when the query returns histograms. */
  histograms?: [number, NativeHistogram][];
}

export interface QueryResult {
  source: string;
  query: string;
  result_type: 'vector' | 'matrix' | 'scalar' | 'string';
  provenance: string;
  series_total: number;
  series: Series[];
  truncated: string | null;
  warnings: string[];
}

export type QueryRange = { time: number } | { start: number; end: number; step: number };

export function provenance(query: string, source: string, range: QueryRange): string {
  const at = 'time' in range ? formatTime(range.time) : `${formatTime(range.start)}, ${formatTime(range.end)}, ${formatDuration(range.step)}`;
  return `promql ${query} @ ${source} [${at}]`;
}

interface RawSeries {
  metric?: Record<string, string>;
  value?: Sample;
  values?: Sample[];
  histogram?: [number, NativeHistogram];
  histograms?: [number, NativeHistogram][];
}

function toSeries(raw: RawSeries): Series {
  const out: Series = { labels: raw.metric ?? {}, points: raw.values ?? (raw.value ? [raw.value] : []) };
  const histograms = raw.histograms ?? (raw.histogram ? [raw.histogram] : undefined);
  if (histograms) out.histograms = histograms;
  return out;
}

function pointsOf(s: Series): number {
  return s.points.length + (s.histograms?.length ?? 0);
}

/** Runs the query and bounds its answer; a range whose series would exceed the point cap is refused before asking. */
export async function runQuery(
  source: PrometheusSource,
  query: string,
  range: QueryRange,
  options: { seriesLimit?: number; signal?: AbortSignal } = {},
): Promise<QueryResult> {
  const params = new URLSearchParams({ query });
  let path = '/api/v1/query';
  if ('time' in range) {
    params.set('time', String(range.time));
  } else {
    if (range.end < range.start) throw new UserInputError('end is before start: swap them');
    const points = Math.floor((range.end - range.start) / range.step) + 1;
    if (points > MAX_POINTS_PER_SERIES) {
      const step = Math.ceil((range.end - range.start) / (MAX_POINTS_PER_SERIES - 1));
      throw new UserInputError(
        `this range has ${points} points per series at step ${formatDuration(range.step)}, over the cap of ${MAX_POINTS_PER_SERIES}: use a step of at least ${formatDuration(step)} or a shorter range`,
      );
    }
    path = '/api/v1/query_range';
    params.set('start', String(range.start));
    params.set('end', String(range.end));
    params.set('step', String(range.step));
  }
  const { data, warnings } = await apiGet(source, path, params, options.signal);
  const { resultType, result } = (data ?? {}) as { resultType?: string; result?: unknown };
  const seriesLimit = options.seriesLimit ?? DEFAULT_SERIES_LIMIT;
  let all: Series[];
  if (resultType === 'scalar' || resultType === 'string') all = [{ labels: {}, points: [result as Sample] }];
  else if ((resultType === 'vector' || resultType === 'matrix') && Array.isArray(result)) all = (result as RawSeries[]).map(toSeries);
  else throw new UserInputError(`prometheus source "${source.name}" answered a result of an unknown type: check that it is a Prometheus server`);

  const kept: Series[] = [];
  let points = 0;
  for (const s of all.slice(0, seriesLimit)) {
    if (points + pointsOf(s) > MAX_TOTAL_POINTS) break;
    kept.push(s);
    points += pointsOf(s);
  }
  const truncated =
    kept.length < all.length
      ? `${all.length} series, ${kept.length} shown (${kept.length < Math.min(all.length, seriesLimit) ? `the cap of ${MAX_TOTAL_POINTS} points` : `limit ${seriesLimit}`}): aggregate with sum by (...), topk(...), a larger step or a narrower selector${seriesLimit < MAX_SERIES_LIMIT ? `, or raise limit (up to ${MAX_SERIES_LIMIT})` : ''}`
      : null;
  return {
    source: source.name,
    query,
    result_type: resultType,
    provenance: provenance(query, source.name, range),
    series_total: all.length,
    series: kept,
    truncated,
    warnings,
  };
}
