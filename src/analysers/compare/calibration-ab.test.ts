/**
 * Acceptance: a 20 % slowdown (every percentile × 1.2) is found, and the 95 % interval of the
 * P95 change covers the true +20 % in at least 90 % of the pairs.
 */
import { expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { CALIBRATION, CALIBRATION_PAIRS, CALIBRATION_RESAMPLES, syntheticRun } from './synthetic.js';

export const TRUE_CHANGE_PCT = 20;

it(`a 20 % P95 slowdown is regressed in ≥ 95 % of ${CALIBRATION_PAIRS} A/B comparisons, its interval covering the truth in ≥ 90 %`, () => {
  let regressed = 0;
  let covered = 0;
  let width = 0;
  for (let k = 0; k < CALIBRATION_PAIRS; k++) {
    const before = syntheticRun({ ...CALIBRATION, seed: 20_000 + 2 * k });
    const after = syntheticRun({ ...CALIBRATION, seed: 20_001 + 2 * k, scale: 1 + TRUE_CHANGE_PCT / 100 });
    const r = compareRuns(before, after, { seed: k + 1, resamples: CALIBRATION_RESAMPLES });
    const p95 = r.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95')!;
    if (p95.verdict === 'regressed') regressed++;
    const [lo, hi] = p95.ci_pct!;
    if (lo <= TRUE_CHANGE_PCT && TRUE_CHANGE_PCT <= hi) covered++;
    width += hi - lo;
  }
  console.log(
    `A/B block bootstrap: P95 regressed ${regressed}/${CALIBRATION_PAIRS}, interval coverage ${covered}/${CALIBRATION_PAIRS}, mean width ${(width / CALIBRATION_PAIRS).toFixed(1)} points`,
  );
  expect(regressed).toBeGreaterThanOrEqual(0.95 * CALIBRATION_PAIRS);
  expect(covered).toBeGreaterThanOrEqual(0.9 * CALIBRATION_PAIRS);
});
