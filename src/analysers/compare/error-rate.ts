/**
 * Error rates: Newcombe's hybrid score interval (proportions.ts) for the difference
 * after − before, and the verdict on that absolute difference in percentage points with the
 * threshold δ = max(floor, τ × before rate): a rise from 0 % counts once it passes the floor
 * (0.1 pp by default), a rise from 10 % must pass τ × 10 % = 0.5 pp as well.
 *
 * Failures come in bursts (a restart, a saturated pool), so requests are not independent
 * trials. For raw runs the counts enter Newcombe's formula as an effective sample size
 * n / deff, with the design effect deff ≥ 1 estimated by batch means: the variance of the
 * error proportion between blocks of the resampling block length, over its binomial value.
 */
import { normalCdf } from './distributions.js';
import { newcombe } from './proportions.js';
import { decide, type Decision } from './verdict.js';

export const DEFAULT_ERROR_FLOOR_PP = 0.25;

export interface ErrorCounts {
  requests: number;
  errors: number;
  /** Design effect (1 = independent requests). */
  deff?: number;
}

export interface ErrorRateResult {
  beforePct: number;
  afterPct: number;
  changePp: number;
  ciPp: [number, number];
  changePct: number | null;
  thresholdPp: number;
  /** Two-sided p of the score test (pooled proportion, effective sample sizes). */
  pValue: number;
  decision: Decision;
}

export function compareErrorRates(
  before: ErrorCounts,
  after: ErrorCounts,
  opts: { alpha: number; threshold: number; floorPp: number },
): ErrorRateResult | null {
  if (!(before.requests > 0 && after.requests > 0)) return null;
  const pb = before.errors / before.requests;
  const pa = after.errors / after.requests;
  const nb = before.requests / Math.max(1, before.deff ?? 1);
  const na = after.requests / Math.max(1, after.deff ?? 1);
  const ci = newcombe(pa * na, na, pb * nb, nb, opts.alpha);
  const thresholdPp = Math.max(opts.floorPp, 100 * opts.threshold * pb);
  const changePp = 100 * (pa - pb);
  const pooled = (pa * na + pb * nb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  const pValue = se > 0 ? 2 * (1 - normalCdf(Math.abs(pa - pb) / se)) : pa === pb ? 1 : 0;
  return {
    pValue,
    beforePct: 100 * pb,
    afterPct: 100 * pa,
    changePp,
    ciPp: [100 * ci.lo, 100 * ci.hi],
    changePct: pb > 0 ? 100 * (pa / pb - 1) : pa === 0 ? 0 : null,
    thresholdPp,
    decision: decide(changePp, 100 * ci.lo, 100 * ci.hi, thresholdPp, 'higher-is-worse', 'pp'),
  };
}

/**
 * Batch-means design effect of a proportion from per-bin requests and errors, batches of
 * `blockBins` consecutive bins. 1 when there are fewer than 5 batches or no error at all.
 */
export function designEffect(binRequests: ArrayLike<number>, binErrors: ArrayLike<number>, blockBins: number): number {
  const nbins = binRequests.length;
  const L = Math.max(1, Math.round(blockBins));
  const J = Math.floor(nbins / L);
  if (J < 5) return 1;
  let N = 0;
  let E = 0;
  for (let b = 0; b < J * L; b++) {
    N += binRequests[b]!;
    E += binErrors[b]!;
  }
  if (N === 0 || E === 0 || E === N) return 1;
  const p = E / N;
  let ss = 0;
  for (let j = 0; j < J; j++) {
    let n = 0;
    let e = 0;
    for (let b = j * L; b < (j + 1) * L; b++) {
      n += binRequests[b]!;
      e += binErrors[b]!;
    }
    ss += (e - p * n) ** 2;
  }
  const varBatch = ((J / (J - 1)) * ss) / (N * N);
  const varBinomial = (p * (1 - p)) / N;
  return Math.max(1, varBatch / varBinomial);
}
