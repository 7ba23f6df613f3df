/**
 * `ace audit TARGET [--out DIR] [--lang fr|en] [--json]`: the model-free main job. Finds the
 * evidence under TARGET (load-test results, CPU profiles), runs the analysers and the emit
 * tools through the same in-memory MCP path as `ace run`, and writes the parts of the report
 * that evidence supports, validated. Whatever needs judgement (targets, SLO objectives) is
 * emitted as an estimate whose basis says so.
 * Exit status: 0 written and valid for the phases covered, 1 violations or no evidence, 2 usage.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { connectInMemory } from '../agent/connect.js';
import { detectLoadTestFormat } from '../analysers/loadtest/detect.js';
import type { EndpointStats, LoadTestResult } from '../analysers/loadtest/model.js';
import type { ProfileResult } from '../analysers/profile/index.js';
import { detectProfileFormat } from '../analysers/profile/index.js';
import { tableSpec, type TableId } from '../report/headings.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';

const HELP = `Usage: ace audit TARGET [--out DIR] [--lang fr|en] [--json]

Finds load-test results (k6, Locust, JMeter, Gatling, autocannon, wrk) and CPU profiles
(.cpuprofile, pprof, folded) under TARGET, analyses them and writes the report sections the
evidence supports to DIR/report.md (default ./ace-report), then validates them.
  --out DIR      where report.md and evidence.json go (default ace-report)
  --lang fr|en   report language (default en)
  --json         print a JSON summary instead of text
Exit status: 0 valid for the phases covered, 1 violations or no evidence, 2 usage error.`;

/** Files worth sniffing, and how many at most. */
const CANDIDATES = ['**/*.{json,csv,jtl,xml,txt,ndjson,log,gz,cpuprofile,pb,pprof,prof,folded,collapsed}'];
const MAX_CANDIDATES = 400;
const HEAD = 64 * 1024;

function usageError(message: string): number {
  process.stderr.write(`ace audit: ${message}\n${HELP}\n`);
  return 2;
}

interface Evidence {
  loadtests: string[];
  profiles: string[];
}

async function findEvidence(sandbox: Sandbox): Promise<Evidence> {
  const entries = (await sandbox.list({ patterns: CANDIDATES, onlyFiles: true })).slice(0, MAX_CANDIDATES);
  const loadtests: string[] = [];
  const profiles: string[] = [];
  for (const entry of entries) {
    let head: Buffer;
    try {
      head = await sandbox.readHead(await sandbox.resolve(entry.rel, 'file'), HEAD);
    } catch {
      continue; // denied, special or vanished: not evidence
    }
    if (detectLoadTestFormat(entry.rel, head)) loadtests.push(entry.rel);
    else if (detectProfileFormat(entry.rel, head) && !/\.(json|txt|csv|log)$/.test(entry.rel.replace(/\.cpuprofile$/, ''))) profiles.push(entry.rel);
    else if (/\.cpuprofile$/.test(entry.rel)) profiles.push(entry.rel);
  }
  return { loadtests: loadtests.sort(), profiles: profiles.sort() };
}

class Caller {
  constructor(private readonly conn: Awaited<ReturnType<typeof connectInMemory>>) {}
  async call<T>(name: string, args: Record<string, unknown>): Promise<T> {
    const r = (await this.conn.client.callTool({ name, arguments: args })) as CallToolResult;
    if (r.isError) {
      const first = r.content[0];
      throw new Error(`${name}: ${first && first.type === 'text' ? first.text : 'failed'}`);
    }
    return r.structuredContent as T;
  }
}

const JUDGEMENT = 'needs judgement: default chosen by ace audit, not by the team';

/** Rows of the current-metrics table from the busiest load-test result. */
function metricRows(r: LoadTestResult) {
  const o: EndpointStats = r.overall;
  const rows: Record<string, unknown>[] = [];
  const latency = (metric: string, q: EndpointStats['latency']['p50'], target: number) => {
    if (!q) return;
    rows.push({
      metric,
      current: q,
      target: { comparator: '<', value: target, unit: 'ms', source: { kind: 'estimate', basis: `${JUDGEMENT} (${target} ms)` } },
      criticality: q.value > target ? 'high' : 'ok',
    });
  };
  latency('latency_p50', o.latency.p50, 100);
  latency('latency_p95', o.latency.p95, 200);
  latency('latency_p99', o.latency.p99, 500);
  if (o.throughput) {
    rows.push({
      metric: 'throughput',
      current: o.throughput,
      target: { comparator: '>=', value: o.throughput.value, unit: 'req/s', source: { kind: 'estimate', basis: `${JUDGEMENT} (hold the measured rate)` } },
      criticality: 'ok',
    });
  }
  rows.push({
    metric: 'error_rate',
    current: o.error_rate,
    target: { comparator: '<', value: 0.1, unit: '%', source: { kind: 'estimate', basis: `${JUDGEMENT} (0.1 %, a 99.9 % SLO)` } },
    criticality: o.error_rate.value > 1 ? 'critical' : o.error_rate.value > 0.1 ? 'high' : 'ok',
  });
  return rows;
}

