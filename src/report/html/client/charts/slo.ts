/** The SLO error budget and burn rates: the measured burn rate against the multi-window alerts' thresholds (SVG). */
import type { ReportLanguage } from '../../../table.js';
import type { SloChart } from '../../view.js';
import { el, svg } from '../dom.js';
import { label } from '../labels.js';
import { frame, PALETTE, widthOf } from './frame.js';
import { showNumber } from '../../../../numbers.js';

const ROW = 26;

function duration(hours: number, language: ReportLanguage): string {
  return hours >= 48 ? `${showNumber(hours / 24, 3)} ${label(language, 'days')}` : `${showNumber(hours, 3)} h`;
}

export function sloChart(parent: HTMLElement, data: SloChart, language: ReportLanguage): void {
  const f = frame(parent, 'slo', label(language, 'slo'), data.source, language);
  const hours = data.burnRate > 0 ? (data.windowDays * 24) / data.burnRate : null;
  f.body.append(
    el(
      'p',
      { class: 'subtitle' },
      label(language, 'budgetLine', {
        o: data.objective,
        w: data.windowDays,
        b: showNumber(data.burnRate, 3),
        h: hours === null ? label(language, 'never') : duration(hours, language),
      }),
    ),
  );
  if (data.consumed !== null) f.body.append(el('p', { class: 'subtitle' }, label(language, 'consumed', { c: showNumber(100 * data.consumed, 3) })));
  const width = widthOf(f.body);
  const bars = [
    { name: label(language, 'burnMeasured'), value: data.burnRate, colour: PALETTE[2]!, mark: 'measured' },
    ...data.alerts.map((a) => ({
      name: `${label(language, 'alert')} ${a.long}/${a.short} (${a.severity})`,
      value: a.burnRate,
      colour: PALETTE[8]!,
      mark: 'threshold',
    })),
  ];
  const nameW = 220;
  const height = bars.length * ROW + 24;
  const max = Math.max(...bars.map((b) => b.value), 1) * 1.1;
  const X = (v: number) => nameW + ((width - nameW - 70) * v) / max;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  bars.forEach((b, i) => {
    const y = 6 + i * ROW;
    root.append(svg('text', { x: nameW - 8, y: y + 15, 'text-anchor': 'end', class: 'name' }, b.name));
    root.append(svg('rect', { x: nameW, y, width: Math.max(1, X(b.value) - nameW), height: ROW - 8, fill: b.colour, 'data-mark': b.mark }));
    root.append(svg('text', { x: X(b.value) + 4, y: y + 15, class: 'value' }, `${showNumber(b.value, 3)}x`));
  });
  root.append(svg('line', { x1: X(1), y1: 0, x2: X(1), y2: height - 14, stroke: '#111', 'stroke-dasharray': '3 3' }));
  root.append(svg('text', { x: X(1) + 3, y: height - 3, class: 'tick' }, '1x'));
  f.body.append(root);
  f.done({
    kind: 'svg',
    series: [
      { name: 'measured', points: 1 },
      { name: 'thresholds', points: data.alerts.length },
    ],
  });
}
