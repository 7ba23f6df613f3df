/**
 * The shape of a fitted USL curve, for drawing and reading it: the knee (where throughput falls
 * to half of linear scaling) and the curve sampled over the range worth showing.
 */
import { uslThroughput } from './capacity.js';

export interface UslParams {
  sigma: number;
  kappa: number;
  lambda: number;
}

/** Points of a sampled curve. */
export const CURVE_POINTS = 100;

/** N where X(N)/(λN) = 1/2, i.e. κN² + (σ − κ)N − (1 + σ) = 0; null when nothing contends. */
export function uslKnee(sigma: number, kappa: number): number | null {
  if (kappa > 0) {
    const b = sigma - kappa;
    return (-b + Math.sqrt(b * b + 4 * kappa * (1 + sigma))) / (2 * kappa);
  }
  return sigma > 0 ? 1 + 1 / sigma : null;
}

/**
 * The curve sampled at CURVE_POINTS concurrencies from 1 to 1.05 × the furthest of the largest
 * measured N, N* and the knee (these two only when within 3 × the measured range).
 */
export function uslCurve(p: UslParams, maxMeasured: number, peak: number | null): { n: number; x: number }[] {
  const knee = uslKnee(p.sigma, p.kappa);
  const maxN = Math.max(maxMeasured, 1);
  const near = (n: number | null) => (n !== null && n <= 3 * maxN ? n : 0);
  const end = Math.max(maxN, near(peak), near(knee)) * 1.05;
  return Array.from({ length: CURVE_POINTS }, (_, i) => {
    const n = 1 + ((end - 1) * i) / (CURVE_POINTS - 1);
    return { n, x: uslThroughput(n, p) };
  });
}
