/**
 * Synthetic load-test runs for calibration: requests at a steady arrival rate (uniform jitter
 * within each slot), log-normal latencies driven by a stationary AR(1) process
 * z_i = ρ z_{i−1} + √(1 − ρ²) ε_i (so requests close in time are slow together, as when a
 * server's queue builds up), latency_i = scale · median · exp(σ z_i), independent errors.
 * Every percentile of the population is scale · median · exp(σ Φ⁻¹(p)): a scale of 1.2 is
 * exactly a 20 % slowdown of every percentile.
 */
import { Rng } from './rng.js';
import type { RawRun, RawSample } from './types.js';

export interface SyntheticOptions {
  seed: number;
  requests: number;
  ratePerS: number;
  rho: number;
  sigma: number;
  medianMs: number;
  scale?: number;
  errorRate?: number;
  endpoint?: string;
  startMs?: number;
}

export function syntheticSamples(o: SyntheticOptions): RawSample[] {
  const rng = new Rng(o.seed);
  const gap = 1000 / o.ratePerS;
  const innovation = Math.sqrt(1 - o.rho * o.rho);
  const scale = (o.scale ?? 1) * o.medianMs;
  const start = o.startMs ?? 0;
  const out: RawSample[] = new Array(o.requests);
  let z = rng.normal();
  for (let i = 0; i < o.requests; i++) {
    z = o.rho * z + innovation * rng.normal();
    const s: RawSample = { t_ms: start + (i + rng.next()) * gap, latency_ms: scale * Math.exp(o.sigma * z), ok: rng.next() >= (o.errorRate ?? 0) };
    if (o.endpoint !== undefined) s.endpoint = o.endpoint;
    out[i] = s;
  }
  return out;
}

export function syntheticRun(o: SyntheticOptions): RawRun {
  return { kind: 'raw', samples: syntheticSamples(o) };
}

/**
 * The calibration scenario of the acceptance tests: 8 000 requests per side (80 req/s for
 * 100 s), AR(1) ρ = 0.85 per request (integrated autocorrelation time ≈ 12 requests), σ = 0.2
 * (P99 ≈ 1.6 × P50), 0.2 % independent errors, 250 bootstrap replicates per side (production
 * default 1000; fewer keep 600 comparisons within the tests' time budget).
 */
export const CALIBRATION = { requests: 8000, ratePerS: 80, rho: 0.85, sigma: 0.2, medianMs: 100, errorRate: 0.002 } as const;
export const CALIBRATION_RESAMPLES = 250;
export const CALIBRATION_PAIRS = 200;
