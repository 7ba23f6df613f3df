/** The whole page from a ReportView: the charts first, then the report's tables with their sources. */
import type { ReportView } from '../view.js';
import { changesChart } from './charts/changes.js';
import { endpointsChart } from './charts/endpoints.js';
import { flameChart } from './charts/flame.js';
import { sloChart } from './charts/slo.js';
import { spectrumChart } from './charts/spectrum.js';
import { timelineCharts } from './charts/timeline.js';
import { uslChart } from './charts/usl.js';
import { el } from './dom.js';
import { label } from './labels.js';
import { renderMarkdown } from './markdown.js';

export function renderReport(root: HTMLElement, view: ReportView): void {
  const lang = view.language;
  root.replaceChildren();
  window.__aceCharts = [];
  document.documentElement.lang = lang;
  if (view.title) document.title = view.title;
  const c = view.charts;
  const charts = el('section', { class: 'charts' });
  const any = Object.values(c).some((v) => v !== undefined);
  if (any) {
    root.append(el('h2', {}, label(lang, 'charts')), charts);
    if (c.timeline) timelineCharts(charts, c.timeline, lang);
    if (c.spectrum) spectrumChart(charts, c.spectrum, lang);
    if (c.endpoints) endpointsChart(charts, c.endpoints, lang);
    if (c.usl) uslChart(charts, c.usl, lang);
    if (c.profile) flameChart(charts, c.profile, lang);
    if (c.slo) sloChart(charts, c.slo, lang);
    const cmp = c.comparison;
    if (cmp) {
      const tags = [`${label(lang, 'before')}: `, `${label(lang, 'after')}: `];
      if (cmp.changes) changesChart(charts, cmp.changes, lang);
      if (cmp.spectrum) {
        const { before, after } = cmp.spectrum;
        spectrumChart(charts, { source: cmp.source, endpoints: [...before.endpoints, ...after.endpoints] }, lang, 'compare-spectrum', [
          ...before.endpoints.map(() => tags[0]!),
          ...after.endpoints.map(() => tags[1]!),
        ]);
      }
      if (cmp.timeline) {
        timelineCharts(charts, cmp.timeline.before, lang, 'before-', tags[0]);
        timelineCharts(charts, cmp.timeline.after, lang, 'after-', tags[1]);
      }
      if (cmp.endpoints) {
        endpointsChart(charts, cmp.endpoints.before, lang, 'before-endpoints');
        endpointsChart(charts, cmp.endpoints.after, lang, 'after-endpoints');
      }
    }
  }
  if (view.markdown) {
    const report = el('section', { class: 'report' });
    renderMarkdown(view.markdown, report);
    root.append(report);
  }
}