interface FoundEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  origin: string | null;
  requests: number;
}

/** "GET /items", "http://host:port/items", "POST http://host/x": method, path and origin when they can be read. */
function parseEndpoint(name: string, requests: number): FoundEndpoint | null {
  const m = /^(?:(GET|POST|PUT|PATCH|DELETE)\s+)?(\S+)$/.exec(name.trim());
  if (!m) return null;
  const method = (m[1] ?? 'GET') as FoundEndpoint['method'];
  const where = m[2]!;
  if (where.startsWith('/')) return { method, path: where.split('?')[0]!, origin: null, requests };
  try {
    const url = new URL(where);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { method, path: url.pathname, origin: url.origin, requests };
  } catch {
    return null;
  }
}

function allEndpoints(r: LoadTestResult, log: string[]): FoundEndpoint[] {
  const found = r.endpoints.map((e) => parseEndpoint(e.name, e.requests.value)).filter((e): e is FoundEndpoint => e !== null);
  const safe = found.filter((e) => /^\/[^\s`$\\]*$/.test(e.path));
  if (safe.length < r.endpoints.length) log.push(`${r.endpoints.length - safe.length} endpoint name(s) are labels, not paths: left out of the script`);
  return safe.slice(0, 30);
}

function scriptSpec(r: LoadTestResult, endpoints: FoundEndpoint[], otherOrigin: string | null) {
  if (endpoints.length === 0) return null;
  const total = endpoints.reduce((s, e) => s + e.requests, 0) || 1;
  const peakUsers = Math.max(10, ...r.history.map((h) => h.users));
  const p95 = r.overall.latency.p95?.value ?? r.overall.latency.p99?.value ?? 500;
  const used = new Set<string>();
  const name = (e: FoundEndpoint) => {
    let base = `${e.method.toLowerCase()}_${e.path.replace(/[^a-z0-9]+/gi, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'root'}`.slice(0, 36);
    if (!/^[a-z]/.test(base)) base = `e_${base}`.slice(0, 36);
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
    used.add(n);
    return n;
  };
  return {
    baseUrl: endpoints.find((e) => e.origin)?.origin ?? otherOrigin ?? 'http://localhost:8080',
    scenarios: [
      {
        name: 'load',
        executor: 'ramping-vus',
        startVUs: 0,
        stages: [
          { duration: '1m', target: peakUsers },
          { duration: '3m', target: peakUsers },
          { duration: '1m', target: 0 },
        ],
      },
    ],
    endpoints: endpoints.map((e) => ({
      name: name(e),
      method: e.method,
      path: e.path,
      weight: Math.min(100, Math.max(1, Math.round((100 * e.requests) / total))),
      expectStatus: 200,
    })),
    thresholds: [
      { metric: 'http_req_duration', expressions: [`p(95)<${Math.max(1, Math.ceil(p95 * 1.2))}`] },
      { metric: 'http_req_failed', expressions: ['rate<0.01'] },
    ],
    thinkTimeSeconds: 1,
  };
}

export async function run(argv: string[]): Promise<number> {
  let values: { out?: string; lang?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { out: { type: 'string' }, lang: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    return usageError((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length !== 1 || !positionals[0]) return usageError(positionals.length === 0 ? 'missing TARGET' : 'expected one TARGET');
  const lang = values.lang ?? 'en';
  if (lang !== 'fr' && lang !== 'en') return usageError(`--lang must be fr or en, not '${lang}'`);
  const target = positionals[0];
  const outDir = path.resolve(values.out ?? 'ace-report');

  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open(target);
  } catch (err) {
    return usageError(`cannot open ${target}: ${(err as Error).message}`);
  }
  const session = new Session();
  const conn = await connectInMemory(sandbox, session, (line) => process.stderr.write(`${line}\n`));
  const ace = new Caller(conn);
  const log: string[] = [];
  const judgement: string[] = [];
  try {
    const evidence = await findEvidence(sandbox);
    if (evidence.loadtests.length === 0 && evidence.profiles.length === 0) {
      process.stderr.write(`ace audit: no load-test result or profile found under ${target}\n`);
      return 1;
    }
    await ace.call('start_report', { language: lang, target: path.basename(path.resolve(target)) });
    const phases = new Set<number>();

    // Phase 1: baseline from the load tests; phase 7: SLO dashboard from the same error rate.
    let primary: LoadTestResult | undefined;
    let results: LoadTestResult[] = [];
    if (evidence.loadtests.length > 0) {
      ({ results } = await ace.call<{ results: LoadTestResult[] }>('loadtest_summary', { paths: evidence.loadtests, limit: 20 }));
      // Prefer a result with P95 (wrk and autocannon have none), then the busiest.
      primary = [...results].sort((a, b) => Number(!!b.overall.latency.p95) - Number(!!a.overall.latency.p95) || b.overall.requests.value - a.overall.requests.value)[0]!;
      log.push(`load tests: ${results.length} result(s) from ${evidence.loadtests.length} file(s); baseline from ${primary.files.map((f) => f.path).join(', ')}`);
      await ace.call('emit_current_metrics', { rows: metricRows(primary) });
      await ace.call('emit_slos', {
        rows: [{ service: 'service', sli: 'Availability', objective: 99.9, windowDays: 30 }],
      });
      phases.add(1);
      judgement.push('targets of the current-metrics table and the 99.9 % availability objective are defaults: set them from the business need');
    }

    // Phase 3: a k6 script (with its Locust and Gatling twins) for the endpoints found.
    if (primary) {
      const origin = results.flatMap((x) => x.endpoints).map((e) => parseEndpoint(e.name, 0)?.origin).find((o) => o) ?? null;
      const spec = scriptSpec(primary, allEndpoints(primary, log), origin);
      if (spec) {
        await ace.call('emit_test_script', spec);
        phases.add(3);
        judgement.push('the load-test script replays the endpoints and mix found in the results; stages and thresholds are defaults to adjust');
      }
    }

    // Phase 2: hot paths from the profiles.
    const findings: Record<string, unknown>[] = [];
    for (const rel of evidence.profiles) {
      const top = await ace.call<ProfileResult & { path: string }>('profile_top', { path: rel, limit: 5 }).catch((err: Error) => {
        log.push(`profile ${rel} skipped: ${err.message}`);
        return null;
      });
      if (!top) continue;
      for (const f of top.by_self.filter((x) => !x.function.startsWith('(')).slice(0, 3)) {
        findings.push({
          layer: 'application',
          finding: `${f.function}${f.location ? ` (${f.location.replace(/^.*\//, '')})` : ''}: ${(100 * f.self_share).toFixed(1)}% of CPU self time`,
          evidence: `${rel}:1`,
          cost: { value: Number(f.self.toPrecision(6)), unit: top.unit === 'ms' ? 'ms' : 'count', source: { kind: 'measured', ref: rel } },
        });
      }
      log.push(`profile ${rel}: ${top.format}, top function ${top.by_self.find((x) => !x.function.startsWith('('))?.function ?? '-'}`);
    }
    if (findings.length > 0) {
      await ace.call('emit_findings', { rows: findings.slice(0, 40) });
      phases.add(2);
      judgement.push('findings list where CPU time goes; why, and what to change, needs a reading of the code');
    }

    const report = await ace.call<{ markdown: string; emitted: string[]; missing: string[] }>('assemble_report', {});
    const { validateReport } = await import('../report/validate/index.js');
    const result = validateReport(report.markdown, { language: lang });
    // Only what the evidence supports is judged: tables not emitted are left for a model
    // (the report marks them "not emitted") and are not counted as violations.
    const emitted = new Set(report.emitted);
    // A phase with a table left for a model may be reported as missing a table: that is expected.
    const phasesLeft = new Set(report.missing.map((id) => tableSpec(id as TableId).phase as number));
    const leftForModel = (message: string) => {
      const m = /^phase (\d)\b/.exec(message);
      return m !== null && phasesLeft.has(Number(m[1]));
    };
    const violations = result.violations.filter((v) => {
      if (v.severity !== 'error') return false;
      if (v.rule === 'missing-phase') return false;
      if (v.rule === 'missing-table') return !leftForModel(v.message);
      if (v.rule === 'missing-load-script') return emitted.has('test_script');
      return true;
    });
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'report.md'), report.markdown);
    await writeFile(
      path.join(outDir, 'evidence.json'),
      `${JSON.stringify({ target, evidence, phases: [...phases], emitted: report.emitted, needs_judgement: judgement, violations }, null, 2)}\n`,
    );
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ report: path.join(outDir, 'report.md'), evidence, phases: [...phases], emitted: report.emitted, needs_judgement: judgement, violations }, null, 2)}\n`);
    } else {
      for (const line of log) process.stdout.write(`${line}\n`);
      process.stdout.write(`wrote ${path.join(outDir, 'report.md')}: phases ${[...phases].sort().join(', ')} (${report.emitted.join(', ')})\n`);
      process.stdout.write(`left for a model: ${report.missing.join(', ')}\n`);
      for (const j of judgement) process.stdout.write(`needs judgement: ${j}\n`);
      for (const v of violations) process.stdout.write(`report.md:${v.line} ${v.rule} ${v.message}\n`);
    }
    return violations.length > 0 ? 1 : 0;
  } finally {
    await conn.close();
  }
}
