/** Per-endpoint comparison: requests, errors and P95, one row of horizontal bars each (SVG). */
import type { ReportLanguage } from '../../../table.js';
import type { EndpointsChart } from '../../view.js';
import { svg } from '../dom.js';
import { label } from '../labels.js';
import { frame, PALETTE, widthOf } from './frame.js';
import { showNumber } from '../../../../numbers.js';

const ROW = 22;

export function endpointsChart(parent: HTMLElement, data: EndpointsChart, language: ReportLanguage, id = 'endpoints'): void {
  const f = frame(parent, id, label(language, 'endpoints'), data.source, language);
  const rows = data.rows.slice(0, 30);
  const width = widthOf(f.body);
  const nameW = Math.min(260, Math.floor(width * 0.28));
  const colW = Math.floor((width - nameW - 20) / 3);
  const height = 30 + rows.length * ROW + 10;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const metrics = [
    { name: 'requests', title: label(language, 'requests'), value: (r: (typeof rows)[number]) => r.requests, colour: PALETTE[0]! },
    { name: 'errors', title: label(language, 'errorsCount'), value: (r: (typeof rows)[number]) => r.errors, colour: PALETTE[2]! },
    { name: 'p95', title: label(language, 'p95'), value: (r: (typeof rows)[number]) => r.p95, colour: PALETTE[1]! },
  ];
  const counts = metrics.map(() => 0);
  metrics.forEach((m, j) => {
    const x0 = nameW + 10 + j * colW;
    root.append(svg('text', { x: x0, y: 16, class: 'axis-title' }, m.title));
    const max = Math.max(...rows.map((r) => m.value(r) ?? 0), 1e-9);
    rows.forEach((r, i) => {
      const v = m.value(r);
      if (v === null) return;
      const y = 26 + i * ROW;
      const w = v > 0 ? Math.max(1, ((colW - 70) * v) / max) : 0;
      root.append(svg('rect', { x: x0, y, width: w, height: ROW - 6, fill: m.colour, 'data-mark': m.name }));
      root.append(svg('text', { x: x0 + w + 4, y: y + ROW - 10, class: 'value' }, showNumber(v, 4)));
      counts[j]!++;
    });
  });
  rows.forEach((r, i) => {
    const t = svg(
      'text',
      { x: nameW, y: 26 + i * ROW + ROW - 10, 'text-anchor': 'end', class: 'name' },
      r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name,
    );
    t.append(svg('title', {}, r.name));
    root.append(t);
  });
  f.body.append(root);
  f.done({ kind: 'svg', series: metrics.map((m, j) => ({ name: m.name, points: counts[j]! })) });
}
