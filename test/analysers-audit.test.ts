import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sustainedRate } from '../src/audit/capacity.js';
import { coverage } from '../src/audit/coverage.js';
import { expectedStatus, scriptEndpoints, statusIn } from '../src/audit/endpoints.js';
import { scenarioPlans, scriptSpec, type Sizing } from '../src/audit/load-testing.js';
import { alertRows, windowSetting } from '../src/audit/monitoring.js';
import { run } from '../src/commands/audit.js';
import { durationSeconds } from '../src/report/scripts/duration.js';
import { validateReport } from '../src/report/validate/index.js';

const example = fileURLToPath(new URL('../examples/api-service', import.meta.url));

interface Summary {
  phases: number[];
  partial: number[];
  emitted: string[];
  left_for_model: string[];
  validate: string;
  needs_judgement: string[];
  violations: unknown[];
}

async function audit(out: string, ...args: string[]): Promise<{ code: number; summary: Summary }> {
  return auditOf(example, out, ...args);
}

async function auditOf(target: string, out: string, ...args: string[]): Promise<{ code: number; summary: Summary }> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    const code = await run([target, '--out', out, '--json', ...args]);
    return { code, summary: JSON.parse(write.mock.calls.map((c) => String(c[0])).join('')) as Summary };
  } finally {
    write.mockRestore();
  }
}

