/** The USL fit: measured (concurrency, throughput) points, the fitted curve, N* and the knee (SVG). */
import type { ReportLanguage } from '../../../table.js';
import type { UslChart } from '../../view.js';
import { el, svg } from '../dom.js';
import { label } from '../labels.js';
import { frame, PALETTE, widthOf } from './frame.js';
import { showNumber } from '../../../../numbers.js';

/** The next round number at or above v (1, 2, 2.5, 5 × 10^k). */
function nice(v: number): number {
  const k = 10 ** Math.floor(Math.log10(v || 1));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((s) => s * k >= v) ?? 10) * k;
}

export function uslChart(parent: HTMLElement, data: UslChart, language: ReportLanguage): void {
  const f = frame(parent, 'usl', label(language, 'usl'), data.source, language);
  const width = widthOf(f.body);
  const height = 300;
  const m = { l: 60, r: 20, t: 34, b: 44 };
  const curve = data.curve;
  const xMax = nice(Math.max(...data.points.map((p) => p.n), ...curve.map((p) => p.n), 1));
  const yMax = nice(Math.max(...data.points.map((p) => p.x), ...curve.map((p) => p.x)) * 1.05);
  const X = (n: number) => m.l + ((width - m.l - m.r) * n) / xMax;
  const Y = (x: number) => height - m.b - ((height - m.t - m.b) * x) / yMax;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  root.append(svg('line', { x1: m.l, y1: height - m.b, x2: width - m.r, y2: height - m.b, class: 'axis' }));
  root.append(svg('line', { x1: m.l, y1: m.t, x2: m.l, y2: height - m.b, class: 'axis' }));
  for (let i = 0; i <= 4; i++) {
    const n = (xMax * i) / 4;
    const x = (yMax * i) / 4;
    root.append(svg('text', { x: X(n), y: height - m.b + 16, 'text-anchor': 'middle', class: 'tick' }, showNumber(n, 2)));
    root.append(svg('text', { x: m.l - 6, y: Y(x) + 4, 'text-anchor': 'end', class: 'tick' }, showNumber(x, 3)));
  }
  root.append(svg('text', { x: (m.l + width - m.r) / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, label(language, 'concurrency')));
  root.append(svg('text', { x: 14, y: 14, class: 'axis-title' }, label(language, 'throughput')));
  root.append(
    svg('path', {
      d: curve.map((p, i) => `${i ? 'L' : 'M'}${X(p.n).toFixed(1)},${Y(p.x).toFixed(1)}`).join(''),
      fill: 'none',
      stroke: PALETTE[0]!,
      'stroke-width': 2,
      'data-mark': 'fitted',
    }),
  );
  for (const p of data.points) root.append(svg('circle', { cx: X(p.n), cy: Y(p.x), r: 4, fill: PALETTE[1]!, 'data-mark': 'measured' }));
  const marker = (n: number | null, text: string, colour: string, row: number) => {
    if (n === null) return;
    if (n > xMax) {
      root.append(
        svg(
          'text',
          { x: width - m.r, y: m.t + 14 * row, 'text-anchor': 'end', class: 'note' },
          `${text}: N ≈ ${showNumber(n, 3)} (${label(language, 'beyond')})`,
        ),
      );
      return;
    }
    const left = X(n) > width / 2;
    root.append(svg('line', { x1: X(n), y1: m.t, x2: X(n), y2: height - m.b, stroke: colour, 'stroke-dasharray': '4 3', 'data-mark': text }));
    root.append(
      svg('text', { x: X(n) + (left ? -4 : 4), y: m.t + 14 * row, 'text-anchor': left ? 'end' : 'start', class: 'note' }, `${text}: N ≈ ${showNumber(n, 3)}`),
    );
  };
  marker(data.peak, label(language, 'peak'), PALETTE[2]!, 1);
  marker(data.knee, label(language, 'knee'), PALETTE[4]!, 3);
  f.body.append(root);
  const params = `σ = ${showNumber(data.sigma, 3)}, κ = ${showNumber(data.kappa, 3)}, λ = ${showNumber(data.lambda, 3)} req/s, R² = ${showNumber(data.r2, 3)}`;
  f.body.append(el('p', { class: 'subtitle' }, data.peak === null ? `${params}; ${label(language, 'noPeak')}` : params));
  f.done({
    kind: 'svg',
    series: [
      { name: 'measured', points: data.points.length },
      { name: 'fitted', points: curve.length },
    ],
  });
}
