/**
 * BEFORE/AFTER changes as a forest plot (SVG): one row per metric, a dot at the change in %, a
 * bar for its confidence interval, the noise band (± threshold) shaded around zero, and the
 * verdict's colour.
 */
import type { ReportLanguage } from '../../../table.js';
import type { ChangesChart, Verdict } from '../../view.js';
import { svg } from '../dom.js';
import { label } from '../labels.js';
import { frame, widthOf } from './frame.js';
import { showNumber } from '../../../../numbers.js';

const ROW = 24;
const COLOURS: Record<Verdict, string> = { improved: '#059669', regressed: '#dc2626', unchanged: '#475569', inconclusive: '#d97706' };

export function changesChart(parent: HTMLElement, data: ChangesChart, language: ReportLanguage, id = 'changes'): void {
  const f = frame(parent, id, label(language, 'changes'), data.source, language);
  const width = widthOf(f.body);
  const nameW = Math.min(280, Math.floor(width * 0.3));
  const valueW = 220;
  const plotX = nameW + 10;
  const plotW = width - plotX - valueW;
  const height = 30 + data.rows.length * ROW + 24;
  const extent = Math.max(data.thresholdPct * 2, ...data.rows.flatMap((r) => [Math.abs(r.change), ...(r.ci ?? []).map(Math.abs)]).filter(Number.isFinite), 1);
  const x = (pct: number) => plotX + ((Math.max(-extent, Math.min(extent, pct)) + extent) / (2 * extent)) * plotW;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const bottom = 26 + data.rows.length * ROW;
  root.append(svg('rect', { x: x(-data.thresholdPct), y: 20, width: x(data.thresholdPct) - x(-data.thresholdPct), height: bottom - 20, fill: '#e2e8f0' }));
  root.append(svg('line', { x1: x(0), x2: x(0), y1: 20, y2: bottom, stroke: '#64748b' }));
  for (const tick of [-extent, -extent / 2, 0, extent / 2, extent])
    root.append(svg('text', { x: x(tick), y: bottom + 16, 'text-anchor': 'middle', class: 'value' }, `${tick > 0 ? '+' : ''}${showNumber(tick, 2)} %`));
  root.append(svg('text', { x: plotX, y: 14, class: 'axis-title' }, label(language, 'changeAxis', { t: showNumber(data.thresholdPct, 3) })));
  data.rows.forEach((r, i) => {
    const y = 26 + i * ROW + ROW / 2;
    const colour = COLOURS[r.verdict];
    const name = `${r.endpoint === '*' ? label(language, 'allRequests') : r.endpoint} · ${r.metric}`;
    const t = svg('text', { x: nameW, y: y + 4, 'text-anchor': 'end', class: 'name' }, name.length > 44 ? `${name.slice(0, 43)}…` : name);
    t.append(svg('title', {}, name));
    root.append(t);
    if (r.ci) root.append(svg('line', { x1: x(r.ci[0]), x2: x(r.ci[1]), y1: y, y2: y, stroke: colour, 'stroke-width': 3, 'data-mark': 'ci' }));
    root.append(svg('circle', { cx: x(r.change), cy: y, r: 5, fill: colour, 'data-mark': 'change' }));
    const ci = r.ci ? ` [${showNumber(r.ci[0], 3)}, ${showNumber(r.ci[1], 3)}]` : '';
    root.append(
      svg(
        'text',
        { x: plotX + plotW + 8, y: y + 4, class: 'value' },
        `${r.change > 0 ? '+' : ''}${showNumber(r.change, 3)} %${ci} ${label(language, r.verdict)}`,
      ),
    );
  });
  f.body.append(root);
  f.done({
    kind: 'svg',
    series: [
      { name: 'change', points: data.rows.length },
      { name: 'ci', points: data.rows.filter((r) => r.ci).length },
    ],
  });
}
