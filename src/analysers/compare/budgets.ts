/**
 * Performance budgets in k6's own `thresholds` object form, checked against a run:
 * `{"thresholds": {"http_req_duration{name:/items}": ["p(95)<300"], "http_req_failed": ["rate<0.01"]}}`.
 * The grammar is k6's (report/scripts/thresholds.ts). Metrics Ace can measure from results:
 *  - http_req_duration (ms): p(N), avg, med, min, max;
 *  - http_req_failed: rate (a fraction, as k6's: 0.01 is 1 %);
 *  - http_reqs: count, rate (req/s).
 * Tags: `name` (the endpoint: "GET /items" matches name:/items), `method`, and
 * `expected_response:true` (successful requests only; raw results only).
 * With several runs, a budget must hold in every one; the worst run's value is reported.
 */
import { EvidenceError, UserInputError } from '../../errors.js';
import { checkK6Threshold } from '../../report/scripts/thresholds.js';
import { quantileSorted } from './quantile.js';
import { throughputOf } from './summarise.js';
import type { RawSample, Run, SummaryStats } from './types.js';
import { significant } from '../../numbers.js';

export interface Budget {
  /** The key as written: `http_req_duration{name:/items}`. */
  key: string;
  expression: string;
  metric: 'http_req_duration' | 'http_req_failed' | 'http_reqs';
  tags: { name?: string; method?: string; expected_response?: boolean };
  aggregation: string;
  percentile?: number;
  operator: string;
  value: number;
}

export interface BudgetResult {
  key: string;
  expression: string;
  /** The measured value (worst run), in the metric's k6 unit. */
  value: number;
  ok: boolean;
  /** "p(95) = 312 ms on GET /items (run 2 of 3)". */
  detail: string;
}

const SUPPORTED = new Set(['http_req_duration', 'http_req_failed', 'http_reqs']);
const MAX_BUDGETS = 500;

function parseTags(body: string, key: string): Budget['tags'] {
  const tags: Budget['tags'] = {};
  for (const part of body.split(',').filter((p) => p.trim() !== '')) {
    const i = part.indexOf(':');
    const [k, v] = i === -1 ? [part.trim(), ''] : [part.slice(0, i).trim(), part.slice(i + 1).trim()];
    if (k === 'name' || k === 'method') tags[k] = v;
    else if (k === 'expected_response' && (v === 'true' || v === 'false')) tags.expected_response = v === 'true';
    else throw new UserInputError(`budget ${key}: the tag "${k}" cannot be checked from results (supported: name, method, expected_response)`);
  }
  return tags;
}

/** Reads `{"thresholds": {...}}` (or the thresholds object itself); bad budgets are the user's to fix. */
export function parseBudgets(json: unknown): Budget[] {
  const obj = json !== null && typeof json === 'object' && 'thresholds' in json ? (json as { thresholds: unknown }).thresholds : json;
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    throw new UserInputError('budgets must be {"thresholds": {"<metric>{<tag>:<value>}": ["<expression>", ...]}}, as in k6 options');
  const out: Budget[] = [];
  for (const [key, list] of Object.entries(obj as Record<string, unknown>)) {
    const items = Array.isArray(list) ? list : [list];
    for (const item of items) {
      const expression =
        typeof item === 'string'
          ? item
          : item !== null && typeof item === 'object' && typeof (item as { threshold?: unknown }).threshold === 'string'
            ? (item as { threshold: string }).threshold
            : null;
      if (expression === null) throw new UserInputError(`budget ${key}: each threshold is a string such as "p(95)<300" (or {"threshold": "..."})`);
      const check = checkK6Threshold(key, expression);
      if (!check.ok) throw new UserInputError(`budget ${check.message}`);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\{([^{}]*)\})?$/.exec(key.trim())!;
      if (!SUPPORTED.has(m[1]!))
        throw new UserInputError(`budget ${key}: Ace checks http_req_duration, http_req_failed and http_reqs from results, not ${m[1]}`);
      out.push({
        key,
        expression,
        metric: m[1] as Budget['metric'],
        tags: parseTags(m[2] ?? '', key),
        aggregation: check.aggregation,
        ...(check.percentile !== undefined ? { percentile: check.percentile } : {}),
        operator: check.operator,
        value: check.value,
      });
      if (out.length > MAX_BUDGETS) throw new UserInputError(`more than ${MAX_BUDGETS} budgets`);
    }
  }
  return out;
}

function holds(value: number, op: string, bound: number): boolean {
  switch (op) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
    case '!=':
      return value !== bound;
    default:
      return value === bound;
  }
}

