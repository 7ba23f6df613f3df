/**
 * The test that proves the method matters: on the same A/B pairs as calibration-ab.test.ts,
 * resampling single requests (ignoring autocorrelation) gives P95 intervals that miss the
 * true +20 % far more often than blocks of time do.
 */
import { expect, it } from 'vitest';
import { compareRuns } from './compare.js';
import { CALIBRATION, CALIBRATION_PAIRS, CALIBRATION_RESAMPLES, syntheticRun } from './synthetic.js';

const TRUE_CHANGE_PCT = 20;

it(`single-request resampling covers the true P95 change in fewer than 75 % of ${CALIBRATION_PAIRS} pairs`, () => {
  let covered = 0;
  let width = 0;
  for (let k = 0; k < CALIBRATION_PAIRS; k++) {
    const before = syntheticRun({ ...CALIBRATION, seed: 20_000 + 2 * k });
    const after = syntheticRun({ ...CALIBRATION, seed: 20_001 + 2 * k, scale: 1 + TRUE_CHANGE_PCT / 100 });
    const r = compareRuns(before, after, { seed: k + 1, resamples: CALIBRATION_RESAMPLES, resampling: 'requests' });
    expect(r.method).toBe('request-bootstrap');
    const [lo, hi] = r.metrics.find((m) => m.endpoint === '*' && m.metric === 'p95')!.ci_pct!;
    if (lo <= TRUE_CHANGE_PCT && TRUE_CHANGE_PCT <= hi) covered++;
    width += hi - lo;
  }
  console.log(
    `A/B single-request bootstrap: P95 interval coverage ${covered}/${CALIBRATION_PAIRS}, mean width ${(width / CALIBRATION_PAIRS).toFixed(1)} points`,
  );
  expect(covered).toBeLessThan(0.75 * CALIBRATION_PAIRS);
});
