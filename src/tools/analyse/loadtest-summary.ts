import { z } from 'zod';
import type { EndpointStats } from '../../analysers/loadtest/index.js';

/** Mirrors the analyser's ERRORS_LIMIT (the analyser is loaded lazily, so the constant is restated). */
const ERRORS_LIMIT = 20;
import { REPORT_APP_META } from '../../report/html/app-meta.js';
import { defineTool } from '../define.js';
import { loadTestAnalyser } from './load.js';
import { EndpointSchema, loadTestInputs, resolveFiles } from './shared.js';
import { showNumber } from '../../numbers.js';

export const ENDPOINT_LIMIT_DEFAULT = 20;
const HISTORY_LIMIT = 120;
const NOTES_LIMIT = 30;

const input = z.object({
  paths: z
    .array(z.string().min(1))
    .min(1)
    .max(50)
    .describe('Result files or globs, relative to the project root, e.g. ["results/*.jtl"] or ["locust/run_stats.csv", "locust/run_stats_history.csv"].'),
  endpoint_filter: z
    .string()
    .max(500)
    .optional()
    .describe(
      'Keep endpoints whose name contains this text (case-insensitive) or matches it as a regular expression (RE2 syntax, linear time: no back-references or look-around).',
    ),
  limit: z.number().int().min(1).max(100).optional().describe(`Endpoints listed per result, busiest first (default ${ENDPOINT_LIMIT_DEFAULT}).`),
});

const output = z.object({
  results: z.array(
    z.object({
      files: z.array(z.object({ path: z.string(), format: z.string(), variant: z.string().optional() })),
      mergeable: z.boolean().describe("true: built from raw samples, several files merged exactly; false: the tool's own pre-aggregated numbers"),
      overall: EndpointSchema,
      endpoints: z.array(EndpointSchema),
      endpoints_total: z.number().int(),
      errors: z
        .array(z.object({ endpoint: z.string(), message: z.string(), count: z.number() }))
        .describe(`the ${ERRORS_LIMIT} most frequent errors by endpoint + message`),
      errors_total: z
        .object({ kinds: z.number().int(), occurrences: z.number() })
        .optional()
        .describe('every error kind and occurrence, when the list was cut'),
      endpoint_names: z
        .object({ distinct: z.number().int(), more: z.boolean() })
        .optional()
        .describe('raw files: distinct endpoint names before ids were folded into route templates (more: counting stopped)'),
      history: z.array(z.object({ t: z.number(), users: z.number(), rps: z.number(), p95_ms: z.number().nullable() })),
      notes: z.array(z.string()),
    }),
  ),
});

/** Notes bounded in number and length, with the history's thinning said. */
function thinNotes(r: { notes: string[]; history: unknown[] }): string[] {
  const notes = r.notes.slice(0, NOTES_LIMIT).map((n) => (n.length > 600 ? `${n.slice(0, 600)}…` : n));
  if (r.notes.length > NOTES_LIMIT) notes.push(`${r.notes.length - NOTES_LIMIT} more notes left out`);
  if (r.history.length > HISTORY_LIMIT) notes.push(`history thinned from ${r.history.length} to about ${HISTORY_LIMIT} points`);
  return notes;
}

function row(e: EndpointStats): string {
  const l = e.latency;
  return [
    e.name,
    showNumber(e.requests.value, 4),
    showNumber(e.errors.value, 4),
    showNumber(e.error_rate.value, 3),
    showNumber(e.throughput?.value, 4),
    ...[l.p50, l.p90, l.p95, l.p99, l.max].map((q) => showNumber(q?.value, 4)),
  ].join(' | ');
}