describe('ace audit on the example service', () => {
  let out: string;
  let code: number;
  let summary: Summary;
  let md: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'ace-audit-'));
    ({ code, summary } = await audit(out));
    md = await readFile(path.join(out, 'report.md'), 'utf8');
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('covers phases 1, 3 and 7, part of 2 and 6, and leaves the rest for a model', () => {
    expect(code).toBe(0);
    expect(summary.violations).toEqual([]);
    expect(summary.phases).toEqual([1, 3, 7]);
    expect(summary.partial).toEqual([2, 6]);
    expect(summary.emitted).toEqual([
      'current_metrics',
      'slos',
      'findings',
      'test_scenarios',
      'test_script',
      'scaling_triggers',
      'dashboard',
      'alerting_rules',
      'slo_dashboard',
    ]);
    expect(summary.left_for_model).toEqual(['bottleneck_map', 'optimisation_plan', 'before_after', 'load_projections', 'cost_tradeoffs']);
    expect(summary.validate).toMatch(/^ace validate \S+report\.md --lang en --phases 1,3,7$/);
    expect(summary.needs_judgement.join('\n')).toMatch(/load projections and cost trade-offs are left for a model/);
  });

  it('passes the validator for the covered phases, detected as English; the full check only misses the tables left out', async () => {
    const scoped = await validateReport(md, { language: 'en', phases: [1, 3, 7] });
    expect(scoped.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect((await validateReport(md)).language).toBe('en');
    const full = (await validateReport(md, { language: 'en' })).violations.filter((v) => v.severity === 'error');
    expect(full.map((v) => v.rule)).toEqual(['missing-table', 'missing-table', 'missing-table']);
    expect(full.map((v) => /^phase (\d)/.exec(v.message)?.[1])).toEqual(['2', '4', '6']);
  });

  it('shows per-endpoint rows: the 1.32 % error rate is entirely GET /items', () => {
    expect(md).toMatch(/\| Latency P95 \(GET \/items\) \| 61 ms\[\^\d+\] \| < 200 ms/);
    expect(md).toMatch(/\| Error rate \(GET \/items\) \| 4\.4%\[\^\d+\] \| < 0\.1%/);
    expect(md).toMatch(/\| Error rate \(GET \/fast\) \| 0%\[\^\d+\] \|/);
    expect(md).toMatch(/\| Throughput \(GET \/slow\) \| 61\.09 req\/s\[\^\d+\] \|/);
    expect(md).toMatch(
      /\| Application \| GET \/items: 54 of 1227 requests failed \(4\.4%\), HTTP 500: 54, all 54 errors of the run: the 1\.32% overall error rate is entirely this endpoint; P50 14 ms, P95 61 ms, P99 100 ms at 87\.06 req\/s \| `results\/locust\/run_stats\.csv:3` \|/,
    );
  });

  it('uses every tool and shows Locust’s and wrk’s figures side by side', () => {
    const notes = md.slice(md.indexOf('## Evidence read by ace audit'));
    expect(notes).toMatch(/GET \/items was measured by 4 tools \(Locust, JMeter, autocannon, wrk\) on the same service \(http:\/\/127\.0\.0\.1:18080\)/);
    expect(notes).toMatch(
      /\| GET \/items \| Locust \| 1227 \| 54 \(4\.4%\) \| 14 ms \| 61 ms \| 100 ms \| 87\.06 req\/s \| `results\/locust\/run_stats\.csv:3` \|/,
    );
    expect(notes).toMatch(/\| GET \/items \| wrk \| 20279 \| 1014 \(5%\) \| 6\.14 ms \| - \| 10\.1 ms \| 2530 req\/s \| `results\/wrk\/items\.txt:\d+` \|/);
    for (const f of ['results/jmeter/results.jtl', 'results/autocannon/items.json', 'results/wrk/items.txt', 'profiles/server.cpuprofile'])
      expect(notes).toContain(`\`${f}\``);
  });

  it('states CPU shares of busy time with the idle share, the service’s own frame first', () => {
    const rows = md.split('\n').filter((l) => /of busy CPU time/.test(l));
    expect(rows[0]).toMatch(/\(anonymous\) \(server\.mjs:25\), service code: [\d.]+% of busy CPU time .*the process was idle 73\.5% of the/);
    expect(rows.find((l) => /^\| Application \| writev, runtime: 3\d\.\d% of busy CPU time/.test(l))).toBeDefined();
  });

  it('keeps the measured baseline and its sources', () => {
    expect(md).toMatch(/measured: `results\/locust\/run_stats\.csv:5`/);
    expect(md).toMatch(/needs judgement/);
  });

  it('sizes the scenarios from the measured load and runs them in one k6 script', () => {
    // 20 Locust users made 354.2 req/s at that level, with 24.9 ms mean latency: N = X(W + Z) gives Z = 0.03 s.
    expect(md).toMatch(
      /\| \*\*Load\*\* \| Ramp to the measured level, hold 5 min \| 0-20 \| 7 min\[\^\d+\] \| Reproduce the measured load: 20 users \(354\.2 req\/s measured\), P95 within 20 % of the measured 71 ms \|/,
    );
    expect(md).toMatch(/\| \*\*Stress\*\* \|[^|]+\| 0→40→60 \|/);
    expect(md).toMatch(/\| \*\*Spike\*\* \|[^|]+\| 20→100→20 \| 200 s/);
    expect(md).toMatch(/\| \*\*Soak\*\* \|[^|]+\| 20 \| 2 h/);
    expect(md).toMatch(/import http from 'k6\/http'/);
    expect(md).toMatch(/const BASE_URL = __ENV\.BASE_URL \|\| 'http:\/\/127\.0\.0\.1:18080'/);
    expect(md).toContain('  sleep(0.03);');
    expect(md).toContain("'http_req_duration{scenario_kind:load}': ['p(95)<86'],");
    expect(md).toContain("'http_req_failed{scenario_kind:load}': ['rate<0.001'],");
  });

  it('derives the scaling triggers from the highest level measured, the USL fit showing no peak', () => {
    expect(md).toMatch(
      /\| Request rate per instance \(70 % and 30 % of 354\.2 req\/s measured at 20 users, the highest level tested; the USL fit finds no peak, κ = 0\) \| > 248 req\/s for 3 min \| < 106 req\/s for 10 min \| 5 min \|/,
    );
    expect(md).toMatch(/\| P95 latency [^|]+\| > 200 ms for 5 min \| < 71 ms for 15 min \| 5 min \|/);
  });

  it('computes the SLO dashboard and the burn-rate alerts from the 99.9 % SLO and the 1.32 % error rate', async () => {
    expect(md).toMatch(/\| api-service \| 99\.9% \| 1\.32%\[\^\d+\] \| 30 d \(day 0\.0002\) \| 99\.99%\[\^\d+\] \| 13\.23x\[\^\d+\] \| 2\.3 d\[\^\d+\] \|/);
    expect(md).toMatch(/\| Error budget burn 14\.4x \(1h\) \| Error ratio \(mean over 1h, and over 5m\) > 1\.44% for 1 h \| Critical \|/);
    expect(md).toMatch(/\| Error budget burn 1x \(3d\) \| [^|]+ > 0\.1% for 3 d \| Warning \|/);
    expect(md).toMatch(/\| RED \(Rate, Errors, Duration\) \| [^|]*Endpoints: GET \/fast, GET \/items, GET \/slow \|/);
    expect(md).toMatch(/\| Business \(needs judgement\) \|/);
    const rules = await readFile(path.join(out, 'slo-rules.yaml'), 'utf8');
    expect(rules).toContain('alert: api_service_ErrorBudgetBurn_Page_1h');
    expect(rules).toContain('expr: api_service:sli_error:ratio_rate1h > (14.4 * 0.001) and api_service:sli_error:ratio_rate5m > (14.4 * 0.001)');
    expect(rules).toContain('slo: "0.999"');
  });
});