/** Does endpoint `e` ("GET /items", "/items", a URL) carry these tags? */
export function endpointMatches(e: string, tags: Budget['tags']): boolean {
  if (tags.name !== undefined && e !== tags.name && !e.endsWith(` ${tags.name}`)) return false;
  if (tags.method !== undefined && !e.startsWith(`${tags.method} `)) return false;
  return true;
}

const where = (b: Budget) => (b.tags.name || b.tags.method ? `${[b.tags.method, b.tags.name].filter(Boolean).join(' ')}` : 'all requests');

function rawValue(b: Budget, samples: readonly RawSample[], durationS: number | null): number | null {
  let pick = samples.filter((s) => endpointMatches(s.endpoint ?? '', b.tags));
  if (b.tags.expected_response !== undefined) pick = pick.filter((s) => s.ok === b.tags.expected_response);
  if (pick.length === 0) return null;
  if (b.metric === 'http_req_failed') return pick.filter((s) => !s.ok).length / pick.length;
  if (b.metric === 'http_reqs') return b.aggregation === 'count' ? pick.length : durationS ? pick.length / durationS : null;
  const lat = Float64Array.from(pick.map((s) => s.latency_ms)).sort();
  if (b.aggregation === 'avg') return lat.reduce((a, x) => a + x, 0) / lat.length;
  if (b.aggregation === 'min') return lat[0]!;
  if (b.aggregation === 'max') return lat[lat.length - 1]!;
  return quantileSorted(lat, b.aggregation === 'med' ? 0.5 : b.percentile! / 100);
}

function summaryValue(b: Budget, s: SummaryStats): number | null {
  if (b.metric === 'http_req_failed') return s.requests > 0 ? s.errors / s.requests : null;
  if (b.metric === 'http_reqs') return b.aggregation === 'count' ? s.requests : throughputOf(s);
  const key =
    b.aggregation === 'avg'
      ? 'mean'
      : b.aggregation === 'med'
        ? 'p50'
        : b.aggregation === 'max'
          ? 'max'
          : b.percentile !== undefined
            ? `p${b.percentile}`
            : null;
  const v = key && key in s ? (s as unknown as Record<string, number | null | undefined>)[key] : null;
  return typeof v === 'number' ? v : null;
}

function runValue(b: Budget, run: Run): number | null {
  if (run.kind === 'raw') {
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of run.samples) {
      if (s.t_ms < lo) lo = s.t_ms;
      if (s.t_ms > hi) hi = s.t_ms;
    }
    const span = hi > lo ? (hi - lo) / 1000 : 0;
    return rawValue(b, run.samples, run.load?.duration_s ?? (span > 0 ? span : null));
  }
  if (b.tags.expected_response !== undefined) return null;
  if (!b.tags.name && !b.tags.method) return summaryValue(b, run.overall);
  const names = Object.keys(run.endpoints ?? {}).filter((e) => endpointMatches(e, b.tags));
  if (names.length !== 1) return null;
  return summaryValue(b, run.endpoints![names[0]!]!);
}

const UNIT: Record<Budget['metric'], string> = { http_req_duration: ' ms', http_req_failed: '', http_reqs: '' };

/**
 * Checks every budget on every run. A budget that cannot be measured from the evidence (no
 * such endpoint, a percentile the summary lacks) is an EvidenceError: the gate cannot answer.
 */
export function evaluateBudgets(budgets: readonly Budget[], runs: readonly Run[]): BudgetResult[] {
  return budgets.map((b) => {
    let worst: { value: number; ok: boolean; run: number } | null = null;
    runs.forEach((run, i) => {
      const value = runValue(b, run);
      if (value === null) {
        throw new EvidenceError(
          run.label ?? null,
          null,
          `budget ${b.key}: ${b.expression} cannot be measured from this result (${where(b)}: no such endpoint, or a figure the tool did not write)`,
        );
      }
      const ok = holds(value, b.operator, b.value);
      if (worst === null || (worst.ok && !ok)) worst = { value, ok, run: i };
    });
    const w = worst as { value: number; ok: boolean; run: number } | null;
    if (w === null) throw new EvidenceError(null, null, 'no run to check the budgets against');
    const agg = b.aggregation;
    const shown = significant(w.value, 4);
    const of = runs.length > 1 ? ` (run ${w.run + 1} of ${runs.length}${w.ok ? ', all hold' : ''})` : '';
    return { key: b.key, expression: b.expression, value: w.value, ok: w.ok, detail: `${agg} = ${shown}${UNIT[b.metric]} on ${where(b)}${of}` };
  });
}
