/**
 * A chart's frame: a <figure> with its title, the source and any downsampling note, and the
 * summary tests and tools read (data-series / data-points, and window.__aceCharts).
 */
import type { ReportLanguage } from '../../../table.js';
import { el } from '../dom.js';
import { label } from '../labels.js';

export interface ChartSummary {
  id: string;
  /** What draws the marks. */
  kind: 'canvas' | 'svg';
  series: { name: string; points: number }[];
  downsampled?: { from: number; to: number };
}

declare global {
  interface Window {
    __aceCharts?: ChartSummary[];
  }
}

export interface Frame {
  figure: HTMLElement;
  body: HTMLElement;
  done(summary: Omit<ChartSummary, 'id'>): void;
}

export function frame(
  parent: HTMLElement,
  id: string,
  title: string,
  source: string,
  language: ReportLanguage,
  downsampled?: { from: number; to: number },
): Frame {
  const body = el('div', { class: 'chart-body' });
  const figure = el('figure', { class: 'chart', 'data-chart': id }, el('figcaption', {}, title), body);
  if (downsampled) figure.append(el('p', { class: 'note' }, label(language, 'downsampled', downsampled)));
  figure.append(el('p', { class: 'source' }, label(language, 'source') + source));
  parent.append(figure);
  return {
    figure,
    body,
    done(summary) {
      const full: ChartSummary = { id, ...summary };
      figure.setAttribute('data-series', String(full.series.length));
      figure.setAttribute('data-points', String(full.series.reduce((n, s) => n + s.points, 0)));
      (window.__aceCharts ??= []).push(full);
    },
  };
}

export const PALETTE = ['#2563eb', '#d97706', '#dc2626', '#059669', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c', '#4f46e5', '#0d9488'];

/** Width available to a chart inside its figure. */
export function widthOf(body: HTMLElement): number {
  return Math.max(320, Math.min(1100, Math.floor(body.getBoundingClientRect().width || 900)));
}