export const loadtestSummaryTool = defineTool({
  name: 'loadtest_summary',
  title: 'Summarise load-test results',
  description: `Read load-test result files and return exact figures, overall and per endpoint: requests, errors, error rate (%), throughput (req/s), duration (s), P50/P90/P95/P99/max latency (ms), each with its source file.
Formats are detected from their structure: k6 (machine-readable summary of k6 1.5+/2, --summary-export JSON, handleSummary JSON, --out json NDJSON incl. .gz, --out csv), Locust --csv (_stats.csv, _stats_history.csv, _failures.csv), JMeter JTL (CSV with any column set and any delimiter, XML), Gatling js/stats.json or global_stats.json, autocannon --json (not its console table), wrk stdout (run with --latency for percentiles; a file of several runs gives one result per run).
Raw formats (k6 NDJSON/CSV, JTL) are streamed through HDR histograms (3 significant digits; percentiles interpolated between ranks as k6 computes them, within 0.1% of the exact value); endpoints are grouped by route template (ids, UUIDs, hashes folded to {id}; at most 200, the rest under "(other endpoints)"); files of one run (time spans overlapping, e.g. distributed runners) merge exactly into one result, files of separate runs are reported apart, and runs appended to one JTL (a gap over 5 min, or timestamps jumping back) are split. Pre-aggregated formats are reported as the tool computed them, one result per file (a Locust run's files together), with mergeable=false.
Invalid data is refused with the file and line: a summary (Locust, wrk, k6, Gatling, autocannon) with a negative or non-numeric count, NaN, or percentiles out of order is refused whole; in a raw file a row the tool could not have written (bad number, timestamp back in time within its thread) is skipped and counted in a note, as JMeter's report generator does, and the file is refused when such rows pass 10 and 1%.
Up to 50 files; JSON summaries up to 16 MiB, text summaries 64 MiB; at most 'limit' endpoints per result (busiest first) — use endpoint_filter to see others; the ${ERRORS_LIMIT} most frequent errors with errors_total; history thinned to about 120 points. Use the numbers as the report's measured values; never recompute percentiles by hand.`,
  group: 'analyse',
  meta: REPORT_APP_META,
  input,
  output,
  async handle({ sandbox, signal }, params) {
    const files = await resolveFiles(sandbox, params.paths);
    const inputs = await loadTestInputs(sandbox, files);
    const { analyseLoadTests } = await loadTestAnalyser();
    const results = await analyseLoadTests(inputs, { endpointFilter: params.endpoint_filter, signal });
    const limit = params.limit ?? ENDPOINT_LIMIT_DEFAULT;
    const data = results.map((r) => ({
      ...r,
      endpoints: r.endpoints.slice(0, limit),
      notes: thinNotes(r),
      endpoints_total: r.endpoints.length,
      history: r.history.length > HISTORY_LIMIT ? r.history.filter((_, i) => i % Math.ceil(r.history.length / HISTORY_LIMIT) === 0) : r.history,
    }));
    const blocks = data.map((r) => {
      const head = `${r.files.map((f) => `${f.path} (${f.format}${f.variant ? ` ${f.variant}` : ''})`).join(', ')} — ${r.mergeable ? 'raw samples, exact merge' : 'pre-aggregated by the tool'}`;
      const lines = [head, 'endpoint | requests | errors | error % | req/s | p50 | p90 | p95 | p99 | max (ms)', row(r.overall), ...r.endpoints.map(row)];
      if (r.endpoints_total > r.endpoints.length)
        lines.push(`[${r.endpoints.length} of ${r.endpoints_total} endpoints shown, busiest first: use endpoint_filter or raise limit]`);
      if (r.errors.length)
        lines.push(
          `errors: ${r.errors
            .slice(0, 10)
            .map((e) => `${e.count}× ${e.endpoint}: ${e.message}`)
            .join('; ')}`,
        );
      if (r.endpoint_names && r.endpoint_names.distinct > r.endpoints_total)
        lines.push(`endpoint names: ${r.endpoint_names.more ? 'more than ' : ''}${r.endpoint_names.distinct} distinct, grouped by route template`);
      if (r.history.length)
        lines.push(
          `history: ${r.history.length} points, users ${Math.min(...r.history.map((h) => h.users))}..${Math.max(...r.history.map((h) => h.users))} (capacity_fit can fit it)`,
        );
      if (r.overall.duration) lines.push(`duration: ${showNumber(r.overall.duration.value, 4)} s`);
      for (const n of r.notes) lines.push(`note: ${n}`);
      return lines.join('\n');
    });
    return { data: { results: data }, text: blocks.join('\n\n') };
  },
});
