/**
 * The `ace diff --json` contract of issue 12, exactly: `{verdict, metrics: [{endpoint, metric,
 * before, after, change_pct, ci_pct, verdict}], notes}`. The comparison's extra fields stay
 * out; the reasons of inconclusive verdicts join the notes (once per distinct reason), and
 * the metrics the contract does not name (`mean`) are left out, the top-level verdict
 * recomputed over the rows that remain.
 */
import type { Comparison, MetricComparison, Verdict } from './types.js';
import { overallVerdict } from './verdict.js';

export const CONTRACT_METRICS = ['p50', 'p90', 'p95', 'p99', 'max', 'error_rate', 'throughput'] as const;
export type ContractMetricName = (typeof CONTRACT_METRICS)[number];

export interface ContractMetric {
  endpoint: string;
  metric: ContractMetricName;
  before: number | null;
  after: number | null;
  change_pct: number | null;
  ci_pct: [number, number] | null;
  verdict: Verdict;
}

export interface ContractResult {
  verdict: Verdict;
  metrics: ContractMetric[];
  notes: string[];
}

const IN_CONTRACT: ReadonlySet<string> = new Set(CONTRACT_METRICS);

export function inContract(m: MetricComparison): m is MetricComparison & { metric: ContractMetricName } {
  return IN_CONTRACT.has(m.metric);
}

/** "inconclusive on 4 metrics (/items p95, ...): <reason>", one line per distinct reason. */
export function reasonNotes(metrics: readonly MetricComparison[], shown = 3): string[] {
  const byReason = new Map<string, string[]>();
  for (const m of metrics) {
    if (m.verdict !== 'inconclusive' || !m.reason) continue;
    const list = byReason.get(m.reason) ?? [];
    list.push(`${m.endpoint} ${m.metric}`);
    byReason.set(m.reason, list);
  }
  return [...byReason].map(([reason, rows]) => {
    const names = rows.slice(0, shown).join(', ') + (rows.length > shown ? `, +${rows.length - shown} more` : '');
    return `inconclusive on ${rows.length} metric${rows.length > 1 ? 's' : ''} (${names}): ${reason}`;
  });
}

export function toContract(c: Comparison): ContractResult {
  const rows = c.metrics.filter(inContract);
  return {
    verdict: overallVerdict(rows),
    metrics: rows.map((m) => ({
      endpoint: m.endpoint,
      metric: m.metric,
      before: m.before,
      after: m.after,
      change_pct: m.change_pct,
      ci_pct: m.ci_pct,
      verdict: m.verdict,
    })),
    notes: [...c.notes, ...reasonNotes(rows)],
  };
}
