/**
 * The MCP App (ui://ace/report): the same renderer, fed by the tool result the host hands over
 * through the ext-apps App API. assemble_report gives the Markdown; loadtest_summary,
 * compare_runs and profile_top (with its call tree) give results whose charts are built here by the same pure builders as the audit's.
 */
import { App } from '@modelcontextprotocol/ext-apps';
import type { ReportLanguage } from '../../table.js';
import { chartsFromComparison, chartsFromLoadTest, type ChartsData, type ComparisonResult, type LoadTestResult, type ReportView } from '../view.js';
import { profileChart, type ProfileTopResult } from '../from-tools.js';
import { label } from './labels.js';
import { renderReport } from './render.js';

const root = document.getElementById('ace-report')!;
const language: ReportLanguage = document.documentElement.lang === 'fr' ? 'fr' : 'en';
root.textContent = label(language, 'waiting');

/** The view a tool's structured content gives. */
export function viewFromResult(content: Record<string, unknown> | undefined): ReportView | null {
  if (!content) return null;
  if (typeof content.markdown === 'string') {
    const lang = /^#[^\n]*\b(Rapport|rapport)\b/.test(content.markdown) ? 'fr' : language;
    return { language: lang, title: '', markdown: content.markdown, charts: (content.charts as ChartsData | undefined) ?? {} };
  }
  if (Array.isArray(content.by_self) && content.call_tree) {
    const profile = profileChart(content as unknown as ProfileTopResult);
    return profile ? { language, title: '', markdown: '', charts: { profile } } : null;
  }
  if (typeof content.verdict === 'string' && Array.isArray(content.metrics)) {
    return { language, title: '', markdown: '', charts: chartsFromComparison(content as unknown as ComparisonResult) };
  }
  if (Array.isArray(content.results) && content.results.length > 0) {
    const results = content.results as LoadTestResult[];
    const primary = [...results].sort((a, b) => b.overall.requests.value - a.overall.requests.value)[0]!;
    return { language, title: '', markdown: '', charts: chartsFromLoadTest(primary) };
  }
  return null;
}

const app = new App({ name: 'ace-report', version: '1' }, {});
app.ontoolresult = (result) => {
  const view = viewFromResult(result.structuredContent as Record<string, unknown> | undefined);
  if (view) renderReport(root, view);
};
void app.connect();
