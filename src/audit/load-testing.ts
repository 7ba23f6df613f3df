/**
 * Phase 3: the five test scenarios (smoke, load, stress, spike, soak) and the script that runs
 * them one after the other, sized from the measured load. The measured level N (the top user
 * level of the run's history, or the concurrency Little's law gives) and the think time Z that
 * makes N virtual users reproduce the throughput X measured at that level (closed loop:
 * N = X · (W + Z), W the mean latency) come from the evidence (the levels are capacity_fit's, read
 * from the run's full history); stage lengths and multiples are defaults.
 */
import type { CapacityFit, LoadTestResult } from './types.js';
import { type ReportLanguage, inLanguage } from '../report/headings.js';
import { DEFAULT_SLO, DEFAULT_TARGETS } from './baseline.js';
import { type AuditContext, judged } from './context.js';
import { type FoundEndpoint, scriptEndpoints } from './endpoints.js';
import { significant } from '../numbers.js';

export interface Sizing {
  /** Virtual users of the load scenario: the measured level. */
  users: number;
  /** The throughput those users made, req/s, when measured. */
  rps?: number;
  /** Think time per request, seconds. */
  thinkSeconds: number;
  /** How both were derived, for the log. */
  basis: string;
  /** True when they come from the evidence rather than defaults. */
  measured: boolean;
}

/** `levels`: the (concurrency, throughput) levels capacity_fit read from the run's history, when it has one. */
export function sizeFromEvidence(r: LoadTestResult, levels: CapacityFit['levels'] = null): Sizing {
  const overallX = r.overall.throughput?.value;
  const meanMs = r.overall.latency.mean?.value;
  const points = levels?.points ?? [];
  const users = Math.max(0, ...r.history.map((h) => h.users), ...points.map((p) => p.concurrency));
  const ref = r.files.map((f) => f.path).join(', ');
  // The throughput those users made: the top level of the history (a ramp or steps run below
  // it), as capacity_fit read it, else the whole run's.
  const top = points.find((p) => p.concurrency === users);
  const x = top?.throughput ?? overallX;
  if (users > 0 && x && meanMs !== undefined) {
    const z = Math.max(0, users / x - meanMs / 1000);
    const thinkSeconds = Math.round(z * 100) / 100;
    const at = top ? `${significant(x, 4)} req/s in its seconds at that level` : `${significant(x, 4)} req/s`;
    return {
      users,
      rps: x,
      thinkSeconds,
      basis: `${users} users measured at ${at} and ${significant(meanMs, 3)} ms mean latency (${ref}); closed loop N = X(W + Z) gives ${thinkSeconds} s of think time`,
      measured: true,
    };
  }
  if (x && meanMs !== undefined && meanMs > 0) {
    const users = Math.max(1, Math.round((x * meanMs) / 1000));
    return {
      users,
      rps: x,
      thinkSeconds: 0,
      basis: `Little's law L = X × W: ${significant(x, 4)} req/s × ${significant(meanMs, 3)} ms = ${users} requests in flight (${ref}); no think time`,
      measured: true,
    };
  }
  return { users: 10, thinkSeconds: 1, basis: 'no concurrency in the evidence: 10 users and 1 s think time are defaults', measured: false };
}

interface Plan {
  kind: 'smoke' | 'load' | 'stress' | 'spike' | 'soak';
  pattern: string;
  users: number[];
  objective: string;
  /** k6 stages, or a constant number of VUs for `constant`. */
  stages?: Array<{ duration: string; target: number }>;
  constant?: { vus: number; duration: string };
  /** The table's duration. */
  duration: { value: number; unit: 's' | 'min' | 'h' };
}

/** The latency the load run's threshold guards: the measured P95, else the P99 (wrk, autocannon). */
export interface GuardedLatency {
  percentile: 'P95' | 'P99';
  ms: number;
}

export function guardedLatency(r: LoadTestResult): GuardedLatency | null {
  const { p95, p99 } = r.overall.latency;
  if (p95) return { percentile: 'P95', ms: p95.value };
  return p99 ? { percentile: 'P99', ms: p99.value } : null;
}

