/** The CPU profile as a flame graph (callers on top, an icicle), with the top functions beside it (SVG). */
import type { ReportLanguage } from '../../../table.js';
import type { FlameNode, ProfileChart } from '../../view.js';
import { el, svg } from '../dom.js';
import { label } from '../labels.js';
import { frame, widthOf } from './frame.js';
import { showNumber } from '../../../../numbers.js';

const ROW = 18;

/** A warm colour from the frame's name, stable between renders. */
function colour(name: string): string {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${10 + (h % 40)}, ${70 + (h % 20)}%, ${55 + (h % 12)}%)`;
}

export function flameChart(parent: HTMLElement, data: ProfileChart, language: ReportLanguage): void {
  const f = frame(parent, 'flame', label(language, 'flame'), `${data.source}${data.note ? ` (${data.note})` : ''}`, language);
  const width = widthOf(f.body);
  const rects: { n: FlameNode; x: number; w: number; depth: number }[] = [];
  const stack = [{ n: data.root, x: 0, w: width, depth: 0 }];
  while (stack.length > 0) {
    const r = stack.pop()!;
    if (r.w < 0.5) continue;
    rects.push(r);
    let x = r.x;
    for (const c of r.n.c ?? []) {
      const w = (r.w * c.v) / (r.n.v || 1);
      stack.push({ n: c, x, w, depth: r.depth + 1 });
      x += w;
    }
  }
  const depth = Math.max(...rects.map((r) => r.depth)) + 1;
  const root = svg('svg', { width, height: depth * ROW, viewBox: `0 0 ${width} ${depth * ROW}`, role: 'img', class: 'flame' });
  for (const r of rects) {
    const g = svg('g');
    g.append(
      svg('rect', {
        x: r.x.toFixed(2),
        y: r.depth * ROW,
        width: Math.max(0.5, r.w - 0.5).toFixed(2),
        height: ROW - 1,
        fill: colour(r.n.name),
        'data-mark': 'frame',
      }),
    );
    if (r.w > 40) {
      const chars = Math.floor((r.w - 6) / 6.2);
      g.append(
        svg(
          'text',
          { x: (r.x + 3).toFixed(2), y: r.depth * ROW + 13, class: 'frame' },
          r.n.name.length > chars ? `${r.n.name.slice(0, Math.max(1, chars - 1))}…` : r.n.name,
        ),
      );
    }
    g.append(svg('title', {}, `${r.n.name}: ${showNumber(r.n.v, 4)} ${data.unit} (${showNumber((100 * r.n.v) / (data.root.v || 1), 3)} %)`));
    root.append(g);
  }
  f.body.append(root);
  const table = el('table', { class: 'top' });
  table.append(el('thead', {}, el('tr', {}, el('th', {}, label(language, 'fn')), el('th', {}, label(language, 'share')))));
  const body = table.appendChild(el('tbody'));
  for (const t of data.top)
    body.append(
      el('tr', {}, el('td', {}, t.location ? `${t.name} (${t.location.replace(/^.*[\\/]/, '')})` : t.name), el('td', {}, `${showNumber(100 * t.share, 3)} %`)),
    );
  f.body.append(el('p', { class: 'subtitle' }, label(language, 'topFunctions')), table);
  f.done({ kind: 'svg', series: [{ name: 'frames', points: rects.length }] });
}
