/**
 * Latency by percentile, per endpoint, against −log10(1 − p): 90 %, 99 %, 99.9 %, 99.99 % evenly
 * spaced, as HdrHistogram's plots; the maximum drawn just past the last percentile (uPlot).
 */
import uPlot from 'uplot';
import type { ReportLanguage } from '../../../table.js';
import type { SpectrumChart } from '../../view.js';
import { label } from '../labels.js';
import { frame, PALETTE, widthOf } from './frame.js';
import { significant } from '../../../../numbers.js';

const LAST = 5; // 99.999 %

/** x position of percentile p (0..100). */
export function spectrumX(p: number): number {
  if (p >= 100) return LAST + 0.4;
  return Math.min(LAST, -Math.log10(1 - p / 100));
}

const TICKS = [0, 1, 2, 3, 4, 5];
const TICK_LABELS = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%'];

export function spectrumChart(parent: HTMLElement, data: SpectrumChart, language: ReportLanguage, id = 'spectrum', tags: string[] = []): void {
  const f = frame(parent, id, label(language, 'spectrum'), data.source, language);
  const xs = [...new Set(data.endpoints.flatMap((e) => e.points.map((p) => spectrumX(p.p))))].sort((a, b) => a - b);
  const ys = data.endpoints.map((e) => {
    const at = new Map(e.points.map((p) => [spectrumX(p.p), p.ms]));
    return xs.map((x) => at.get(x) ?? null);
  });
  const maxX = xs.length > 0 ? xs[xs.length - 1]! : LAST;
  const opts: uPlot.Options = {
    width: widthOf(f.body),
    height: 280,
    scales: { x: { time: false, range: [0, Math.max(2, Math.ceil(maxX * 2) / 2)] }, y: { distr: ys.flat().every((v) => v === null || v > 0) ? 3 : 1 } },
    series: [
      { label: label(language, 'percentile'), value: (_u, v) => (v === null ? '' : v > LAST ? 'max' : `${significant(100 * (1 - 10 ** -v), 6)}%`) },
      ...data.endpoints.map((e, i) => ({
        label: `${tags[i] ?? ''}${e.name}`,
        stroke: PALETTE[i % PALETTE.length],
        width: 1.5,
        spanGaps: true,
        points: { show: true, size: 5 },
      })),
    ],
    axes: [
      {
        label: label(language, 'percentile'),
        splits: () => [...TICKS.filter((t) => t <= maxX), ...(maxX > LAST ? [LAST + 0.4] : [])],
        values: (_u, splits) => splits.map((s) => (s > LAST ? 'max' : (TICK_LABELS[TICKS.indexOf(s)] ?? ''))),
      },
      { label: label(language, 'ms') },
    ],
  };
  new uPlot(opts, [xs, ...ys] as uPlot.AlignedData, f.body);
  f.done({ kind: 'canvas', series: data.endpoints.map((e) => ({ name: e.name, points: e.points.length })) });
}