/** The five scenarios for a measured level of N users. */
export function scenarioPlans(n: number, x: number | null, latency: GuardedLatency | null, language: ReportLanguage = 'en'): Plan[] {
  const at = x ? inLanguage(language, { fr: ` (${significant(x, 4)} req/s mesures)`, en: ` (${significant(x, 4)} req/s measured)` }) : '';
  const ms = latency ? significant(latency.ms, 3) : 0;
  const within = !latency
    ? ''
    : latency.percentile === 'P95'
      ? inLanguage(language, { fr: `, P95 a 20 % pres des ${ms} ms mesures`, en: `, P95 within 20 % of the measured ${ms} ms` })
      : inLanguage(language, { fr: `, P95 sous 1,2x le P99 mesure de ${ms} ms`, en: `, P95 under 1.2x the measured P99 of ${ms} ms` });
  return [
    {
      kind: 'smoke',
      pattern: inLanguage(language, { fr: 'Constant, 1 utilisateur', en: 'Constant, 1 user' }),
      users: [1],
      constant: { vus: 1, duration: '1m' },
      duration: { value: 1, unit: 'min' },
      objective: inLanguage(language, {
        fr: 'Chaque endpoint repond et chaque check passe, avant toute charge',
        en: 'Every endpoint answers and every check passes before any load',
      }),
    },
    {
      kind: 'load',
      pattern: inLanguage(language, { fr: 'Montee au niveau mesure, palier de 5 min', en: 'Ramp to the measured level, hold 5 min' }),
      users: [0, n],
      stages: [
        { duration: '1m', target: n },
        { duration: '5m', target: n },
        { duration: '1m', target: 0 },
      ],
      duration: { value: 7, unit: 'min' },
      objective: inLanguage(language, {
        fr: `Reproduire la charge mesuree : ${n} utilisateurs${at}${within}`,
        en: `Reproduce the measured load: ${n} users${at}${within}`,
      }),
    },
    {
      kind: 'stress',
      pattern: inLanguage(language, { fr: 'Paliers a 2x et 3x le niveau mesure', en: 'Steps to 2x and 3x the measured level' }),
      users: [0, 2 * n, 3 * n],
      stages: [
        { duration: '2m', target: 2 * n },
        { duration: '3m', target: 2 * n },
        { duration: '2m', target: 3 * n },
        { duration: '3m', target: 3 * n },
        { duration: '2m', target: 0 },
      ],
      duration: { value: 12, unit: 'min' },
      objective: inLanguage(language, {
        fr: `Trouver la charge ou le debit cesse de croitre : les mesures vont jusqu'a ${n} utilisateurs`,
        en: `Find the load where throughput stops growing: the evidence goes up to ${n} users`,
      }),
    },
    {
      kind: 'spike',
      pattern: inLanguage(language, { fr: 'Pic a 5x le niveau mesure pendant 1 min', en: 'Burst to 5x the measured level for 1 min' }),
      users: [n, 5 * n, n],
      stages: [
        { duration: '30s', target: n },
        { duration: '10s', target: 5 * n },
        { duration: '1m', target: 5 * n },
        { duration: '10s', target: n },
        { duration: '1m', target: n },
        { duration: '30s', target: 0 },
      ],
      duration: { value: 200, unit: 's' },
      objective: inLanguage(language, {
        fr: "Reprise : taux d'erreur et P95 revenus aux valeurs du test de charge 1 min apres le pic",
        en: 'Recovery: error rate and P95 back to the load-run values within 1 min of the burst',
      }),
    },
    {
      kind: 'soak',
      pattern: inLanguage(language, { fr: 'Constant au niveau mesure pendant 2 h', en: 'Constant at the measured level for 2 h' }),
      users: [n],
      constant: { vus: n, duration: '2h' },
      duration: { value: 2, unit: 'h' },
      objective: inLanguage(language, {
        fr: "P95, taux d'erreur et memoire stables sur 2 h (fuites, pools epuises)",
        en: 'Stable P95, error rate and memory over 2 h (leaks, pool exhaustion)',
      }),
    },
  ];
}

