import { z } from 'zod';
import type { EndpointStats } from '../../analysers/loadtest/index.js';
import { defineTool } from '../define.js';
import { loadTestAnalyser } from './load.js';
import { asUserError, EndpointSchema, fmt, loadTestInputs, resolveFiles } from './shared.js';

export const ENDPOINT_LIMIT_DEFAULT = 20;
const HISTORY_LIMIT = 120;

const input = z.object({
  paths: z
    .array(z.string().min(1))
    .min(1)
    .max(50)
    .describe('Result files or globs, relative to the project root, e.g. ["results/*.jtl"] or ["locust/run_stats.csv", "locust/run_stats_history.csv"].'),
  endpoint_filter: z.string().optional().describe('Keep endpoints whose name contains this text (case-insensitive) or matches it as a regex.'),
  limit: z.number().int().min(1).max(100).optional().describe(`Endpoints listed per result, busiest first (default ${ENDPOINT_LIMIT_DEFAULT}).`),
});

const output = z.object({
  results: z.array(
    z.object({
      files: z.array(z.object({ path: z.string(), format: z.string(), variant: z.string().optional() })),
      mergeable: z.boolean().describe('true: built from raw samples, several files merged exactly; false: the tool\'s own pre-aggregated numbers'),
      overall: EndpointSchema,
      endpoints: z.array(EndpointSchema),
      endpoints_total: z.number().int(),
      errors: z.array(z.object({ endpoint: z.string(), message: z.string(), count: z.number() })),
      history: z.array(z.object({ t: z.number(), users: z.number(), rps: z.number(), p95_ms: z.number().nullable() })),
      notes: z.array(z.string()),
    }),
  ),
});

function row(e: EndpointStats): string {
  const l = e.latency;
  return [e.name, fmt(e.requests.value), fmt(e.errors.value), fmt(e.error_rate.value, 3), fmt(e.throughput?.value), ...[l.p50, l.p90, l.p95, l.p99, l.max].map((q) => fmt(q?.value))].join(' | ');
}

export const loadtestSummaryTool = defineTool({
  name: 'loadtest_summary',
  title: 'Summarise load-test results',
  description: `Read load-test result files and return exact figures, overall and per endpoint: requests, errors, error rate (%), throughput (req/s), duration (s), P50/P90/P95/P99/max latency (ms), each with its source file.
Formats are detected from content: k6 (--summary-export JSON, handleSummary JSON, --out json NDJSON incl. .gz, --out csv), Locust --csv (_stats.csv, _stats_history.csv, _failures.csv), JMeter JTL (CSV with any column set, XML), Gatling js/stats.json or global_stats.json, autocannon --json, wrk stdout (run with --latency for percentiles).
Raw formats (k6 NDJSON/CSV, JTL) are streamed through HDR histograms (3 significant digits; percentiles interpolated between ranks as k6 computes them, within 0.1% of the exact value); files of one run (time spans overlapping, e.g. distributed runners) merge exactly into one result, files of separate runs are reported apart. Pre-aggregated formats are reported as the tool computed them, one result per file (a Locust run's files together), with mergeable=false.
Up to 50 files; at most 'limit' endpoints per result (busiest first) — use endpoint_filter to see others. Use the numbers as the report's measured values; never recompute percentiles by hand.`,
  group: 'analyse',
  input,
  output,
  async handle({ sandbox, signal }, params) {
    const files = await resolveFiles(sandbox, params.paths);
    const inputs = await loadTestInputs(sandbox, files);
    const { analyseLoadTests } = await loadTestAnalyser();
    const results = await analyseLoadTests(inputs, { endpointFilter: params.endpoint_filter, signal }).catch(asUserError);
    const limit = params.limit ?? ENDPOINT_LIMIT_DEFAULT;
    const data = results.map((r) => ({
      ...r,
      endpoints: r.endpoints.slice(0, limit),
      endpoints_total: r.endpoints.length,
      history: r.history.length > HISTORY_LIMIT ? r.history.filter((_, i) => i % Math.ceil(r.history.length / HISTORY_LIMIT) === 0) : r.history,
      notes: r.history.length > HISTORY_LIMIT ? [...r.notes, `history thinned from ${r.history.length} to about ${HISTORY_LIMIT} points`] : r.notes,
    }));
    const blocks = data.map((r) => {
      const head = `${r.files.map((f) => `${f.path} (${f.format}${f.variant ? ` ${f.variant}` : ''})`).join(', ')} — ${r.mergeable ? 'raw samples, exact merge' : 'pre-aggregated by the tool'}`;
      const lines = [head, 'endpoint | requests | errors | error % | req/s | p50 | p90 | p95 | p99 | max (ms)', row(r.overall), ...r.endpoints.map(row)];
      if (r.endpoints_total > r.endpoints.length) lines.push(`[${r.endpoints.length} of ${r.endpoints_total} endpoints shown, busiest first: use endpoint_filter or raise limit]`);
      if (r.errors.length) lines.push(`errors: ${r.errors.slice(0, 10).map((e) => `${e.count}× ${e.endpoint}: ${e.message}`).join('; ')}`);
      if (r.history.length) lines.push(`history: ${r.history.length} points, users ${Math.min(...r.history.map((h) => h.users))}..${Math.max(...r.history.map((h) => h.users))} (capacity_fit can fit it)`);
      if (r.overall.duration) lines.push(`duration: ${fmt(r.overall.duration.value)} s`);
      for (const n of r.notes) lines.push(`note: ${n}`);
      return lines.join('\n');
    });
    return { data: { results: data }, text: blocks.join('\n\n') };
  },
});
