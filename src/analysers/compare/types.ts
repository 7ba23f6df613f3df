/**
 * BEFORE/AFTER comparison: the inputs the load-test layer fills, and the `--json` contract
 * (issue 12) that `compareRuns` returns. Pure data: no I/O anywhere under compare/.
 *
 * Inputs. Each side of a comparison is either one run or several runs (`Run[]`):
 *  - `RawRun`: one record per request, as k6 NDJSON / CSV and JMeter JTL hold them:
 *    `{ t_ms, latency_ms, ok, endpoint? }`. `t_ms` is the request's start in ms on any clock
 *    (epoch or since start); samples need not be sorted. `ok` is false for a failed request.
 *    `endpoint` is the route template / k6 name tag / JMeter label; absent means one
 *    endpoint. The overall row ('*') is computed from all samples.
 *  - `SummaryRun`: one pre-aggregated summary (Locust stats CSV, k6 end-of-test summary,
 *    autocannon, wrk, Gatling stats): per endpoint the tool's own request and error counts,
 *    throughput and percentiles (ms). The overall row goes in `overall`.
 *  - Several runs per side (`Run[]`, raw or summaries or both): each run is summarised and
 *    counts as ONE sample, benchstat's way.
 *  - `load` describes the load the run was driven with, when the tool or script tells it
 *    (VUs / users, arrival rate, duration, think time); unknown fields are left out.
 *
 * Units: latency ms, throughput req/s, error rate %, duration s, think time ms. Percentages in
 * the output (`change_pct`, `ci_pct`) are percent (20 means +20 %).
 */

export interface RawSample {
  t_ms: number;
  latency_ms: number;
  ok: boolean;
  endpoint?: string;
}

export interface LoadDescriptor {
  /** Virtual users / Locust users / JMeter threads / connections. */
  vus?: number;
  /** Open-model arrival rate, requests or iterations per second. */
  arrival_rate?: number;
  duration_s?: number;
  /** Mean think time between a user's requests (Locust wait_time, k6 sleep). */
  think_time_ms?: number;
}

export interface RawRun {
  kind: 'raw';
  samples: readonly RawSample[];
  load?: LoadDescriptor;
  /** Where the run came from ("results/before.json"), for notes. */
  label?: string;
}

export interface SummaryStats {
  requests: number;
  errors: number;
  /** req/s; when absent it is requests / duration_s if the duration is known. */
  throughput?: number | null;
  duration_s?: number | null;
  p50?: number | null;
  p90?: number | null;
  p95?: number | null;
  p99?: number | null;
  max?: number | null;
  mean?: number | null;
}

export interface SummaryRun {
  kind: 'summary';
  overall: SummaryStats;
  endpoints?: Record<string, SummaryStats>;
  load?: LoadDescriptor;
  label?: string;
}

export type Run = RawRun | SummaryRun;
/** One run, or several runs of the same test (each one sample). */
export type Side = Run | readonly Run[];

export interface CompareOptions {
  /** Two-sided significance level; intervals are (1 − α). Default 0.05. */
  alpha?: number;
  /** Noise threshold as a fraction (0.05 = 5 %): smaller changes are never a verdict. */
  threshold?: number;
  /**
   * Error rate: the smallest difference, in percentage points, that counts; the threshold
   * used is max(errorFloorPp, threshold × before rate). Default 0.1 pp.
   */
  errorFloorPp?: number;
  /** Relative tolerance between the two sides' load descriptors. Default 0.1 (10 %). */
  loadTolerance?: number;
  /** Bootstrap replicates per side. Default 1000. */
  resamples?: number;
  /** Seed of the resampling generator. Default 1. */
  seed?: number;
  /**
   * Resampling unit for raw runs: 'time-blocks' (the method) or 'requests' (single requests,
   * the naive bootstrap that ignores autocorrelation: for demonstration only).
   */
  resampling?: 'time-blocks' | 'requests';
  /** Largest per-side series that enters the bootstrap; longer ones are thinned. Default 10 000. */
  maxBootstrapSamples?: number;
}

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'inconclusive';
export type MetricName = 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'mean' | 'error_rate' | 'throughput';

export interface MetricComparison {
  /** Endpoint name, or '*' for all requests. */
  endpoint: string;
  metric: MetricName;
  /** ms for latencies, req/s for throughput, % for error_rate. */
  before: number | null;
  after: number | null;
  /** after / before − 1, in percent; null when before is 0 or a side lacks the metric. */
  change_pct: number | null;
  /** (1 − α) interval of change_pct; null when none can be given (error_rate: see ci_pp). */
  ci_pct: [number, number] | null;
  verdict: Verdict;
  /** Why the verdict is inconclusive (or what bounded it). */
  reason?: string;
  /** error_rate only: after − before in percentage points, and its Newcombe interval. */
  change_pp?: number;
  ci_pp?: [number, number];
  /**
   * Two-sided p-value of "no change": Mann–Whitney for several runs, the bootstrap normal
   * approximation (log change / bootstrap SD) for raw runs, the score test for error rates.
   */
  p_value?: number | null;
  /** Holm-adjusted over the comparison's deciding metrics (see verdict.ts). */
  p_adjusted?: number;
  /** Several runs per side: each median's order-statistic interval. */
  ci_before?: [number, number] | null;
  ci_after?: [number, number] | null;
  /** Request counts behind the row (raw runs and summaries). */
  requests?: { before: number; after: number };
}

export interface LoadDifference {
  field: keyof LoadDescriptor;
  before: number;
  after: number;
  /** after / before − 1, in percent. */
  change_pct: number;
}

export interface BlockInfo {
  endpoint: string;
  /** Width of one time bin (ms) and bins per side. */
  bin_ms: [number, number];
  /** Chosen block length in bins, per side, and in seconds. */
  length_bins: [number, number];
  length_s: [number, number];
  /** Bootstrap series thinned 1 in k (k = 1: every request), per side. */
  thinning: [number, number];
}

export interface Comparison {
  verdict: Verdict;
  metrics: MetricComparison[];
  notes: string[];
  method: 'block-bootstrap' | 'request-bootstrap' | 'runs' | 'summary';
  alpha: number;
  threshold_pct: number;
  runs_per_side: { before: number; after: number; needed?: number };
  /** Raw runs: the resampling blocks chosen for each endpoint. */
  blocks?: BlockInfo[];
  load_differences: LoadDifference[];
}