it('ace audit --lang fr writes a report detected as French', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'ace-audit-fr-'));
  try {
    const { code, summary } = await audit(out, '--lang', 'fr');
    expect(code).toBe(0);
    expect(summary.phases).toEqual([1, 3, 7]);
    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(md).toContain('## Phase 7 : Monitoring & Alerting');
    expect((await validateReport(md)).language).toBe('fr');
    expect((await validateReport(md, { language: 'fr', phases: [1, 3, 7] })).ok).toBe(true);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

it('the language of a report with too little prose comes from its headings and table headers', async () => {
  const fr =
    '# Rapport\n\n## Phase 1 : Baseline & Metriques Actuelles\n\n### Metriques actuelles\n\n| Metrique | Valeur Actuelle | Cible | Ecart | Criticite |\n|---|---|---|---|---|\n| P95 | 120 ms | 100 ms | +20 ms | Haute |\n';
  const en =
    '# Report\n\n## Phase 1: Baseline & Current Metrics\n\n### Current metrics\n\n| Metric | Current | Target | Gap | Criticality |\n|---|---|---|---|---|\n| P95 | 120 ms | 100 ms | +20 ms | High |\n';
  expect((await validateReport(fr)).language).toBe('fr');
  expect((await validateReport(en)).language).toBe('en');
  // Labels decide the language reported, never a violation.
  expect((await validateReport(en, { language: 'fr', phases: [1] })).violations.filter((v) => v.rule.startsWith('language'))).toEqual([]);
  expect((await validateReport('# Report\n\n| a | b |\n|---|---|\n| 1 | 2 |\n')).language).toBe('unknown');
});

it('validateReport --phases: only the listed phases must be present', async () => {
  const en =
    '# Report\n\n## Phase 1: Baseline & Current Metrics\n\n### Current metrics\n\n| Metric | Current | Target | Gap | Criticality |\n|---|---|---|---|---|\n| P95 | 120 ms | 100 ms | +20 ms | High |\n';
  const all = (await validateReport(en)).violations.map((v) => v.rule);
  expect(all).toContain('missing-phase');
  expect(all).toContain('missing-load-script');
  const rules = async (phases: Array<1 | 2 | 3 | 4 | 5 | 6 | 7>) =>
    (await validateReport(en, { phases })).violations.filter((v) => v.severity === 'error').map((v) => v.message);
  expect(await rules([1])).toEqual(["phase 1 has no 'Recommended SLOs' / 'SLO/SLI recommandes' table (columns: Service, SLI, SLO, Error Budget)"]);
  expect((await rules([1, 3])).filter((m) => /phase 3|load-test script/.test(m))).toHaveLength(3);
});

describe('audit steps', () => {
  it('scenarios and script agree: each scenario lasts its row, and they run one after the other', () => {
    const plans = scenarioPlans(7, 120, { percentile: 'P95', ms: 80 });
    const sizing: Sizing = { users: 7, thinkSeconds: 0.5, basis: '', measured: true };
    const spec = scriptSpec(plans, [{ method: 'GET', path: '/a', origin: null, requests: 3 }], 'http://localhost:1', sizing, { percentile: 'P95', ms: 80 });
    let end = 0;
    for (const [i, s] of spec.scenarios.entries()) {
      const plan = plans[i]!;
      const seconds = 'stages' in s ? s.stages!.reduce((t, st) => t + durationSeconds(st.duration), 0) : durationSeconds(s.duration!);
      expect(seconds).toBe(plan.duration.value * { s: 1, min: 60, h: 3600 }[plan.duration.unit]);
      const peak = 'stages' in s ? Math.max(...s.stages!.map((st) => st.target)) : s.vus!;
      expect(peak).toBe(Math.max(...plan.users));
      const start = 'startTime' in s && s.startTime ? durationSeconds(s.startTime) : 0;
      expect(start).toBeGreaterThanOrEqual(end);
      end = start + seconds;
    }
    expect(plans.map((p) => p.kind)).toEqual(['smoke', 'load', 'stress', 'spike', 'soak']);
    expect(spec.thinkTimeSeconds).toBe(0.5);
    expect(spec.thresholds[0]!.expressions).toEqual(['p(95)<96']);
    // Without a P95 (wrk, autocannon) the objective says the guard comes from the P99.
    expect(scenarioPlans(7, 120, { percentile: 'P99', ms: 10.07 })[1]!.objective).toMatch(/P95 under 1\.2x the measured P99 of 10\.1 ms$/);
  });

  it('the sustained rate is the USL peak only when the fit is good and the peak was reached', () => {
    const q = (value: number) => ({ value, unit: 'req/s' as const, source: { kind: 'computed' as const, from: 'test' } });
    const points = [10, 20, 30, 40].map((n, i) => ({ concurrency: n, throughput: [100, 180, 200, 190][i]! }));
    const base = { sigma: 0.05, kappa: 0.001, lambda: 11, points, max_throughput: q(201) };
    const inRange = sustainedRate({ ...base, r_squared: 0.97, peak_concurrency: { value: 30.8, unit: 'users', source: { kind: 'computed', from: 'test' } } });
    expect(inRange).toMatchObject({ rps: 201, saturated: true });
    const poorFit = sustainedRate({ ...base, r_squared: 0.5, peak_concurrency: { value: 30.8, unit: 'users', source: { kind: 'computed', from: 'test' } } });
    expect(poorFit).toMatchObject({ rps: 190, saturated: false });
    const beyond = sustainedRate({ ...base, r_squared: 0.97, peak_concurrency: { value: 90, unit: 'users', source: { kind: 'computed', from: 'test' } } });
    expect(beyond.basis).toMatch(/190 req\/s measured at 40 users, the highest level tested; the USL fit puts N\* at 90, outside what was measured/);
  });

  it('burn-rate alerts become table rows with the threshold in % and the long window as duration', () => {
    const [row] = alertRows([{ alert: 'x_Page_6h', severity: 'page', long_window: '6h', short_window: '30m', burn_rate: 6, threshold: 0.006 }], 30);
    expect(row).toMatchObject({ comparator: '>', threshold: { value: 0.6, unit: '%' }, duration: { value: 6, unit: 'h' }, severity: 'critical' });
    expect(row!.action).toMatch(/gone in 120 h/);
    expect(windowSetting('30m')).toEqual({ value: 30, unit: 'min' });
    expect(windowSetting('3d')).toEqual({ value: 3, unit: 'd' });
  });

  it('the script checks what each endpoint really answered: 404 for an endpoint that always answered 404', () => {
    expect(statusIn("HTTPError('404 Client Error: Not Found for url: http://127.0.0.1:18080/missing')")).toBe(404);
    expect(statusIn('status code 503')).toBe(503);
    expect(statusIn('127.0.0.1 refused the connection')).toBeNull();
    expect(expectedStatus(10, 10, [{ endpoint: 'GET /missing', message: "HTTPError('404 Client Error')", count: 10 }])).toMatchObject({ status: 404 });
    expect(expectedStatus(100, 5, [{ endpoint: 'GET /items', message: "HTTPError('500 Server Error')", count: 5 }])).toEqual({ status: 200, basis: null });
    const q = (value: number) => ({ value, unit: 'count' as const, source: { kind: 'measured' as const, ref: 'run_stats.csv:2' } });
    const stats = (name: string, requests: number, errors: number) => ({
      name,
      requests: q(requests),
      errors: q(errors),
      error_rate: { ...q((100 * errors) / requests), unit: '%' as const },
      throughput: null,
      duration: null,
      latency: { p50: null, p90: null, p95: null, p99: null, max: null, mean: null },
    });
    const result = {
      files: [{ path: 'run_stats.csv', format: 'locust-stats' as const }],
      mergeable: false,
      history: [],
      notes: [],
      overall: stats('overall', 110, 10),
      endpoints: [stats('GET /items', 100, 0), stats('GET /missing', 10, 10)],
      errors: [{ endpoint: 'GET /missing', message: "HTTPError('404 Client Error: Not Found for url: http://x/missing')", count: 10 }],
    };
    const judgement: string[] = [];
    const endpoints = scriptEndpoints(result, [], judgement);
    expect(endpoints.map((e) => [e.path, e.expectStatus])).toEqual([
      ['/items', 200],
      ['/missing', 404],
    ]);
    expect(judgement).toEqual([
      'GET /missing: every one of its 10 requests answered 404 in the evidence; the script checks 404: fix the endpoint or take it out of the script',
    ]);
    const spec = scriptSpec(scenarioPlans(5, null, null), endpoints, 'http://localhost:1', { users: 5, thinkSeconds: 1, basis: '', measured: false }, null);
    expect(spec.endpoints.map((e) => e.expectStatus)).toEqual([200, 404]);
  });

  it('a phase is covered when every table the validator requires is emitted', () => {
    expect(coverage(['current_metrics', 'slos', 'findings'])).toEqual({ covered: [1], partial: [2] });
    expect(coverage(['bottleneck_map', 'scaling_triggers', 'load_projections'])).toEqual({ covered: [2, 6], partial: [] });
    expect(coverage(['test_scenarios'])).toEqual({ covered: [], partial: [3] });
  });
});

/** Audits a fixture directory into a temporary one; returns the outcome and what it wrote. */
async function auditFixture(rel: string): Promise<{ code: number; summary: Summary; md: string; evidence: string }> {
  const out = await mkdtemp(path.join(tmpdir(), 'ace-audit-fixture-'));
  try {
    const { code, summary } = await auditOf(fileURLToPath(new URL(rel, import.meta.url)), out);
    const md = await readFile(path.join(out, 'report.md'), 'utf8');
    const evidence = await readFile(path.join(out, 'evidence.json'), 'utf8');
    return { code, summary, md, evidence };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

it('ace audit on k6 outputs of three unrelated runs (real files): one run for the baseline, a valid report', async () => {
  const { code, summary, md, evidence } = await auditFixture('./fixtures/loadtests/k6');
  expect(code).toBe(0);
  expect(summary.violations).toEqual([]);
  expect(summary.phases).toEqual(expect.arrayContaining([1, 3, 7]));
  expect(JSON.stringify(JSON.parse(evidence))).toMatch(/ndjson-ticket-reserve\.json/);
  // The SLO dashboard reads a test of seconds, not the years between the runs' files.
  expect(md).not.toMatch(/\b\d{3,} (days|jours)\b/);
});

it('ace audit on a real stepped JMeter run: the scaling triggers come from the JTL’s own thread counts', async () => {
  const { code, summary, md } = await auditFixture('./fixtures/loadtests/jmeter/jmeter213/steps');
  expect(code).toBe(0);
  expect(summary.violations).toEqual([]);
  expect(summary.emitted).toContain('scaling_triggers');
  expect(md).toMatch(/results\.jtl/);
  expect(md).toMatch(/16 users/);
});

it('ace audit explains a usage error', async () => {
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await run([])).toBe(2);
    expect(await run([example, '--lang', 'de'])).toBe(2);
  } finally {
    err.mockRestore();
  }
});
