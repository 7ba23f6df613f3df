/** Latency P50/P95/P99 over time, and throughput, errors and active users over time (uPlot). */
import uPlot from 'uplot';
import type { ReportLanguage } from '../../../table.js';
import type { TimelineChart, TimelineKey } from '../../view.js';
import { label, type LabelKey } from '../labels.js';
import { frame, PALETTE, widthOf } from './frame.js';

const NAMES: Record<TimelineKey, LabelKey | string> = { p50: 'P50', p95: 'P95', p99: 'P99', rps: 'rps', errors: 'errors', users: 'users' };
const COLOURS: Record<TimelineKey, string> = {
  p50: PALETTE[3]!,
  p95: PALETTE[1]!,
  p99: PALETTE[2]!,
  rps: PALETTE[0]!,
  errors: PALETTE[2]!,
  users: PALETTE[4]!,
};

function seriesName(key: TimelineKey, language: ReportLanguage): string {
  return key.startsWith('p') ? NAMES[key] : label(language, NAMES[key] as LabelKey);
}

function plot(parent: HTMLElement, id: string, title: string, data: TimelineChart, keys: TimelineKey[], language: ReportLanguage, tag = ''): void {
  const series = data.series.filter((s) => keys.includes(s.key));
  if (series.length === 0) return;
  const f = frame(parent, id, title, data.source, language, data.downsampled);
  const latency = keys.includes('p50');
  const scaleOf = (k: TimelineKey) => (k === 'users' ? 'users' : latency ? 'ms' : 'rps');
  const opts: uPlot.Options = {
    width: widthOf(f.body),
    height: 260,
    scales: { x: { time: false } },
    legend: { show: true },
    cursor: { show: true },
    series: [
      { label: label(language, 'seconds') },
      ...series.map((s) => ({
        label: `${tag}${seriesName(s.key, language)}`,
        stroke: COLOURS[s.key],
        width: 1.5,
        scale: scaleOf(s.key),
        spanGaps: false,
        points: { show: data.t.length <= 60 },
      })),
    ],
    axes: [
      { label: label(language, 'seconds') },
      { scale: latency ? 'ms' : 'rps', label: latency ? label(language, 'ms') : `${label(language, 'rps')}, ${label(language, 'errors')}` },
      ...(series.some((s) => s.key === 'users') ? [{ scale: 'users', side: 1 as const, label: label(language, 'users'), grid: { show: false } }] : []),
    ],
  };
  new uPlot(opts, [data.t, ...series.map((s) => s.values)] as uPlot.AlignedData, f.body);
  f.done({
    kind: 'canvas',
    series: series.map((s) => ({ name: s.key, points: s.values.filter((v) => v !== null).length })),
    ...(data.downsampled ? { downsampled: data.downsampled } : {}),
  });
}

export function timelineCharts(parent: HTMLElement, data: TimelineChart, language: ReportLanguage, idPrefix = '', tag = ''): void {
  plot(parent, `${idPrefix}latency-time`, label(language, 'latencyOverTime'), data, ['p50', 'p95', 'p99'], language, tag);
  plot(parent, `${idPrefix}load-time`, label(language, 'loadOverTime'), data, ['rps', 'errors', 'users'], language, tag);
}