const SECONDS = { s: 1, min: 60, h: 3600 } as const;
/** Pause between two scenarios, for graceful stops. */
const GAP_S = 30;

function k6Duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}

function stepName(e: FoundEndpoint, used: Set<string>): string {
  let base = `${e.method.toLowerCase()}_${
    e.path
      .replace(/[^a-z0-9]+/gi, '_')
      .replace(/^_+|_+$/g, '')
      .toLowerCase() || 'root'
  }`.slice(0, 36);
  if (!/^[a-z]/.test(base)) base = `e_${base}`.slice(0, 36);
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
  used.add(n);
  return n;
}

export function scriptSpec(plans: readonly Plan[], endpoints: readonly FoundEndpoint[], baseUrl: string, sizing: Sizing, latency: GuardedLatency | null) {
  const total = endpoints.reduce((s, e) => s + e.requests, 0) || 1;
  const used = new Set<string>();
  let start = 0;
  const scenarios = plans.map((p) => {
    const startTime = start > 0 ? { startTime: k6Duration(start) } : {};
    start += p.duration.value * SECONDS[p.duration.unit] + GAP_S;
    return p.constant
      ? { name: p.kind, kind: p.kind, ...startTime, executor: 'constant-vus', vus: p.constant.vus, duration: p.constant.duration }
      : { name: p.kind, kind: p.kind, ...startTime, executor: 'ramping-vus', startVUs: 0, stages: p.stages };
  });
  const budget = significant((100 - DEFAULT_SLO.objective) / 100, 6);
  return {
    baseUrl,
    scenarios,
    endpoints: endpoints.map((e) => ({
      name: stepName(e, used),
      method: e.method,
      path: e.path,
      weight: Math.min(100, Math.max(1, Math.round((100 * e.requests) / total))),
      expectStatus: e.expectStatus ?? 200,
    })),
    thresholds: [
      { metric: 'http_req_duration{scenario_kind:load}', expressions: [`p(95)<${Math.max(1, Math.ceil((latency?.ms ?? DEFAULT_TARGETS.p95) * 1.2))}`] },
      { metric: 'http_req_failed{scenario_kind:load}', expressions: [`rate<${budget}`] },
    ],
    thinkTimeSeconds: sizing.thinkSeconds,
  };
}

/** Emits the scenarios table, then the script that implements it; false when no endpoint can be scripted. */
export async function auditLoadTesting(ctx: AuditContext, primary: LoadTestResult, baseUrl: string | null, capacity: CapacityFit | null): Promise<boolean> {
  const endpoints = scriptEndpoints(primary, ctx.log, ctx.judgement);
  if (endpoints.length === 0) return false;
  const sizing = sizeFromEvidence(primary, capacity?.levels ?? null);
  const x = sizing.rps ?? primary.overall.throughput?.value ?? null;
  const latency = guardedLatency(primary);
  const plans = scenarioPlans(sizing.users, x, latency, ctx.language);
  ctx.log.push(`load-test sizing: ${sizing.basis}`);
  await ctx.ace.call('emit_test_scenarios', {
    rows: plans.map((p) => ({
      kind: p.kind,
      pattern: p.pattern,
      users: p.users,
      duration: { ...p.duration, source: judged(inLanguage(ctx.language, { fr: 'durees des paliers', en: 'stage lengths' }), ctx.language) },
      objective: p.objective,
    })),
  });
  await ctx.ace.call('emit_test_script', scriptSpec(plans, endpoints, baseUrl ?? 'http://localhost:8080', sizing, latency));
  ctx.judgement.push(
    `test scenarios: ${sizing.measured ? `the load level (${sizing.users} users, ${sizing.thinkSeconds} s think time) comes from the evidence` : sizing.basis}; ` +
      `stage lengths, the 2x/3x/5x multiples and the thresholds (P95 under 1.2x the measured ${latency?.percentile ?? 'default target'}, errors within the default SLO budget) are defaults to adjust`,
  );
  if (!baseUrl) ctx.judgement.push("the script's base URL is a default (no URL in the evidence): set BASE_URL");
  return true;
}
